import ArmoxAPI
import Foundation

/// `jobs [--limit=N] [--session]`
enum JobsCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "jobs", group: .runs, synopsis: "jobs [--limit=N] [--session]",
        summary: "Recent jobs of the key, newest first; --session lists the jobs this session started.",
        flags: [
            .init("limit", "N", "how many (1–100, default 20)"),
            .init("session", nil, "this session's jobs, newest first, the unfinished ones polled once first"),
        ],
        takesKeyValues: false, maxPositionals: 0, details: "",
        examples: ["jobs", "jobs --limit=50", "jobs --session"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.jobs(invocation)
    }

    /// It would ask the server or change something outside the session: its result is known only at run time.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        evaluator.unknownResult(of: invocation)
    }
}

extension Evaluator {
    func jobs(_ invocation: Invocation) async throws -> CommandResult {
        let jobs: [JobRecord]
        if invocation.has("session") {
            jobs = try await sessionJobs()
            if jobs.isEmpty { return CommandResult(value: .list([]), presentation: .line("this session has started no jobs yet")) }
        } else {
            var limit = 20
            if let (value, location) = invocation.flags["limit"] {
                guard let value, let number = Int(value.text), (1...100).contains(number) else {
                    throw ScriptError("--limit must be a whole number from 1 to 100", at: location)
                }
                limit = number
            }
            jobs = keep(all: try await client.jobs(limit: limit), listed: true)
            if jobs.isEmpty { return CommandResult(value: .list([]), presentation: .line("no jobs yet")) }
        }
        return CommandResult(value: .list(jobs.map(Value.job)), presentation: jobTable(jobs.map(\.job)))
    }
}
