import ArmoxAPI

/// `use [<id>]`
enum UseCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "use", group: .models, synopsis: "use [<id>]",
        summary: "Make a model current: run, set and settings then need no model id. Alone, show the current one.",
        flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
        examples: ["use google/veo-3", "run \"a paper boat at dawn\""])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.use(invocation)
    }

    /// A model known only at run time becomes the current one, unknown; else it runs (it sends nothing).
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        if invocation.hasWordsKnownOnlyAtRunTime {
            evaluator.session.currentModel = nil
            evaluator.session.currentModelIsKnownOnlyAtRunTime = true
            return CommandResult(value: invocation.positionals.first?.value ?? .null)
        }
        if evaluator.session.currentModelIsKnownOnlyAtRunTime { return evaluator.unknownResult(of: invocation) }
        return nil
    }
}

extension Evaluator {
    func use(_ invocation: Invocation) async throws -> CommandResult {
        guard let word = invocation.positionals.first else {
            guard let current = session.currentModel else {
                return CommandResult(value: .null, presentation: .line("no current model (use <model-id> picks one)"))
            }
            return CommandResult(value: .string(current), presentation: .line("current model: \(current)"))
        }
        let model = try await model(named: word.value.text, at: word.location)
        session.currentModel = model.id
        let cost = model.cost.map { ", \($0) credits" } ?? ""
        return CommandResult(value: .string(model.id), presentation: .line("using \(model.id) (\(model.name), \(model.modality)\(cost))"))
    }
}
