import ArmoxAPI
import Foundation

extension Evaluator {
    /// Sends a run once (the client never re-sends one that may have been
    /// accepted) and keeps the job; an ambiguous failure says where to look.
    ///
    /// Ctrl-C does not cut the request off: an unanswered run may still have
    /// been accepted and charged, and its job would be lost to the session.
    /// The request runs in a task of its own that cancellation does not
    /// reach; once its job is known and kept, the wait that follows stops.
    ///
    /// While checking (`armox check`), nothing is sent: the run is recorded
    /// with its cost and a planned job stands for its result. Under a budget,
    /// a run that would take the session past it is refused here, before sending.
    func send(
        _ invocation: Invocation, what: String, appName: String? = nil, cost: Int?,
        _ request: @escaping @Sendable () async throws -> Job
    ) async throws -> Job {
        if let planned = plannedJob(invocation, model: appName == nil ? what : nil, appName: appName, cost: cost) {
            return planned
        }
        try checkBudget(for: what, cost: cost, at: invocation.location)
        let job: Job
        do {
            job = try await Task { try await request() }.value
        } catch let error as ArmoxError where error.runMayHaveBeenAccepted {
            // Counted as spent: the budget must hold even if it was accepted.
            session.uncertainCharges.append(UncertainCharge(what: what, credits: cost ?? 0, location: invocation.location))
            var failure = ScriptError(error, at: invocation.location, key: client.configuration.apiKey)
            failure.hint = "the run may have been accepted (and charged) all the same, so armox did not send it again: look with jobs before running it again"
            throw failure
        }
        session.record(job, started: true)
        if job.creditsCharged == nil, let cost { session.assumedCharges[job.id] = cost }
        return job
    }

    /// Waits on a job just started (unless `--detach`) and checks how it ended.
    func finish(_ job: Job, _ invocation: Invocation) async throws -> CommandResult {
        // Checking: the planned job is the result; there is nothing to wait on.
        if plan != nil { return CommandResult(value: .job(job)) }
        var job = job
        if !invocation.has("detach") && !job.status.isTerminal {
            do {
                job = try await waitFor([job.id], timeout: invocation.seconds("timeout"), at: invocation.location).first ?? job
            } catch {
                // Stopped waiting (Ctrl-C, a timeout, a poll that failed for
                // good): the job runs on, and `$job` is it, so `wait` alone
                // or `job` picks it up again.
                session.noteResult(.job(session.latest(job)))
                throw error
            }
        }
        try checkOutcome([job], allowFailure: invocation.has("allow-failure"), at: invocation.location)
        return CommandResult(value: .job(job))
    }

    func jobTable(_ jobs: [Job]) -> String {
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
        return render(table)
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
