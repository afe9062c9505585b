import ArmoxAPI
import Foundation

/// `run`
enum RunCommand: ArmoxCommand {
    /// The flags of a model run, `rerun`'s too.
    static let runFlags: [CommandSpec.Flag] = [
        .init("detach", nil, "return the job at once; wait on it later with wait"),
        .init("webhook", "URL", "ask the API to POST the finished job to URL"),
        .init("timeout", "S", "stop waiting after S seconds (the job keeps running)"),
        .init("allow-failure", nil, "a failed job is returned instead of stopping the script"),
        .init("unlisted", nil, "send keys the catalogue does not list, as written (listed keys are still checked)"),
    ]

    static let spec = CommandSpec(
        name: "run", group: .runs,
        synopsis: "run [model] [\"prompt\"] [key=value …] [--detach] [--webhook=URL] [--timeout=S]",
        summary: "Run a model. Image and text models answer at once; video, audio and 3D runs are waited on unless --detach.",
        flags: runFlags,
        takesKeyValues: true, maxPositionals: 2,
        details: """
            The model defaults to the current one (use). Settings go as key=value; session
            defaults (set) fill in what the line does not say. Everything is checked against
            the catalogue before anything is sent: a rejected run costs nothing.
            A job value passed as an input stands for its first output URL.
            Sets $_, $job, $output and $outputs.
            """,
        examples: [
            "run google/nano-banana \"a red fox in snow\" aspect_ratio=16:9",
            "hero = run black-forest-labs/flux-schnell \"a perfume bottle\" num_outputs=2",
            "clip = run xai/grok-video-image-to-video \"slow pan\" image_input=$hero duration=5 --detach",
        ])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.run(invocation)
    }

    /// Priced and recorded, never sent; a refused run is noted and the walk goes on.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        try await evaluator.planning(invocation) { try await evaluator.run(invocation) }
    }
}

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
        if let plan, modelWord?.value.isKnownOnlyAtRunTime ?? session.currentModelIsKnownOnlyAtRunTime {
            // Checking, and the model comes from a run's result: known only when the script runs.
            return try await PlannedRuns(plan: plan).finish(PlannedRuns(plan: plan).plannedJob(invocation, model: nil, cost: nil, for: self), invocation, for: self)
        }
        guard let modelID = modelWord?.value.text ?? session.currentModel else {
            throw ScriptError(
                "run needs a model, and none is current",
                hint: "name one: run google/nano-banana \"a cat\", or pick one first: use google/nano-banana",
                at: invocation.location)
        }
        let model = try await model(named: modelID, at: modelWord?.location ?? invocation.location)
        return try await run(
            model, prompt: promptWord.map { ($0.value, $0.location) }, pairs: invocation.pairs,
            defaults: session.defaults[model.id] ?? [:], invocation)
    }

    /// Checks the input against the model's settings, then sends it (`run`, `rerun`).
    func run(
        _ model: Model, prompt: (value: Value, location: SourceLocation)?, pairs: [Invocation.Pair], defaults: [String: Value],
        _ invocation: Invocation
    ) async throws -> CommandResult {
        let (input, unlisted) = try RunPlanner.input(
            for: model, prompt: prompt, pairs: pairs,
            defaults: defaults, at: invocation.location, allowingUnlisted: invocation.has("unlisted"))
        if !unlisted.isEmpty { noteUnlisted(unlisted, of: model, invocation) }
        let (client, id, webhook) = (client, model.id, invocation.flagValue("webhook")?.text)
        let job = try await send(
            invocation, what: model.id, cost: model.cost, kind: .model, subject: model.id, input: .object(input), webhook: webhook
        ) {
            try await client.run(model: id, input: input, webhookURL: webhook)
        }
        return try await finish(job, invocation)
    }
}
