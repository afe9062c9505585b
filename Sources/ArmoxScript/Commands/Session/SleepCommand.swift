import ArmoxAPI
import Foundation

/// `sleep <seconds>`
enum SleepCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "sleep", group: .session, synopsis: "sleep <seconds>",
        summary: "Pause (fractions allowed).",
        flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
        examples: ["sleep 2.5"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.sleep(invocation)
    }

    /// Nothing waits; a bad duration is still an error.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        if !invocation.hasWordsKnownOnlyAtRunTime { _ = try evaluator.sleepSeconds(invocation) }
        return CommandResult.none
    }
}

extension Evaluator {
    func sleep(_ invocation: Invocation) async throws -> CommandResult {
        try await Task.sleep(for: .seconds(try sleepSeconds(invocation)))
        return .none
    }

    /// `sleep`'s argument, from 0 to a year.
    func sleepSeconds(_ invocation: Invocation) throws -> Double {
        guard let word = invocation.positionals.first else {
            throw ScriptError("sleep needs a number of seconds", hint: "sleep 2.5", at: invocation.location)
        }
        return try Invocation.seconds(word.value.text, what: "sleep", example: "sleep 2.5", at: word.location)
    }
}
