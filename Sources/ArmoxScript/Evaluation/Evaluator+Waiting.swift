import ArmoxAPI
import Foundation

extension Evaluator {
    /// Polls until every job in `ids` is terminal and returns them in `ids`
    /// order. The one place a session polls:
    /// - Several jobs are polled in bulk, one `GET /jobs?limit=100` a round,
    ///   falling back to `GET /jobs/{id}` only for jobs that list no longer
    ///   shows (older than the key's 100 newest).
    /// - Rounds come `polling.initial` apart at first, growing by
    ///   `polling.factor` up to `polling.maximum`, each with ±10% jitter so
    ///   sessions never poll in step; when the rate-limit headers say fewer
    ///   requests remain than the round needs, it holds off until the window
    ///   frees one.
    /// - A poll that fails for a passing reason (5xx, a dropped or timed-out
    ///   connection, an unreadable body, a 429) never ends the wait and never
    ///   marks a job: the round is retried after a growing pause. When
    ///   `failingRoundsNote` rounds in a row have failed, stderr says so once
    ///   (with the last error), so a wait on a server that is down is not
    ///   silent; the wait still ends only at its `--timeout` or Ctrl-C.
    /// - A status armox does not know (a newer server's `queued`, say) is
    ///   kept as the server spelled it and counts as still running: guessing
    ///   it meant "done" could hand a script a job with no outputs. stderr
    ///   says so once per job and status, and the live lines and `job` show
    ///   it as it came.
    func waitFor(_ ids: [String], timeout: Double?, at location: SourceLocation) async throws -> [Job] {
        let clock = ContinuousClock()
        let start = clock.now
        var interval = polling.initial
        var seen = Set<String>()
        let waited = ids.filter { seen.insert($0).inserted }
        var pending = waited.filter { session.jobs[$0]?.status.isTerminal != true }
        var failures = 0
        var noted = Set<String>()
        defer { progress?.clear() }
        while !pending.isEmpty {
            noteRefusedDelivery()
            // Jobs whose webhook `listen` received need no poll at all.
            pending = pending.filter { id in
                guard let job = delivered(id) else { return true }
                session.record(job)
                return false
            }
            if pending.isEmpty { break }
            // What the next round will send: the list (for several jobs) and
            // each pending job the list did not show, by id; the hold-off
            // below weighs that against the window, not this round's count.
            var requests = pending.count > 1 ? 1 : pending.count
            do {
                let unlisted = try await pollRound(pending)
                failures = 0
                pending = pending.filter { session.jobs[$0]?.status.isTerminal != true }
                let stillUnlisted = unlisted.filter { id in session.jobs[id]?.status.isTerminal != true }.count
                requests = pending.count > 1 ? 1 + stillUnlisted : pending.count
            } catch let error as ArmoxError where Self.isPassing(error) {
                failures += 1
                client.traceLine("wait: poll failed (\(error.description)); trying again")
                if failures == Self.failingRoundsNote {
                    note("polls are failing (\(error.description)); still waiting: the jobs are not affected (Ctrl-C, or --timeout, ends the wait)")
                }
            }
            for id in waited {
                guard case .other(let raw)? = session.jobs[id]?.status, noted.insert(id + "\u{0}" + raw).inserted else { continue }
                note("job \(id) reports status \"\(raw)\", which armox does not know: waiting on it as if it were still running (Ctrl-C, or --timeout, ends the wait)")
            }
            if pending.isEmpty { break }
            let pause = failures > 0 ? min(polling.maximum * 3, polling.initial * pow(2, Double(failures))) : interval
            var delay = PollingPolicy.delay(interval: pause * Double.random(in: 0.9...1.1), rateLimit: client.rateLimit, requests: requests)
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
            // Sleep in steps of a second at most, redrawing the live lines;
            // with `listen` running, in short steps that end at a delivery.
            let wake = clock.now + .seconds(delay)
            let step: Duration = receiver == nil ? .seconds(1) : .milliseconds(50)
            var drawn: ContinuousClock.Instant?
            while clock.now < wake {
                if drawn.map({ clock.now - $0 >= .seconds(1) }) ?? true {
                    progress?.show(waited.compactMap { session.jobs[$0] }, elapsed: (clock.now - start).seconds)
                    drawn = clock.now
                }
                try await Task.sleep(for: min(step, wake - clock.now))
                noteRefusedDelivery()
                if receiver != nil, pending.contains(where: { delivered($0) != nil }) { break }
            }
            if failures == 0 { interval = polling.next(after: interval) }
        }
        return ids.compactMap { session.jobs[$0] }
    }

    /// Failed rounds in a row after which a wait says the polls are failing.
    static let failingRoundsNote = 3

    /// A line on stderr in the middle of a wait: the live lines are erased
    /// first and drawn again at the next redraw.
    private func note(_ text: String) {
        progress?.clear()
        output.err(noteLine(text))
    }

    /// One round: the list when several jobs are pending, then each job the
    /// list did not show. Returns the jobs it had to ask about by id.
    private func pollRound(_ pending: [String]) async throws -> [String] {
        var missing = pending
        if pending.count > 1 {
            let recent = try await client.jobs(limit: 100)
            let wanted = Set(pending)
            for job in recent where wanted.contains(job.id) {
                session.record(job)
            }
            let listed = Set(recent.map(\.id))
            missing = pending.filter { !listed.contains($0) }
        }
        for id in missing {
            session.record(try await client.job(id: id))
        }
        return pending.count > 1 ? missing : []
    }

    /// Failures that pass: the wait goes on through them.
    static func isPassing(_ error: ArmoxError) -> Bool {
        switch error {
        case .transport, .timedOut, .malformedResponse: return true
        case .api(let api): return api.kind == .server || api.kind == .rateLimited
        case .refused, .missingAPIKey: return false
        }
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
