import ArmoxAPI
import ArmoxLedger

/// Runs sent to the server: once, under the budget, kept in the session.
struct LiveRuns: RunBackend {
    /// Sends a run once (the client never re-sends one that may have been
    /// accepted) and keeps the job; an ambiguous failure says where to look.
    ///
    /// Ctrl-C does not cut the request off: an unanswered run may still have
    /// been accepted and charged, and its job would be lost to the session.
    /// The request runs in a task of its own that cancellation does not
    /// reach; once its job is known and kept, the wait that follows stops.
    /// Under a budget, a run that would take the session past it is refused
    /// here, before sending.
    func send(_ run: RunRequest, for evaluator: Evaluator) async throws -> Value {
        if let reused = evaluator.resumed(run) { return reused }
        try evaluator.checkBudget(for: run.what, cost: run.cost, at: run.invocation.location)
        // `parallel N`: the run waits for a slot; interrupted here, nothing is sent.
        try await evaluator.waitForSlot(at: run.invocation.location)
        // Write-ahead: the ledger holds the run before the request leaves.
        let row = evaluator.withLedger { ledger in
            let (source, script) = evaluator.ledgerSource(run.invocation.location)
            return try ledger.ledger.begin(RunStart(
                server: ledger.server, session: ledger.id, source: source, script: script, kind: run.kind,
                subject: run.subject, appName: run.appName, input: run.input, webhook: run.webhook, estimatedCost: run.cost))
        }
        let job: Job
        do {
            job = try await Task { try await run.send() }.value
        } catch let error as ArmoxError where error.runMayHaveBeenAccepted {
            // Counted as spent: the budget must hold even if it was accepted.
            evaluator.session.uncertainCharges.append(
                UncertainCharge(what: run.what, credits: run.cost ?? 0, location: run.invocation.location))
            var failure = ScriptError(error, at: run.invocation.location, key: evaluator.client.configuration.apiKey)
            if let row { evaluator.withLedger { try $0.ledger.uncertain(row, error: failure.message) } }
            failure.hint = "the run may have been accepted (and charged) all the same, so armox did not send it again: look with jobs before running it again"
            throw failure
        } catch let error as ArmoxError {
            if let row {
                let message = ScriptError(error, at: run.invocation.location, key: evaluator.client.configuration.apiKey).message
                evaluator.withLedger { try $0.ledger.refused(row, error: message) }
            }
            throw error
        }
        if evaluator.session.jobs[job.id] != nil {
            // A new run answered with a job id the session already holds: a
            // broken server, but the run was accepted and charged all the same.
            evaluator.session.repeatedIDCharges += job.creditsCharged ?? run.cost ?? 0
            evaluator.output.err(evaluator.noteLine(
                "the server answered this run with \(job.id), the id of a job this session already holds: "
                    + "the run is counted against the budget, and that id now shows this run's job"))
        }
        let record = evaluator.session.record(job, started: true)
        if let row {
            evaluator.withLedger { try $0.ledger.accepted(row, job: record.job) }
            evaluator.ledgerMarks[job.id] = Evaluator.ledgerMark(record.job)
        }
        if job.creditsCharged == nil, let cost = run.cost { evaluator.session.assumedCharges[job.id] = cost }
        return .job(record)
    }

    /// Waits on a job just started (unless `--detach`) and checks how it ended.
    func finish(_ sent: Value, _ invocation: Invocation, for evaluator: Evaluator) async throws -> CommandResult {
        guard case .job(let job) = sent else { return CommandResult(value: sent) }
        if !invocation.has("detach") && !job.status.isTerminal {
            do {
                _ = try await evaluator.waitFor([job.id], timeout: invocation.seconds("timeout"), at: invocation.location)
            } catch {
                // Stopped waiting (Ctrl-C, a timeout, a poll that failed for
                // good): the job runs on, and `$job` is it, so `wait` alone
                // or `job` picks it up again.
                evaluator.session.noteResult(.job(job))
                throw error
            }
        }
        try evaluator.checkOutcome([job], allowFailure: invocation.has("allow-failure"), at: invocation.location)
        return CommandResult(value: .job(job))
    }
}
