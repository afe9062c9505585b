import ArmoxAPI
import ArmoxRender

/// `settings [<model>]`
enum SettingsCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "settings", group: .models, synopsis: "settings [<model>]",
        summary: "The settings of the current (or named) model: type, API default, session value, allowed values.",
        flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
        examples: ["settings", "settings xai/grok-video-image-to-video"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.settings(invocation)
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
    func settings(_ invocation: Invocation) async throws -> CommandResult {
        let model = try await modelInScope(invocation)
        let defaults = session.defaults[model.id] ?? [:]
        var effective: [String: Value] = [:]
        for setting in model.settings {
            effective[setting.key] = defaults[setting.key] ?? setting.defaultValue.map(Value.init) ?? .null
        }
        let shown: Presentation = model.settings.isEmpty ? .line("\(model.id) has no settings") : .parts([.line(model.id), .table(settingsTable(model))])
        return CommandResult(value: .object(effective), presentation: shown)
    }
}
