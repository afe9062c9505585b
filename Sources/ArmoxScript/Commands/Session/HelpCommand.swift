import ArmoxAPI
import Foundation

/// `help [command]`
enum HelpCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "help", group: .session, synopsis: "help [command]",
        summary: "This overview, or one command's syntax, flags and examples.",
        flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
        examples: ["help", "help run"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try evaluator.help(invocation)
    }

    /// Words known only at run time: checked when the script runs.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        invocation.hasWordsKnownOnlyAtRunTime ? evaluator.unknownResult(of: invocation) : nil
    }
}

extension Evaluator {
    func help(_ invocation: Invocation) throws -> CommandResult {
        guard let word = invocation.positionals.first else {
            return CommandResult(
                value: .string(CommandCatalog.overview), presentation: .text(CommandCatalog.overview(width: outputStyle().width)), textOnly: true)
        }
        guard let spec = CommandCatalog.byName[word.value.text] else {
            if let outside = Self.commandsOfTheExecutable[word.value.text] {
                return CommandResult(value: .string(outside), presentation: .text(outside), textOnly: true)
            }
            throw ScriptError(
                "no command \"\(word.value.text)\"",
                hint: Nearest.hint(for: word.value.text, among: CommandCatalog.names, otherwise: "help lists every command"),
                at: word.location)
        }
        return CommandResult(value: .string(spec.helpText), presentation: .text(spec.helpText), textOnly: true)
    }

    /// Words `armox` takes on the command line that are no statement: `help
    /// check` at the prompt says where they are.
    static let commandsOfTheExecutable: [String: String] = [
        "check": """
            check is run from your shell, not at this prompt: armox check FILE (or armox --dry-run FILE)
            validates and prices a script, sending nothing. armox help check shows its options.
            """,
        "sandbox": """
            sandbox is run from your shell, not at this prompt: armox sandbox serves the built-in
            stand-in of the API; armox --sandbox starts a shell on one. armox help sandbox shows its options.
            """,
    ]
}
