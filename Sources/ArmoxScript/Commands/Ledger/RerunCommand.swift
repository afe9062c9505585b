import ArmoxAPI
import ArmoxLedger

/// `rerun <job|id> [key=value …] [--detach] [--webhook=URL] [--timeout=S]`
enum RerunCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "rerun", group: .ledger, synopsis: "rerun <job|id> [key=value …] [--detach] [--webhook=URL] [--timeout=S]",
        summary: "Run a job's model (or app) again with the same input, changed by key=value.",
        flags: RunCommand.runFlags,
        takesKeyValues: true, maxPositionals: 1,
        details: """
            The input is the one the run ledger kept as it was sent (else the one the server
            reports for the job). key=value replaces one setting or input, prompt="…" the
            prompt. The run is checked against today's catalogue and priced like any run: the
            budget applies. Session defaults (set) do not: a rerun is the same input. The
            earlier run's webhook is not reused; give --webhook again to have one. A rerun of a
            run the same script makes is checked before anything is sent: its key=value against
            that run's model, its price that model's cost.
            """,
        examples: ["rerun $hero", "rerun job_ab12 seed=7", "rerun $clip prompt=\"the same, at dusk\" --detach"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.rerun(invocation)
    }

    /// Priced and recorded, never sent; a refused run is noted and the walk goes on.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        try await evaluator.planning(invocation) { try await evaluator.rerun(invocation) }
    }
}

/// What a rerun repeats: a model's or an app's run, and its input as sent.
struct EarlierRun {
    var kind: RunStart.Kind
    var subject: String
    var input: [String: JSONValue]
}

extension Evaluator {
    func rerun(_ invocation: Invocation) async throws -> CommandResult {
        guard let word = invocation.positionals.first else {
            throw ScriptError("rerun needs a job", hint: "rerun $hero, or a job id from runs: rerun job_ab12 seed=7", at: invocation.location)
        }
        if let plan, word.value.isKnownOnlyAtRunTime {
            // Checking, and the job is a run's result: its input is known only
            // when the script runs. Its model may be known (`a = run m …`):
            // then the line's own keys are checked against it, and the rerun
            // is priced at its cost.
            var subject: Model?
            if case .unknown(let unknown) = word.value, let id = unknown.run?.model {
                let model = try await model(named: id, at: word.location)
                if !invocation.has("unlisted") {
                    for pair in invocation.pairs {
                        if let setting = model.setting(pair.key) {
                            _ = try RunPlanner.checked(pair.value, for: setting, of: model, at: pair.valueLocation)
                        } else if !model.inputKeys.contains(pair.key) {
                            throw RunPlanner.unknownKey(pair.key, of: model, at: pair.location)
                        }
                    }
                }
                subject = model
            }
            return try await PlannedRuns(plan: plan).finish(
                PlannedRuns(plan: plan).plannedJob(invocation, model: subject?.id, cost: subject?.cost, for: self), invocation, for: self)
        }
        let earlier = try await earlierRun(word.value, at: word.location)
        // The earlier input, each key as if written on the line, then the line's own keys over it.
        func pair(_ key: String, _ value: JSONValue) -> Invocation.Pair {
            Invocation.Pair(key: key, value: Value(value), location: word.location, valueLocation: word.location)
        }
        switch earlier.kind {
        case .model:
            let model = try await model(named: earlier.subject, at: word.location)
            let given = Set(invocation.pairs.map(\.key))
            var prompt: (value: Value, location: SourceLocation)?
            if !given.contains("prompt"), case .string(let text)? = earlier.input["prompt"] { prompt = (.string(text), word.location) }
            let kept = earlier.input.filter { $0.key != "prompt" && !given.contains($0.key) }
                .sorted { $0.key < $1.key }.map { pair($0.key, $0.value) }
            return try await run(model, prompt: prompt, pairs: kept + invocation.pairs, defaults: [:], invocation)
        case .app:
            let app = try await app(named: earlier.subject, at: word.location)
            let given = Set(invocation.pairs.compactMap { app.input(typed: $0.key)?.id })
            let kept = earlier.input.filter { !given.contains($0.key) }.sorted { $0.key < $1.key }.map { pair($0.key, $0.value) }
            return try await runApp(app, pairs: kept + invocation.pairs, invocation)
        }
    }

    /// The model (or app) and input of the job `value` names: from the run
    /// ledger, which kept the input as sent; else from the session's or the
    /// server's account of the job.
    func earlierRun(_ value: Value, at location: SourceLocation) async throws -> EarlierRun {
        let id: String
        switch value {
        case .job(let record): id = record.job.id
        case .string(let text) where Self.looksLikeJobID(text): id = text
        default:
            throw ScriptError(
                "\(value.named) is not a job", hint: "give a job ($hero) or a job id from runs", at: location)
        }
        if let known = withLedger({ try $0.ledger.run(jobID: id, server: $0.server) }) ?? nil, case .object(let input) = known.input {
            return EarlierRun(kind: known.kind, subject: known.subject, input: input)
        }
        var job = session.jobs[id]?.job
        if job?.input == nil, plan == nil {
            do {
                job = try await fetchJob(id: id)
            } catch ArmoxError.api(let error) where error.status == 404 {
                throw ScriptError(
                    "no job \(id): neither the run ledger nor the server knows it (\(error.message))",
                    hint: "runs lists the jobs the ledger knows", at: location, exitStatus: .apiError)
            }
        }
        guard let job, case .object(let input)? = job.input, let subject = job.appID ?? job.model else {
            throw ScriptError(
                "the input of job \(id) is not known: the run ledger has no record of it and the server does not give it",
                hint: "runs lists the jobs the ledger knows; run the model again by hand", at: location)
        }
        return EarlierRun(kind: job.appID == nil ? .model : .app, subject: subject, input: input)
    }
}
