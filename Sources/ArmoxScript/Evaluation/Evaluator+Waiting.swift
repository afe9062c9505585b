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
    ///   marks a job: the round is retried after a growing pause. So does a
    ///   404, 401 or 403 on a job this session started less than
    ///   `polling.settling` seconds ago (see `settling(_:pending:)`). When
    ///   `failingRoundsNote` rounds in a row have failed, stderr says so once
    ///   (with the last error), so a wait on a server that is down is not
    ///   silent; the wait still ends only at its `--timeout` or Ctrl-C.
    /// - A status armox does not know (a newer server's `queued`, say) is
    ///   kept as the server spelled it and counts as still running: guessing
    ///   it meant "done" could hand a script a job with no outputs. stderr
    ///   says so once per job and status, and the live lines and `job` show
    ///   it as it came.
    /// - Any other failure ends the wait with an error that names the jobs
    ///   and how to resume (`wait <id>`, `job <id>`): they were accepted,
    ///   are paid for, and may still be running.
    ///
    /// `untilAtMost`: the wait ends once no more than that many are
    /// unfinished (`parallel N` waits for a slot); `title` heads the live lines.
    func waitFor(
        _ ids: [String], timeout: Double?, at location: SourceLocation, untilAtMost remaining: Int = 0, title: String? = nil
    ) async throws -> [JobRecord] {
        let clock = ContinuousClock()
        let start = clock.now
        var interval = polling.initial
        var seen = Set<String>()
        let waited = ids.filter { seen.insert($0).inserted }
        var pending = waited.filter { session.jobs[$0]?.status.isTerminal != true }
        var failures = 0
        var noted = Set<String>()
        // The jobs list failing round after round while each job answers by
        // id: rounds go by id (paced for that many requests), with the list
        // tried again now and then.
        var listFailures = 0
        var roundsByID = 0
        defer { progress?.clear() }
        while pending.count > remaining {
            noteRefusedDelivery()
            // Jobs whose webhook `listen` received need no poll at all.
            pending = pending.filter { id in
                guard let job = delivered(id) else { return true }
                keep(job)
                return false
            }
            if pending.count <= remaining { break }
            // What the next round will send: the list (for several jobs) and
            // each pending job the list did not show, by id; the hold-off
            // below weighs that against the window, not this round's count.
            let byID = listFailures >= Self.listFailuresBeforeByID && roundsByID % Self.listRetryEvery != Self.listRetryEvery - 1
            var requests = pending.count > 1 && !byID ? 1 : pending.count
            do {
                let unlisted = try await pollRound(pending, byID: byID)
                failures = 0
                if byID { roundsByID += 1 } else { listFailures = 0; roundsByID = 0 }
                pending = pending.filter { session.jobs[$0]?.status.isTerminal != true }
                let stillUnlisted = unlisted.filter { id in session.jobs[id]?.status.isTerminal != true }.count
                let nextByID = listFailures >= Self.listFailuresBeforeByID && roundsByID % Self.listRetryEvery != Self.listRetryEvery - 1
                requests = pending.count > 1 && !nextByID ? 1 + stillUnlisted : pending.count
            } catch let failure as PollFailure {
                let error = failure.error
                if failure.jobID == nil {
                    listFailures += 1
                    if !byID, listFailures > Self.listFailuresBeforeByID { roundsByID += 1 }
                    if listFailures == Self.listFailuresBeforeByID, Self.isPassing(error) {
                        note("the jobs list is failing (\(error.description)); polling each job by id instead")
                        continue
                    }
                }
                guard Self.isPassing(error) || settling(failure, pending: pending) else {
                    throw waitEnded(by: error, on: failure.jobID, pending: pending, at: location)
                }
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
            if pending.count <= remaining { break }
            let pause = failures > 0 ? min(polling.maximum * 3, polling.initial * pow(2, Double(failures))) : interval
            var delay = PollingPolicy.delay(interval: pause * Double.random(in: 0.9...1.1), rateLimit: client.rateLimit, requests: requests)
            let elapsed = (clock.now - start).seconds
            if let timeout {
                if elapsed >= timeout {
                    let list = pending.map { "\($0) (\(session.jobs[$0]?.status.rawValue ?? "?"))" }.joined(separator: ", ")
                    throw ScriptError(
                        "still running after \(Number(timeout).raw) s: \(list)",
                        hint: "the jobs keep running: resume with wait \(pending.joined(separator: " ")), or cancel them",
                        at: location, exitStatus: .apiError)
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
                    progress?.show(waited.compactMap { session.jobs[$0]?.job }, elapsed: (clock.now - start).seconds, title: title)
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
    /// Failed jobs-list requests in a row after which rounds poll by id.
    static let listFailuresBeforeByID = 2
    /// While polling by id, every this many rounds the list is tried again.
    static let listRetryEvery = 8

    /// A line on stderr in the middle of a wait: the live lines are erased
    /// first and drawn again at the next redraw.
    private func note(_ text: String) {
        progress?.clear()
        output.err(noteLine(text))
    }

    /// One round: the list when several jobs are pending, then each job the
    /// list did not show. Returns the jobs it had to ask about by id.
    /// Failures come as `PollFailure`, naming the job asked about.
    private func pollRound(_ pending: [String], byID: Bool = false) async throws -> [String] {
        var missing = pending
        if pending.count > 1 && !byID {
            let recent: [Job]
            do {
                recent = try await client.jobs(limit: 100)
            } catch let error as ArmoxError {
                throw PollFailure(jobID: nil, error: error)
            }
            let wanted = Set(pending)
            keep(all: recent.filter { wanted.contains($0.id) })
            let listed = Set(recent.map(\.id))
            missing = pending.filter { !listed.contains($0) }
        }
        for id in missing {
            do {
                keep(try await client.job(id: id))
            } catch let error as ArmoxError {
                throw PollFailure(jobID: id, error: error)
            }
        }
        return pending.count > 1 && !byID ? missing : []
    }

    /// Failures that pass: the wait goes on through them.
    static func isPassing(_ error: ArmoxError) -> Bool {
        switch error {
        case .transport, .timedOut, .malformedResponse, .tooLarge: return true
        case .api(let api): return api.kind == .server || api.kind == .rateLimited
        case .refused, .missingAPIKey: return false
        }
    }

    /// Whether a 404, 401 or 403 is the server not having caught up with a
    /// run it just accepted: every job the poll spoke for (the one asked
    /// about by id, or all pending for the list) was started by this
    /// session less than `polling.settling` seconds ago.
    private func settling(_ failure: PollFailure, pending: [String]) -> Bool {
        guard case .api(let api) = failure.error, [APIError.Kind.notFound, .unauthorized, .forbidden].contains(api.kind) else { return false }
        let concerned = failure.jobID.map { [$0] } ?? pending
        return concerned.allSatisfy { id in
            session.acceptedAt[id].map { ContinuousClock.now - $0 < .seconds(polling.settling) } ?? false
        }
    }

    /// The error that ends a wait: the failure itself, the job it was about
    /// first, and how to pick the jobs up again. Jobs this session started
    /// were accepted and are paid for, and the error says so: they may
    /// still be running, and running them again would pay twice.
    func waitEnded(by error: ArmoxError, on jobID: String?, pending: [String], at location: SourceLocation) -> ScriptError {
        var failure = ScriptError(error, at: location, key: client.configuration.apiKey)
        let ids = jobID.map { id in [id] + pending.filter { $0 != id } } ?? pending
        let one = ids.count == 1
        let accepted = ids.allSatisfy { session.acceptedAt[$0] != nil }
        failure.message = "\(accepted ? "lost track of" : "could not wait on") job\(one ? "" : "s") \(ids.joined(separator: ", ")): " + failure.message
        let resume =
            (accepted ? "the server accepted \(one ? "it" : "them"), and \(one ? "it" : "they") may still be running: " : "")
            + "resume with wait \(ids.joined(separator: " ")), or look with job \(ids[0])"
        failure.hint = failure.hint.map { "\($0); \(resume)" } ?? resume
        return failure
    }

    /// A failed job stops the script (after `$job` points at it, so the
    /// prompt can look at it), unless the command said `--allow-failure`.
    func checkOutcome(_ jobs: [JobRecord], allowFailure: Bool, at location: SourceLocation) throws {
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
