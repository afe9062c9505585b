import ArmoxAPI
import Foundation

/// `account`
enum AccountCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "account", group: .account, synopsis: "account",
        summary: "Credits, plan and usage of the key.",
        flags: [], takesKeyValues: false, maxPositionals: 0, details: "",
        examples: ["account", "credits = account; echo $credits.credits"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.account(invocation)
    }

    /// It would ask the server or change something outside the session: its result is known only at run time.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        evaluator.unknownResult(of: invocation)
    }
}

extension Evaluator {
    func account(_ invocation: Invocation) async throws -> CommandResult {
        let account = try await client.account()
        var lines = ["credits: \(account.credits)"]
        if let plan = account.subscription { lines.append("plan: \(plan)") }
        if let used = account.creditsUsedLast30Days { lines.append("credits used (30 days): \(used)") }
        if let requests = account.requestsLast30Days { lines.append("requests (30 days): \(requests)") }
        if let jobs = account.totalJobs { lines.append("jobs: \(jobs)") }
        if let keys = account.activeKeys { lines.append("active keys: \(keys)") }
        return CommandResult(value: Value.encoding(account), presentation: .lines(lines))
    }
}
