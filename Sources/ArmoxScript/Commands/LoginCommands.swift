import ArmoxAPI

extension Evaluator {
    /// `login` at the prompt: the key typed without echo, checked with
    /// `GET /account`, stored, and used by this session from the next statement.
    func login(_ invocation: Invocation) async throws -> CommandResult {
        guard let credentials = host.credentials else {
            throw ScriptError(
                "this session runs against the built-in sandbox, which needs no key",
                hint: "login stores a key for a real server: armox login", at: invocation.location)
        }
        if invocation.has("stdin") {
            throw ScriptError(
                "login --stdin reads a key piped into armox login, not at the prompt",
                hint: "at the prompt type login and paste the key (it is not shown); in a pipe: armox login --stdin < keyfile",
                at: invocation.location)
        }
        guard let readSecret = host.readSecret else {
            throw ScriptError(
                "login reads the key at a terminal, without echo; this session has none",
                hint: "armox login --stdin < keyfile, or set ARMOX_API_KEY", at: invocation.location)
        }
        let newClient: ArmoxClient
        let message: String
        do {
            let key = try KeyLogin.cleaned(try readSecret("API key for \(client.configuration.baseURL) (typing is hidden): "))
            keys.add(key)
            newClient = client.with(apiKey: key)
            do {
                message = try await KeyLogin.login(key: key, using: newClient, into: credentials)
            } catch {
                await newClient.shutdown()
                throw error
            }
        } catch let failure as KeyLogin.Failure {
            throw ScriptError(failure.message, hint: failure.hint, at: invocation.location, exitStatus: .apiError)
        }
        retiredClients.append(client)
        client = newClient
        var text = message
        if session.environment["ARMOX_API_KEY"] != nil {
            text += "\nnote: ARMOX_API_KEY is set and wins over the stored key in new sessions; this session uses the new key"
        }
        return CommandResult(value: .string(text), display: text, textOnly: true)
    }

    /// `logout`: forgets the key stored for this session's server (the
    /// session keeps the key it holds until it ends).
    func logout(_ invocation: Invocation) throws -> CommandResult {
        guard let credentials = host.credentials else {
            throw ScriptError("this session runs against the built-in sandbox, which needs no key", at: invocation.location)
        }
        do {
            let (removed, message, note) = try KeyLogin.logout(
                from: credentials, baseURL: client.configuration.baseURL, environment: session.environment)
            return CommandResult(value: .bool(removed), display: ([message] + [note].compactMap { $0 }).joined(separator: "\n"), textOnly: true)
        } catch {
            throw ScriptError("\(error)", at: invocation.location)
        }
    }
}
