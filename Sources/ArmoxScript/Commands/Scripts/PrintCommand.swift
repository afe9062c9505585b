import ArmoxAPI
import Foundation

/// `print <value> [--json]`
enum PrintCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "print", group: .scripts, synopsis: "print <value> [--json]",
        summary: "Print a value readably (a list one item per line, a job as a summary) or as exact JSON.",
        flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
        examples: ["print $hero", "print $hero.outputs", "print $_ --json"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try evaluator.print(invocation)
    }
}

extension Evaluator {
    func print(_ invocation: Invocation) throws -> CommandResult {
        guard let word = invocation.positionals.first else {
            guard let last = session.variables["_"] else {
                throw ScriptError("print needs a value", hint: "print $hero", at: invocation.location)
            }
            return CommandResult(value: last)
        }
        return CommandResult(value: word.value)
    }
}
