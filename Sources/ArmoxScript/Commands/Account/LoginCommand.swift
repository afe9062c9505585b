import ArmoxAPI

/// `login [--stdin]`
enum LoginCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "login", group: .account, synopsis: "login [--stdin]",
        summary: "Store an API key for this server: typed without echo, checked with the server, kept in a 0600 file.",
        flags: [.init("stdin", nil, "read the key from stdin (armox login --stdin, in a pipe)")],
        takesKeyValues: false, maxPositionals: 0,
        details: """
            The key goes to $XDG_CONFIG_HOME/armox/credentials (default ~/.config/armox/credentials),
            mode 0600, one line per server. It is checked with GET /account first: a refused key is
            not stored. At the prompt the session switches to the new key at once. Which key a
            session uses: --api-key-file, then ARMOX_API_KEY, then this file.
            """,
        examples: ["login", "armox login --stdin < ~/armox.key"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.login(invocation)
    }

    /// It would ask the server or change something outside the session: its result is known only at run time.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        evaluator.unknownResult(of: invocation)
    }
}

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
        return CommandResult(value: .string(text), presentation: .text(text), textOnly: true)
    }
}
