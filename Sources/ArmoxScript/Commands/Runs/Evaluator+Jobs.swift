import ArmoxAPI
import ArmoxLedger
import ArmoxRender
import Foundation

extension Evaluator {
    /// Sends a run through the backend of the moment (`runs`): the client,
    /// or the planner while checking.
    func send(
        _ invocation: Invocation, what: String, appName: String? = nil, cost: Int?,
        kind: RunStart.Kind, subject: String, input: JSONValue, webhook: String?,
        _ request: @escaping @Sendable () async throws -> Job
    ) async throws -> Value {
        let run = RunRequest(
            invocation: invocation, what: what, appName: appName, cost: cost, kind: kind, subject: subject, input: input,
            webhook: webhook, send: request)
        return try await runs.send(run, for: self)
    }

    /// What a run statement gives back once its job is known (see `RunBackend.finish`).
    func finish(_ job: Value, _ invocation: Invocation) async throws -> CommandResult {
        try await runs.finish(job, invocation, for: self)
    }

    func jobTable(_ jobs: [Job]) -> Presentation {
        let rows = jobs.map { job in
            [
                job.id, job.status.rawValue, job.model ?? job.appName ?? "-", Self.promptCell(job),
                job.creditsCharged.map(String.init) ?? "-", job.createdAt ?? "-", Self.elapsed(job),
                job.outputURLs.first ?? (job.error.map { "error: \($0)" } ?? ""),
            ]
        }
        // PROMPT and OUTPUT share the room left: a prompt is cut; an output URL is an id and
        // stays whole, an error or a text model's text may be cut. A narrow terminal loses
        // CREATED, then CREDITS, then ELAPSED, then PROMPT before an id or URL wraps.
        var table = TextTable(
            headers: ["ID", "STATUS", "MODEL", "PROMPT", "CREDITS", "CREATED", "ELAPSED", "OUTPUT"], rows: rows,
            rightAligned: [4, 6], shrinkable: [3, 7], keepsWhole: TextTable.isURL, tints: [1: Self.statusTint])
        table.droppable = [5, 4, 6, 3]
        return .table(table)
    }

    /// From creation to the end (or to now, while it runs): `42s`, `3m 05s`;
    /// `-` when the server gave no readable creation time.
    static func elapsed(_ job: Job, now: Date = Date()) -> String {
        guard let created = job.createdAt.flatMap(timestamp) else { return "-" }
        let end = (job.completedAt ?? job.cancelledAt).flatMap(timestamp) ?? (job.status.isTerminal ? nil : now)
        guard let end else { return "-" }
        let seconds = max(0, Int(end.timeIntervalSince(created).rounded()))
        return seconds < 60 ? "\(seconds)s" : String(format: "%dm %02ds", seconds / 60, seconds % 60)
    }

    /// ISO 8601 with or without fractional seconds.
    static func timestamp(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

}
