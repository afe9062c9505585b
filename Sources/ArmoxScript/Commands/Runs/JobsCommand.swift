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
            let listing = try await client.jobListing(limit: limit)
            jobs = keep(all: listing.items, listed: true)
            if listing.unreadable > 0 {
                let entries = listing.unreadable == 1 ? "1 entry" : "\(listing.unreadable) entries"
                output.err(noteLine("GET /jobs: \(entries) of the server's list could not be read and \(listing.unreadable == 1 ? "is" : "are") left out"))
            }
            if jobs.isEmpty {
                // "no jobs yet" would be untrue where the server listed jobs armox could not read.
                return CommandResult(value: .list([]), presentation: .line(listing.unreadable == 0 ? "no jobs yet" : "no readable jobs"))
            }
        }
        return CommandResult(value: .list(jobs.map(Value.job)), presentation: jobTable(jobs.map(\.job)))
    }
}
