import ArmoxAPI
import ArmoxRender

/// `model <id>`
enum ModelCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "model", group: .models, synopsis: "model <id>",
        summary: "Show one model: description, inputs, settings with defaults and allowed values, cost.",
        flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
        examples: ["model google/nano-banana"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.model(invocation)
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
    func model(_ invocation: Invocation) async throws -> CommandResult {
        guard !invocation.positionals.isEmpty || session.currentModel != nil else {
            throw ScriptError("model needs a model id", hint: "model google/nano-banana", at: invocation.location)
        }
        let model = try await modelInScope(invocation)
        // A description may be several lines.
        var parts: [Presentation] = [.line("\(model.id) — \(model.name)")]
        if let description = model.description, !description.isEmpty { parts.append(.paragraph(description)) }
        parts.append(.lines([
            "modality: \(model.modality)   output: \(model.outputType ?? "-")   cost: \(model.cost.map { "\($0) credits" } ?? "unknown")",
            "inputs: " + model.inputKeys.joined(separator: ", ") + (model.promptRequired ? "   (prompt required)" : ""),
        ]))
        if !model.settings.isEmpty {
            parts += [.line("settings:"), .table(settingsTable(model), indent: "  ")]
        }
        return CommandResult(value: Value(model: model), presentation: .parts(parts))
    }
}
