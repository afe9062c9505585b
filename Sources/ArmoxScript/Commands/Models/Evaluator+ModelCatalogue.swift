import ArmoxAPI
import ArmoxRender

/// What the evaluator fetched of the catalogue.
public enum CatalogueUpdate: Sendable {
    case models([Model])
    case apps([App])
}

extension Evaluator {
    /// The catalogue, fetched once per session (or again on `--refresh`).
    func catalogue(refresh: Bool = false) async throws -> [Model] {
        if !refresh, let cached = session.catalogue { return cached }
        let models = try await client.models()
        session.catalogue = models
        host.catalogueObserver?(.models(models))
        return models
    }

    /// The model named `id`, or an error at `location` naming the nearest ids.
    func model(named id: String, at location: SourceLocation) async throws -> Model {
        let models = try await catalogue()
        if let model = models.first(where: { $0.id == id }) { return model }
        if let model = models.first(where: { $0.id.lowercased() == id.lowercased() }) { return model }
        throw ScriptError(
            "unknown model \"\(id)\"",
            hint: Nearest.hint(for: id, among: models.map(\.id), otherwise: "models lists every model"),
            at: location)
    }

    /// The model a command names in its first positional, else the current one.
    func modelInScope(_ invocation: Invocation) async throws -> Model {
        if let word = invocation.positionals.first {
            return try await model(named: word.value.text, at: word.location)
        }
        guard let current = session.currentModel else {
            throw ScriptError(
                "\(invocation.name) needs a model, and none is current",
                hint: "pick one first: use google/nano-banana", at: invocation.location)
        }
        return try await model(named: current, at: invocation.location)
    }

    func settingsTable(_ model: Model) -> TextTable {
        let defaults = session.defaults[model.id] ?? [:]
        let rows = model.settings.map { setting in
            [
                setting.key, setting.inputType, setting.defaultValue?.displayString ?? "-",
                defaults[setting.key]?.text ?? "-", RunPlanner.allowed(setting) ?? "any",
            ]
        }
        // Keys and types are what a user types; values and the allowed list may be cut.
        return TextTable(headers: ["KEY", "TYPE", "DEFAULT", "SESSION", "ALLOWED"], rows: rows, shrinkable: [2, 3, 4])
    }

}
