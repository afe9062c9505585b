import ArmoxAPI
import ArmoxRender

/// `models [filter] [--modality=M] [--refresh]`
enum ModelsCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "models", group: .models, synopsis: "models [filter] [--modality=M] [--refresh]",
        summary: "List the models: id, name, modality, cost in credits, output type.",
        flags: [
            .init("modality", "M", "only image, video, audio, 3d or text models"),
            .init("refresh", nil, "fetch the catalogue again instead of the session's copy"),
        ],
        takesKeyValues: false, maxPositionals: 1,
        details: "The filter matches id, name or modality, case-insensitively.",
        examples: ["models", "models banana", "models --modality=video", "video = models --modality=video"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.models(invocation)
    }
}

extension Evaluator {
    func models(_ invocation: Invocation) async throws -> CommandResult {
        let filter = invocation.positionals.first?.value.text.lowercased()
        let modality = invocation.flagValue("modality")?.text.lowercased()
        let models = try await catalogue(refresh: invocation.has("refresh")).filter { model in
            (modality == nil || model.modality.lowercased() == modality)
                && (filter.map { f in [model.id, model.name, model.modality].contains { $0.lowercased().contains(f) } } ?? true)
        }
        let value = Value.list(models.map(Value.init(model:)))
        if models.isEmpty {
            // An empty table (a header alone) reads like a broken catalogue.
            let what = [filter.map { "\"\($0)\"" }, modality.map { "--modality=\($0)" }].compactMap { $0 }.joined(separator: " ")
            output.err(TerminalText.printable("no models match \(what.isEmpty ? "(the catalogue is empty)" : what)") + "\n")
            return CommandResult(value: value, presentation: .nothing)
        }
        let rows = models.map { model in
            [model.id, model.name, model.modality, model.cost.map(String.init) ?? "-", model.outputType ?? "-"]
        }
        var table = TextTable(headers: ["ID", "NAME", "MODALITY", "COST", "OUTPUT"], rows: rows, rightAligned: [3], shrinkable: [1])
        // Most catalogues make what their modality says: OUTPUT then tells nothing MODALITY does not.
        if rows.allSatisfy({ $0[4] == $0[2] }) { table.redundant = [4] }
        return CommandResult(value: value, presentation: .table(table))
    }
}
