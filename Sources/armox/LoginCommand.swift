import ArgumentParser
import ArmoxAPI
import ArmoxScript
import ArmoxShell
import Foundation

/// `armox login [--stdin] [--base-url URL]`: stores a key for a server after
/// checking it. Dispatched by `Main` (like `sandbox`).
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        _superCommandName: "armox",
        abstract: "Store an API key (typed hidden or --stdin), checked, kept 0600.",
        discussion: """
            The key goes to $XDG_CONFIG_HOME/armox/credentials (default ~/.config/armox/credentials),
            one line per server, mode 0600 in a 0700 folder. A key the server refuses is not stored.
            Which key armox uses: --api-key-file, then ARMOX_API_KEY, then this file.
            """
    )

    @Flag(name: .long, help: "Read the key from stdin instead of the terminal.")
    var stdin = false

    @Option(name: .long, help: "The server the key is for (overrides ARMOX_BASE_URL).")
    var baseURL: String?

    @Flag(name: .long, help: "Trace HTTP requests to stderr (the key redacted).")
    var verbose = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let base = ArmoxConfiguration.resolve(environment: environment, baseURL: baseURL).baseURL
        let typed: String?
        if stdin {
            // A key is a line; a stdin that never ends is not one.
            typed = String(decoding: try FileHandle.standardInput.read(upToCount: 64 * 1024) ?? Data(), as: UTF8.self)
        } else if HiddenInput.isAvailable {
            switch HiddenInput.readLine(prompt: "API key for \(base) (typing is hidden): ") {
            case .line(let line): typed = line
            case .end: typed = nil
            case .interrupted: throw ExitCode(ExitStatus.interrupted.rawValue)
            }
        } else {
            Output.err("armox login: stdin is not a terminal, so the key cannot be typed hidden: pipe it with armox login --stdin\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        var trace: (@Sendable (String) -> Void)?
        if verbose { trace = { line in Output.err("[http] \(line)\n") } }
        let client = ArmoxClient(configuration: ArmoxConfiguration(baseURL: base), trace: trace)
        var typedKey: String?
        do {
            let key = try KeyLogin.cleaned(typed)
            typedKey = key
            let keyed = client.with(apiKey: key)
            defer { Task { await keyed.shutdown() } }
            let message = try await KeyLogin.login(key: key, using: keyed, into: .configured(environment: environment))
            Output.out(message + "\n")
            if environment["ARMOX_API_KEY"].map({ !$0.isEmpty }) == true {
                Output.err("note: ARMOX_API_KEY is set in this environment, and it wins over the stored key\n")
            }
            await client.shutdown()
        } catch let failure as KeyLogin.Failure {
            await client.shutdown()
            let text = "armox login: error: \(failure.message)\n" + (failure.hint.map { "hint: \($0)\n" } ?? "")
            Output.err(APIKeyRedaction.scrub(text, key: typedKey))
            throw ExitCode(ExitStatus.apiError.rawValue)
        }
    }
}

/// `armox logout [--base-url URL]`: removes the key stored for a server.
struct LogoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout", _superCommandName: "armox",
        abstract: "Remove the API key stored for a server by armox login.")

    @Option(name: .long, help: "The server whose key to remove (overrides ARMOX_BASE_URL).")
    var baseURL: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let base = ArmoxConfiguration.resolve(environment: environment, baseURL: baseURL).baseURL
        do {
            let (_, message, note) = try KeyLogin.logout(from: .configured(environment: environment), baseURL: base, environment: environment)
            Output.out(message + "\n")
            if let note { Output.err(note + "\n") }
        } catch {
            Output.err("armox logout: error: \(error)\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
    }
}
