import ArmoxAPI
import Foundation

extension Evaluator {
    func run(_ invocation: Invocation) async throws -> CommandResult {
        var modelWord: Invocation.Word?
        var promptWord: Invocation.Word?
        let words = invocation.positionals
        if words.count == 2 {
            modelWord = words[0]
            promptWord = words[1]
        } else if let word = words.first {
            // One word: unquoted it names a model (`run google/veo-3`), quoted it
            // is a prompt for the current model; a variable is a model when it
            // holds a catalogue id.
            if word.isBareword {
                modelWord = word
            } else if case .variable = word.expression.kind, case .string(let text) = word.value,
                try await catalogue().contains(where: { $0.id == text })
            {
                modelWord = word
            } else {
                promptWord = word
            }
        }
        guard let modelID = modelWord?.value.text ?? session.currentModel else {
            throw ScriptError(
                "run needs a model, and none is current",
                hint: "name one: run google/nano-banana \"a cat\", or pick one first: use google/nano-banana",
                at: invocation.location)
        }
        if PlannedValue.isUnknown(modelID), let job = plannedJob(invocation, model: nil, cost: nil) {
            // Checking, and the model comes from a run's result: known only when the script runs.
            return CommandResult(value: .job(job))
        }
        let model = try await model(named: modelID, at: modelWord?.location ?? invocation.location)
        let (input, unlisted) = try RunPlanner.input(
            for: model, prompt: promptWord.map { ($0.value, $0.location) }, pairs: invocation.pairs,
            defaults: session.defaults[model.id] ?? [:], at: invocation.location, allowingUnlisted: invocation.has("unlisted"))
        if !unlisted.isEmpty { noteUnlisted(unlisted, of: model, invocation) }
        let (client, id, webhook) = (client, model.id, invocation.flagValue("webhook")?.text)
        let job = try await send(invocation, what: model.id, cost: model.cost) {
            try await client.run(model: id, input: input, webhookURL: webhook)
        }
        return try await finish(job, invocation)
    }

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

    func wait(_ invocation: Invocation) async throws -> CommandResult {
        var ids: [String] = []
        var single = invocation.positionals.count == 1
        for word in invocation.positionals {
            if word.isBareword && word.value.text == "all" {
                ids += unfinishedJobs
                single = false
            } else {
                if case .list = word.value { single = false }
                ids += try jobIDs(from: word.value, at: word.location)
            }
        }
        if invocation.positionals.isEmpty {
            // `wait` alone: the session's unfinished jobs (one job reads as one
            // job, not a list of one), else the last job.
            ids = unfinishedJobs
            single = ids.count == 1
            if ids.isEmpty, case .job(let last)? = session.variables["job"] {
                ids = [last.id]
                single = true
            }
            guard !ids.isEmpty else {
                throw ScriptError("nothing to wait for: this session has no unfinished jobs", hint: "run … --detach starts one", at: invocation.location)
            }
        }
        let jobs = try await waitFor(ids, timeout: invocation.seconds("timeout"), at: invocation.location)
        try checkOutcome(jobs, allowFailure: invocation.has("allow-failure"), at: invocation.location)
        if single, let job = jobs.first { return CommandResult(value: .job(job)) }
        return CommandResult(value: .list(jobs.map(Value.job)), display: jobs.isEmpty ? "no jobs to wait for" : jobTable(jobs))
    }

    func job(_ invocation: Invocation) async throws -> CommandResult {
        let id: String
        if let word = invocation.positionals.first {
            guard let first = try jobIDs(from: word.value, at: word.location).first else {
                throw ScriptError("no job given", at: word.location)
            }
            id = first
        } else if case .job(let last)? = session.variables["job"] {
            id = last.id
        } else {
            throw ScriptError("job needs a job id (no job has run yet)", hint: "job <id>, or jobs to list them", at: invocation.location)
        }
        let job = try await client.job(id: id)
        session.record(job)
        return CommandResult(value: .job(session.latest(job)))
    }

    func jobs(_ invocation: Invocation) async throws -> CommandResult {
        let jobs: [Job]
        if invocation.has("session") {
            jobs = try await sessionJobs()
            if jobs.isEmpty { return CommandResult(value: .list([]), display: "this session has started no jobs yet") }
        } else {
            var limit = 20
            if let (value, location) = invocation.flags["limit"] {
                guard let value, let number = Int(value.text), (1...100).contains(number) else {
                    throw ScriptError("--limit must be a whole number from 1 to 100", at: location)
                }
                limit = number
            }
            jobs = try await client.jobs(limit: limit)
            for job in jobs { session.record(job) }
            if jobs.isEmpty { return CommandResult(value: .list([]), display: "no jobs yet") }
        }
        return CommandResult(value: .list(jobs.map(Value.job)), display: jobTable(jobs))
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

    func cancel(_ invocation: Invocation) async throws -> CommandResult {
        var targets: [(id: String, location: SourceLocation)] = []
        if invocation.has("all") {
            targets = unfinishedJobs.map { ($0, invocation.location) }
            if targets.isEmpty { return CommandResult(value: .list([]), display: "no unfinished jobs in this session") }
        } else {
            guard !invocation.positionals.isEmpty else {
                throw ScriptError("cancel needs a job (or --all)", hint: "cancel $clip", at: invocation.location)
            }
            for word in invocation.positionals {
                targets += try jobIDs(from: word.value, at: word.location).map { ($0, word.location) }
            }
        }
        var cancelled: [Job] = []
        var notes: [String] = []
        for target in targets {
            do {
                let answer = try await client.cancel(jobID: target.id)
                var job = session.jobs[target.id] ?? answer
                job.status = answer.status
                job.cancelledAt = answer.cancelledAt ?? job.cancelledAt
                session.record(job)
                cancelled.append(job)
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
        return CommandResult(value: value, display: notes.map { TerminalText.printable($0) }.joined(separator: "\n"))
    }
}
