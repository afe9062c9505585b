/// One command of the language, in one file: how it is written and described
/// (`spec`: name, group, synopsis, flags, help, examples), what it does
/// (`perform`), and what it does instead while a script is checked (`check`).
///
/// Adding a command is one new file holding such a type, and one line in
/// `CommandRegistry.commands`: help, completion's command list, the parser's
/// command names, dispatch and `armox check` all read the registry.
protocol ArmoxCommand: Sendable {
    static var spec: CommandSpec { get }

    /// Runs the command: its words are evaluated and checked against `spec`.
    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult

    /// While `armox check` (or the whole-entry check) walks a script: the
    /// result to use instead of running, or nil to run as usual (a command
    /// that sends nothing and changes nothing outside the session, whose
    /// output the check keeps back).
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult?
}

extension ArmoxCommand {
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        nil
    }
}
