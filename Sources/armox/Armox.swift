import ArgumentParser
import ArmoxAPI
import ArmoxRender
import ArmoxSandbox
import ArmoxScript
import ArmoxShell
import Foundation

/// Routes the command line to the right ArgumentParser command.
///
/// Why a router: `armox [options] FILE [args…]` takes everything from FILE on
/// as the script's own words (flags included), and ArgumentParser cannot hold
/// that passthrough argument beside subcommands: it would take `sandbox` or
/// `login` as FILE, and a default subcommand would take a script's `--flag` as
/// its own. So the words that are commands are found here, before FILE:
/// `sandbox` as the first word (it has options of its own), `login`,
/// `logout`, `check` and `help` after any of armox's options. Everything else
/// goes to the root command. A script named like one runs as `armox ./check`.
@main
enum Main {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        NonDumpable.apply()
        MallocTuning.apply()
        TerminalRestore.installCrashHandlers(environment: ProcessInfo.processInfo.environment)
        if let shell = CompletionScript.requestedShell(arguments) {
            // Generated from a tree without FILE, plus what FILE needs (see CompletionScript).
            Output.out(CompletionScript.text(for: shell))
        } else if arguments == ["--experimental-dump-help"] {
            // ArgumentParser's tree as JSON, for its generate-manual (scripts/install's man page):
            // the passthrough FILE would take the flag as a script's name.
            Output.out(Armox._dumpHelp() + "\n")
        } else if arguments.first == "sandbox" {
            await SandboxCommand.main(Array(arguments.dropFirst()))
        } else if let index = commandWordIndex(arguments, "login") {
            await LoginCommand.main(Array(arguments[..<index] + arguments[(index + 1)...]))
        } else if let index = commandWordIndex(arguments, "logout") {
            LogoutCommand.main(Array(arguments[..<index] + arguments[(index + 1)...]))
        } else if let index = commandWordIndex(arguments, "help") {
            // `armox help [command]`, a word the completion scripts offer.
            // The topic is one of armox's own words (check, login), else a statement's command (jobs).
            let topic = arguments.dropFirst(index + 1).first
            if let command = CompletionTree.configuration.subcommands.first(where: { $0.configuration.commandName == topic }) {
                Output.out(Armox.helpMessage(for: command) + "\n")
            } else if let topic, let spec = CommandCatalog.byName[topic] {
                Output.out(spec.helpText + "\n")
            } else if let topic {
                let hint = Nearest.hint(for: topic, among: CommandCatalog.names + ["check", "sandbox"], otherwise: "armox help lists the commands")
                Output.err("armox: no command \"\(TerminalText.printable(topic))\"\nhint: \(hint)\n")
                exit(ExitStatus.usage.rawValue)
            } else {
                Output.out(Armox.helpMessage() + "\n")
            }
        } else if let index = commandWordIndex(arguments, "check") {
            // `armox [options] check [options] FILE` is `armox --dry-run [options] FILE`.
            var rewritten = arguments
            rewritten[index] = "--dry-run"
            await Armox.main(rewritten)
        } else {
            await Armox.main(arguments)
        }
    }

    /// The options of `armox` whose value is the next word, read from
    /// ArgumentParser's own account of `GlobalOptions` (`_dumpHelp`, the JSON
    /// behind `--experimental-dump-help`), so this cannot drift from them.
    static let optionsTakingValues: [String] = {
        guard let root = try? JSONSerialization.jsonObject(with: Data(GlobalOptions._dumpHelp().utf8)) as? [String: Any],
            let command = root["command"] as? [String: Any], let arguments = command["arguments"] as? [[String: Any]]
        else { return [] }
        return arguments.filter { $0["kind"] as? String == "option" }.flatMap { argument in
            (argument["names"] as? [[String: Any]] ?? []).compactMap { name -> String? in
                guard let word = name["name"] as? String else { return nil }
                return (name["kind"] as? String == "long" ? "--" : "-") + word
            }
        }
    }()

    /// Where `word` stands as the first word that is neither an option nor an
    /// option's value: `armox --sandbox check x.armox` names the check, while
    /// `armox check.armox` and `armox -c check` do not.
    static func commandWordIndex(_ arguments: [String], _ word: String) -> Int? {
        // Most command lines hold no command word: the option list is then never read.
        guard arguments.contains(word) else { return nil }
        let takesValue = Set(optionsTakingValues)
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

/// The root command. `options.sandbox` and the like read `global`'s options.
@dynamicMemberLookup
struct Armox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "armox",
        abstract: "A shell and script runner for the Armox generative-model API.",
        discussion: """
            Start here:
              armox --sandbox          a shell on a built-in sandbox (no key, no network)
              armox login              store your API key: typed hidden, checked, 0600
              armox                    the shell against the API; help lists commands
              armox FILE.armox [ARGS]  run a script (armox check FILE prices it first)
              armox -c 'models video'  run statements and exit (or pipe them in)

            The key: --api-key-file, else ARMOX_API_KEY, else the one armox login stored.
            The server: --base-url, else ARMOX_BASE_URL, else \(ArmoxConfiguration.defaultBaseURL).
            ARMOX_TIMEOUT: seconds for each answer (default 60). NO_COLOR: plain output.
            """,
        version: Armox.versionLine,
        // Main dispatches these words itself (the FILE argument would take
        // them); listed here for --help and the shell completion scripts.
        subcommands: [SandboxCommand.self, CheckCommand.self, LoginCommand.self, LogoutCommand.self]
    )

    /// The options, in a group of their own so the completion scripts can be
    /// generated from a tree that has them without FILE (`CompletionScript`).
    @OptionGroup var global: GlobalOptions

    /// Everything from the script's path on belongs to the script (`$1`, `$args`),
    /// flags included: `armox make.armox --fast` hands `--fast` to the script.
    @ArgumentParser.Argument(
        parsing: .captureForPassthrough,
        help: ArgumentHelp("A .armox script, then its arguments ($1, $2, …).", valueName: "FILE"),
        completion: .file(extensions: ["armox"]))
    var scriptAndArguments: [String] = []

    subscript<Value>(dynamicMember option: KeyPath<GlobalOptions, Value>) -> Value { global[keyPath: option] }

    /// `armox 0.1.0 (commit 1fc6698a2b3c)`; the commit is left out outside a git checkout.
    static var versionLine: String {
        "armox \(ArmoxClient.version)" + (buildCommit.map { " (commit \($0))" } ?? "")
    }

    func validate() throws {
        if global.sandbox && global.baseURL != nil {
            throw ValidationError("--sandbox and --base-url name two different servers: choose one")
        }
        // Passthrough capture also takes the built-in flags when they come first.
        switch scriptAndArguments.first {
        case "--help", "-h", "-help": throw CleanExit.helpRequest(self)
        case "--version": throw CleanExit.message(Armox.versionLine)
        default: break
        }
        if let first = scriptAndArguments.first, first.hasPrefix("-"), first != "-" {
            throw ValidationError("unknown option '\(first)'")
        }
        if let budget = global.budget, budget < 0 {
            throw ValidationError("--budget must be a whole number of credits, 0 or more")
        }
        if global.statements != nil && !scriptAndArguments.isEmpty {
            throw ValidationError("give either -c STATEMENTS or a script FILE, not both")
        }
    }

    func run() async throws {
        let status = await Launch(options: self).run()
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
