import ArmoxAPI
import Foundation

/// `cancel <job> … | cancel --all`
enum CancelCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "cancel", group: .runs, synopsis: "cancel <job> … | cancel --all",
        summary: "Cancel pending or processing jobs.",
        flags: [.init("all", nil, "every unfinished job this session started")],
        takesKeyValues: false, maxPositionals: nil, details: "",
        examples: ["cancel $clip", "cancel --all"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.cancel(invocation)
    }

    /// It would ask the server or change something outside the session: its result is known only at run time.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        evaluator.unknownResult(of: invocation)
    }
}

extension Evaluator {
    func cancel(_ invocation: Invocation) async throws -> CommandResult {
        var targets: [(id: String, location: SourceLocation)] = []
        if invocation.has("all") {
            targets = unfinishedJobs.map { ($0, invocation.location) }
            if targets.isEmpty { return CommandResult(value: .list([]), presentation: .line("no unfinished jobs in this session")) }
        } else {
            guard !invocation.positionals.isEmpty else {
                throw ScriptError("cancel needs a job (or --all)", hint: "cancel $clip", at: invocation.location)
            }
            for word in invocation.positionals {
                targets += try jobIDs(from: word.value, at: word.location).map { ($0, word.location) }
            }
        }
        var cancelled: [JobRecord] = []
        var notes: [String] = []
        for target in targets {
            do {
                let answer = try await client.cancel(jobID: target.id)
                var job = session.jobs[target.id]?.job ?? answer
                job.status = answer.status
                job.cancelledAt = answer.cancelledAt ?? job.cancelledAt
                cancelled.append(keep(job))
                notes.append("cancelled \(job.id)")
            } catch ArmoxError.api(let error) where error.status == 409 || error.status == 404 {
                let what = error.status == 409 ? "it has already finished (\(error.message))" : "no such job (\(error.message))"
                // With --all, a job that finished meanwhile is no failure.
                guard invocation.has("all") && error.status == 409 else {
                    throw ScriptError("cannot cancel \(target.id): \(what)", at: target.location, exitStatus: .apiError)
                }
                notes.append("\(target.id): \(what)")
            }
        }
        let value: Value = cancelled.count == 1 && !invocation.has("all") ? .job(cancelled[0]) : .list(cancelled.map(Value.job))
        return CommandResult(value: value, presentation: .lines(notes))
    }
}
