import ArmoxAPI

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

    func models(_ invocation: Invocation) async throws -> CommandResult {
        let filter = invocation.positionals.first?.value.text.lowercased()
        let modality = invocation.flagValue("modality")?.text.lowercased()
        let models = try await catalogue(refresh: invocation.has("refresh")).filter { model in
            (modality == nil || model.modality.lowercased() == modality)
                && (filter.map { f in [model.id, model.name, model.modality].contains { $0.lowercased().contains(f) } } ?? true)
        }
        let value = Value.list(models.map(Value.encoding))
        if models.isEmpty {
            // An empty table (a header alone) reads like a broken catalogue.
            let what = [filter.map { "\"\($0)\"" }, modality.map { "--modality=\($0)" }].compactMap { $0 }.joined(separator: " ")
            output.err(TerminalText.printable("no models match \(what.isEmpty ? "(the catalogue is empty)" : what)") + "\n")
            return CommandResult(value: value, display: "")
        }
        let rows = models.map { model in
            [model.id, model.name, model.modality, model.cost.map(String.init) ?? "-", model.outputType ?? "-"]
        }
        var table = TextTable(headers: ["ID", "NAME", "MODALITY", "COST", "OUTPUT"], rows: rows, rightAligned: [3], shrinkable: [1])
        // Most catalogues make what their modality says: OUTPUT then tells nothing MODALITY does not.
        if rows.allSatisfy({ $0[4] == $0[2] }) { table.redundant = [4] }
        return CommandResult(value: value, display: render(table))
    }

    func model(_ invocation: Invocation) async throws -> CommandResult {
        guard !invocation.positionals.isEmpty || session.currentModel != nil else {
            throw ScriptError("model needs a model id", hint: "model google/nano-banana", at: invocation.location)
        }
        let model = try await modelInScope(invocation)
        // Server text, each line shown through TerminalText; a description may be several lines.
        let safe = { (text: String) in TerminalText.printable(text) }
        var lines = [safe("\(model.id) — \(model.name)")]
        if let description = model.description, !description.isEmpty {
            lines.append(TerminalText.printable(description, keepingLineBreaks: true))
        }
        lines.append(safe("modality: \(model.modality)   output: \(model.outputType ?? "-")   cost: \(model.cost.map { "\($0) credits" } ?? "unknown")"))
        lines.append(safe("inputs: " + model.inputKeys.joined(separator: ", ") + (model.promptRequired ? "   (prompt required)" : "")))
        if !model.settings.isEmpty {
            lines.append("settings:")
            lines.append(settingsTable(model, indent: "  "))
        }
        return CommandResult(value: Value.encoding(model), display: lines.joined(separator: "\n"))
    }

    func settingsTable(_ model: Model, indent: String = "") -> String {
        let defaults = session.defaults[model.id] ?? [:]
        let rows = model.settings.map { setting in
            [
                setting.key, setting.inputType, setting.defaultValue?.displayString ?? "-",
                defaults[setting.key]?.text ?? "-", RunPlanner.allowed(setting) ?? "any",
            ]
        }
        // Keys and types are what a user types; values and the allowed list may be cut.
        let table = TextTable(headers: ["KEY", "TYPE", "DEFAULT", "SESSION", "ALLOWED"], rows: rows, shrinkable: [2, 3, 4])
        return render(table, indent: DisplayWidth.of(indent)).split(separator: "\n").map { indent + $0 }.joined(separator: "\n")
    }

    func use(_ invocation: Invocation) async throws -> CommandResult {
        guard let word = invocation.positionals.first else {
            guard let current = session.currentModel else {
                return CommandResult(value: .null, display: "no current model (use <model-id> picks one)")
            }
            return CommandResult(value: .string(current), display: TerminalText.printable("current model: \(current)"))
        }
        let model = try await model(named: word.value.text, at: word.location)
        session.currentModel = model.id
        let cost = model.cost.map { ", \($0) credits" } ?? ""
        return CommandResult(value: .string(model.id), display: TerminalText.printable("using \(model.id) (\(model.name), \(model.modality)\(cost))"))
    }

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
        return CommandResult(value: .object(defaults), display: TerminalText.printable("\(model.id) defaults: \(shown)"))
    }

    func unsetDefaults(_ invocation: Invocation) async throws -> CommandResult {
        guard let current = session.currentModel else {
            throw ScriptError("unset needs a current model", hint: "use <model-id> first", at: invocation.location)
        }
        var defaults = session.defaults[current] ?? [:]
        if invocation.has("all") {
            defaults = [:]
        } else {
            guard !invocation.positionals.isEmpty else {
                throw ScriptError("unset needs a key (or --all)", hint: "unset aspect_ratio", at: invocation.location)
            }
            for word in invocation.positionals {
                guard defaults.removeValue(forKey: word.value.text) != nil else {
                    let set = defaults.keys.sorted()
                    throw ScriptError(
                        "\(word.value.text) has no session default for \(current)",
                        hint: set.isEmpty ? "no defaults are set" : "set keys: \(set.joined(separator: ", "))", at: word.location)
                }
            }
        }
        session.defaults[current] = defaults.isEmpty ? nil : defaults
        return CommandResult(value: .object(defaults), display: defaults.isEmpty ? TerminalText.printable("\(current): no session defaults") : nil)
    }

    func settings(_ invocation: Invocation) async throws -> CommandResult {
        let model = try await modelInScope(invocation)
        let defaults = session.defaults[model.id] ?? [:]
        var effective: [String: Value] = [:]
        for setting in model.settings {
            effective[setting.key] = defaults[setting.key] ?? setting.defaultValue.map(Value.init) ?? .null
        }
        let id = TerminalText.printable(model.id)
        let display = model.settings.isEmpty ? "\(id) has no settings" : "\(id)\n" + settingsTable(model)
        return CommandResult(value: .object(effective), display: display)
    }
}
