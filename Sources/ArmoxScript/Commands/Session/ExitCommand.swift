import ArmoxAPI
import Foundation

/// `exit [code]`
enum ExitCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "exit", group: .session, synopsis: "exit [code]",
        summary: "Leave the session or end the script with status code (default 0).",
        flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
        examples: ["exit", "if $job.status != completed { exit 3 }"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try evaluator.exit(invocation)
    }

    /// An exit code known only at run time ends the check of this branch.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        if invocation.hasWordsKnownOnlyAtRunTime { throw ExitRequest(code: 1) }
        return nil
    }
}

extension Evaluator {
    func exit(_ invocation: Invocation) throws -> CommandResult {
        guard let word = invocation.positionals.first else { throw ExitRequest(code: 0) }
        guard let code = Int32(word.value.text), (0...255).contains(code) else {
            throw ScriptError("exit needs a status from 0 to 255", at: word.location)
        }
        throw ExitRequest(code: code)
    }
}
