import ArmoxAPI
import ArmoxRender

/// `clear`
enum ClearCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "clear", group: .session, synopsis: "clear",
        summary: "Clear the terminal's screen, as Ctrl-L does at the prompt.",
        flags: [], takesKeyValues: false, maxPositionals: 0,
        details: "Writes nothing when stdout is not a terminal: a pipe or a file never holds the escape.",
        examples: ["clear"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        CommandResult(value: nil, presentation: .clearScreen)
    }
}
