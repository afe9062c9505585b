import ArgumentParser
import ArmoxAPI
import ArmoxSandbox
import ArmoxScript
import ArmoxShell
import Foundation

@main
enum Main {
    /// `armox sandbox …` goes straight to its subcommand: the root command's
    /// positional FILE argument would otherwise swallow the word "sandbox".
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        CrashGuard.install(environment: ProcessInfo.processInfo.environment)
        if arguments.first == "sandbox" {
            await SandboxCommand.main(Array(arguments.dropFirst()))
        } else if let index = commandWordIndex(arguments, "login") {
            await LoginCommand.main(Array(arguments[..<index] + arguments[(index + 1)...]))
        } else if let index = commandWordIndex(arguments, "logout") {
            LogoutCommand.main(Array(arguments[..<index] + arguments[(index + 1)...]))
        } else if let index = commandWordIndex(arguments, "check") {
            // `armox [options] check [options] FILE` is `armox --dry-run [options] FILE`.
            var rewritten = arguments
            rewritten[index] = "--dry-run"
            await Armox.main(rewritten)
        } else {
            await Armox.main(arguments)
        }
    }

    /// Where `word` stands as the first word that is neither an option nor an
    /// option's value: `armox --sandbox check x.armox` names the check, while
    /// `armox check.armox` and `armox -c check` do not.
    static func commandWordIndex(_ arguments: [String], _ word: String) -> Int? {
        let takesValue: Set<String> = ["--base-url", "--budget", "-c", "--api-key-file"]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { return nil }
            if takesValue.contains(argument) {
                index += 2
                continue
            }
            if argument.hasPrefix("-") && argument != "-" {
                index += 1
                continue
            }
            return argument == word ? index : nil
        }
        return nil
    }
}

struct Armox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "armox",
        abstract: "A shell and script runner for the Armox generative-model API.",
        discussion: """
            With no FILE and no -c, armox opens an interactive shell (or reads
            statements from stdin when it is not a terminal).

            The key: --api-key-file, else ARMOX_API_KEY, else the one armox login stored
            (armox login, armox logout). ARMOX_BASE_URL names the server (default \(ArmoxConfiguration.defaultBaseURL)).
            ARMOX_TIMEOUT: seconds allowed for each answer (default 60).
            Try everything with no key and no network: armox --sandbox
            Check a script and price it, spending nothing: armox check FILE
            """,
        version: ArmoxClient.version,
        subcommands: [SandboxCommand.self, LoginCommand.self, LogoutCommand.self]
    )

    @Flag(name: .long, help: "Run against a fresh built-in sandbox on loopback (no key, no network).")
    var sandbox = false

    @Option(name: .long, help: "API base URL (overrides ARMOX_BASE_URL).")
    var baseURL: String?

    @Flag(name: .long, help: "Machine-readable JSON output.")
    var json = false

    @Flag(name: .long, help: "Trace HTTP requests to stderr (the key redacted).")
    var verbose = false

    @Flag(name: .long, help: "Check the script instead of running it: validate and price every run, send none (armox check FILE).")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("Read the API key from this file (first line); wins over ARMOX_API_KEY and armox login's file.", valueName: "PATH"))
    var apiKeyFile: String?

    @Option(name: .long, help: ArgumentHelp("Refuse any run that would take this session's spending past N credits.", valueName: "N"))
    var budget: Int?

    @Option(name: .customShort("c"), help: ArgumentHelp("Run STATEMENTS and exit.", valueName: "STATEMENTS"))
    var statements: String?

    /// Everything from the script's path on belongs to the script (`$1`, `$args`),
    /// flags included: `armox make.armox --fast` hands `--fast` to the script.
    @ArgumentParser.Argument(
        parsing: .captureForPassthrough,
        help: ArgumentHelp("A .armox script to run, then its arguments ($1, $2, … in the script).", valueName: "FILE"))
    var scriptAndArguments: [String] = []

    func validate() throws {
        if sandbox && baseURL != nil {
            throw ValidationError("--sandbox and --base-url name two different servers: choose one")
        }
        // Passthrough capture also takes the built-in flags when they come first.
        switch scriptAndArguments.first {
        case "--help", "-h", "-help": throw CleanExit.helpRequest(self)
        case "--version": throw CleanExit.message(ArmoxClient.version)
        default: break
        }
        if let first = scriptAndArguments.first, first.hasPrefix("-"), first != "-" {
            throw ValidationError("unknown option '\(first)'")
        }
        if let budget, budget < 0 {
            throw ValidationError("--budget must be a whole number of credits, 0 or more")
        }
        if statements != nil && !scriptAndArguments.isEmpty {
            throw ValidationError("give either -c STATEMENTS or a script FILE, not both")
        }
    }

    func run() async throws {
        let status = await Launch(options: self).run()
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
