import ArmoxAPI
import Foundation

/// `job [<job>]`
enum JobCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "job", group: .runs, synopsis: "job [<job>]",
        summary: "Fetch one job's current state (default: $job).",
        flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
        examples: ["job", "job $clip", "job 3f2a9c1e-…"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.job(invocation)
    }

    /// It would ask the server or change something outside the session: its result is known only at run time.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        evaluator.unknownResult(of: invocation)
    }
}

extension Evaluator {
    func job(_ invocation: Invocation) async throws -> CommandResult {
        let id: String
        if let word = invocation.positionals.first {
            guard let first = try jobIDs(from: word.value, at: word.location).first else {
                throw ScriptError("no job given", at: word.location)
            }
            id = first
        } else if case .job(let last)? = session.variables["job"] {
            id = last.id
        } else {
            throw ScriptError("job needs a job id (no job has run yet)", hint: "job <id>, or jobs to list them", at: invocation.location)
        }
        return CommandResult(value: .job(keep(try await fetchJob(id: id))))
    }
}
