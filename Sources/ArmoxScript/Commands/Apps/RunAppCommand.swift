import ArmoxAPI

/// `run-app <id|name> input=value … [--detach] [--webhook=URL] [--timeout=S]`
enum RunAppCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "run-app", group: .apps, synopsis: "run-app <id|name> input=value … [--detach] [--webhook=URL] [--timeout=S]",
        summary: "Run a workflow app and wait for it (apps always run in the background) unless --detach.",
        flags: [
            .init("detach", nil, "return the job at once"),
            .init("webhook", "URL", "ask the API to POST the finished job to URL"),
            .init("timeout", "S", "stop waiting after S seconds (the job keeps running)"),
            .init("allow-failure", nil, "a failed job is returned instead of stopping the script"),
        ],
        takesKeyValues: true, maxPositionals: 1,
        details: """
            Name an input by its targetHandle (image_input), its label written with
            underscores (input_images) or its id. An input that takes several values gets a
            list; required inputs are checked before anything is sent.
            """,
        examples: ["run-app \"Sketch to Render\" image_input=[$sketch] aspect_ratio=16:9"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.runApp(invocation)
    }

    /// Priced and recorded, never sent; a refused run is noted and the walk goes on.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        try await evaluator.planning(invocation) { try await evaluator.runApp(invocation) }
    }
}

extension Evaluator {
    func runApp(_ invocation: Invocation) async throws -> CommandResult {
        guard let word = invocation.positionals.first else {
            throw ScriptError("run-app needs an app id or name", hint: "apps lists them", at: invocation.location)
        }
        if word.value.isKnownOnlyAtRunTime, let plan {
            // Checking, and the app comes from a run's result: known only when the script runs.
            return CommandResult(value: PlannedRuns(plan: plan).plannedJob(invocation, model: nil, cost: nil, for: self))
        }
        let app = try await app(named: word.value.text, at: word.location)
        return try await runApp(app, pairs: invocation.pairs, invocation)
    }

    /// Checks the inputs against the app's, then sends them (`run-app`, `rerun`).
    func runApp(_ app: App, pairs: [Invocation.Pair], _ invocation: Invocation) async throws -> CommandResult {
        var inputs: [String: JSONValue] = [:]
        for pair in pairs {
            guard let input = app.input(typed: pair.key) else {
                let names = app.inputs.map { $0.typedName + ($0.label.map { " (\($0))" } ?? "") }
                throw ScriptError(
                    "\(app.name) has no input \"\(pair.key)\"", hint: "its inputs: " + names.joined(separator: ", "), at: pair.location)
            }
            if inputs[input.id] != nil {
                throw ScriptError("input \(input.typedName) is given twice", at: pair.location)
            }
            var value = try pair.value.jsonAt(pair.valueLocation)
            if input.allowMultiple {
                if case .array = value {} else { value = .array([value]) }
            } else if case .array(let items) = value {
                guard items.count == 1 else {
                    throw ScriptError(
                        "input \(input.typedName) takes one value, not a list of \(items.count)", at: pair.valueLocation)
                }
                value = items[0]
            }
            // Known only at run time: checked then, by the run itself.
            if MediaInputs.types.contains(input.type.lowercased()), !pair.value.isKnownOnlyAtRunTime {
                try MediaInputs.check(value, input.typedName, at: pair.valueLocation)
            }
            inputs[input.id] = value
        }
        let missing = app.inputs.filter { $0.required && inputs[$0.id] == nil }
        if !missing.isEmpty {
            throw ScriptError(
                "\(app.name) needs " + missing.map(\.typedName).joined(separator: ", "),
                hint: "run-app \"\(app.name)\" " + missing.map { $0.typedName + "=…" }.joined(separator: " "),
                at: invocation.location)
        }
        let (client, id, given, webhook) = (client, app.id, inputs, invocation.flagValue("webhook")?.text)
        let job = try await send(
            invocation, what: app.name, appName: app.name, cost: app.cost, kind: .app, subject: app.id, input: .object(given),
            webhook: webhook
        ) {
            try await client.runApp(id: id, inputs: given, webhookURL: webhook)
        }
        return try await finish(job, invocation)
    }
}
