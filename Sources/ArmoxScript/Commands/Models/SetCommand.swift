import ArmoxAPI

/// `set key=value …`
enum SetCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "set", group: .models, synopsis: "set key=value …",
        summary: "Set session defaults for the current model's settings; every later run of it uses them.",
        flags: [], takesKeyValues: true, maxPositionals: 0,
        details: "Values are checked against the model's settings. A run's own key=value wins over a default.",
        examples: ["use google/nano-banana", "set aspect_ratio=16:9 output_format=jpg"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.setDefaults(invocation)
    }

    /// A model or words known only at run time: its result is too; else it runs (it sends nothing).
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        if invocation.hasWordsKnownOnlyAtRunTime || evaluator.session.currentModelIsKnownOnlyAtRunTime {
            return evaluator.unknownResult(of: invocation)
        }
        return nil
    }
}

extension Evaluator {
    func setDefaults(_ invocation: Invocation) async throws -> CommandResult {
        let model = try await modelInScope(invocation)
        guard !invocation.pairs.isEmpty else {
            throw ScriptError("set needs key=value", hint: "set aspect_ratio=16:9 (settings lists the keys)", at: invocation.location)
        }
        var defaults = session.defaults[model.id] ?? [:]
        for pair in invocation.pairs {
            guard let setting = model.setting(pair.key) else {
                throw RunPlanner.unknownKey(pair.key, of: model, at: pair.location, settingsOnly: true)
            }
            defaults[pair.key] = try RunPlanner.checked(pair.value, for: setting, of: model, at: pair.valueLocation)
        }
        session.defaults[model.id] = defaults
        let shown = defaults.keys.sorted().map { "\($0)=\(defaults[$0]!.text)" }.joined(separator: " ")
        return CommandResult(value: .object(defaults), presentation: .line("\(model.id) defaults: \(shown)"))
    }
}
