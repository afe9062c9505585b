import ArmoxAPI
import Foundation

extension Evaluator {
    /// Polls until every job in `ids` is terminal, pacing itself by
    /// `polling` and the rate-limit headers. Returns the jobs in `ids` order.
    func waitFor(_ ids: [String], timeout: Double?, at location: SourceLocation) async throws -> [Job] {
        let clock = ContinuousClock()
        let start = clock.now
        var interval = polling.initial
        var seen = Set<String>()
        var pending = ids.filter { seen.insert($0).inserted && session.jobs[$0]?.status.isTerminal != true }
        while !pending.isEmpty {
            var unfinished: [String] = []
            for id in pending {
                let job = try await client.job(id: id)
                session.record(job)
                if !job.status.isTerminal { unfinished.append(id) }
            }
            pending = unfinished
            if pending.isEmpty { break }
            var delay = PollingPolicy.delay(interval: interval, rateLimit: client.rateLimit, pending: pending.count)
            let elapsed = (clock.now - start).seconds
            if let timeout {
                if elapsed >= timeout {
                    let list = pending.map { "\($0) (\(session.jobs[$0]?.status.rawValue ?? "?"))" }.joined(separator: ", ")
                    throw ScriptError(
                        "still running after \(Number(timeout).raw) s: \(list)",
                        hint: "the jobs keep running: wait again, or cancel them", at: location, exitStatus: .apiError)
                }
                delay = min(delay, timeout - elapsed)
            }
            try await Task.sleep(for: .seconds(delay))
            interval = polling.next(after: interval)
        }
        return ids.compactMap { session.jobs[$0] }
    }

    /// A failed job stops the script (after `$job` points at it, so the
    /// prompt can look at it), unless the command said `--allow-failure`.
    func checkOutcome(_ jobs: [Job], allowFailure: Bool, at location: SourceLocation) throws {
        let failed = jobs.filter { $0.status == .failed }
        guard !failed.isEmpty, !allowFailure else { return }
        session.noteResult(jobs.count == 1 ? .job(jobs[0]) : .list(jobs.map(Value.job)))
        let reasons = failed.map { "job \($0.id) failed: \($0.error ?? "no reason given")" }
        throw ScriptError(
            reasons.joined(separator: "; "),
            hint: "failed jobs are refunded; look with: job \(failed[0].id) (or add --allow-failure to go on)",
            at: location, exitStatus: .apiError)
    }

    /// Job ids from a job, an id, or a list of them.
    func jobIDs(from value: Value, at location: SourceLocation) throws -> [String] {
        switch value {
        case .job(let job): return [job.id]
        case .string(let id) where !id.isEmpty && !id.contains(where: { $0 == " " || $0 == "/" }):
            return [id]
        case .list(let items): return try items.flatMap { try jobIDs(from: $0, at: location) }
        default:
            throw ScriptError(
                "\(value.named) is not a job",
                hint: "give a job (like $job or a variable a run was stored in) or a job id", at: location)
        }
    }

    /// The session's jobs that have not finished, oldest first.
    var unfinishedJobs: [String] {
        session.startedJobs.filter { session.jobs[$0]?.status.isTerminal == false }
    }
}
