import ArmoxAPI
import Foundation

/// `history [N]`
enum HistoryCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "history", group: .session, synopsis: "history [N]",
        summary: "The prompt's history, numbered: every entry kept, or the last N.",
        flags: [], takesKeyValues: false, maxPositionals: 1,
        details: """
            Entries persist in $XDG_STATE_HOME/armox/history (ARMOX_HISTFILE overrides it,
            /dev/null keeps none). Up and Ctrl-R recall them; a line holding an API key is never kept.
            """,
        examples: ["history", "history 20"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try evaluator.history(invocation)
    }

    /// It would ask the server or change something outside the session: its result is known only at run time.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        evaluator.unknownResult(of: invocation)
    }
}

extension Evaluator {
    /// `history [N]`: numbered like a shell's; a multi-line entry continues indented.
    func history(_ invocation: Invocation) throws -> CommandResult {
        guard let history = host.prompt?.entries else {
            throw ScriptError("history is kept only at the interactive prompt", hint: "start armox without a script to get one", at: invocation.location)
        }
        var first = 0
        if let word = invocation.positionals.first {
            guard let count = Int(word.value.text), count > 0 else {
                throw ScriptError("history takes a count of entries", hint: "history 20", at: word.location)
            }
            first = max(0, history.count - count)
        }
        let shown = history[first...]
        let width = String(history.count).count
        let lines = shown.enumerated().map { offset, entry in
            let number = String(first + offset + 1)
            let pad = String(repeating: " ", count: width - number.count)
            return "  \(pad)\(number)  " + entry.replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: width + 4))
        }
        return CommandResult(value: .list(shown.map(Value.string)), presentation: lines.isEmpty ? .line("no history yet") : .text(lines.joined(separator: "\n")))
    }
}
