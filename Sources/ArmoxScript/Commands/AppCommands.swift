import ArmoxAPI

extension Evaluator {
    func appList() async throws -> [App] {
        if let cached = session.apps { return cached }
        let apps = try await client.apps()
        session.apps = apps
        host.catalogueObserver?(.apps(apps))
        return apps
    }

    /// An app by id or by name (case-insensitive).
    func app(named name: String, at location: SourceLocation) async throws -> App {
        let apps = try await appList()
        if let app = apps.first(where: { $0.id == name }) ?? apps.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return app
        }
        throw ScriptError(
            "unknown app \"\(name)\"",
            hint: Nearest.hint(for: name, among: apps.map(\.name) + apps.map(\.id), limit: 2, shown: { "\"\($0)\"" }, otherwise: "apps lists them"),
            at: location)
    }


    func apps(_ invocation: Invocation) async throws -> CommandResult {
        let apps = try await appList()
        let value = Value.list(apps.map(Value.encoding))
        guard !apps.isEmpty else { return CommandResult(value: value, display: "no apps") }
        let rows = apps.map { app in
            [app.id, app.name, app.inputs.map { $0.typedName + ($0.required ? "*" : "") }.joined(separator: " ")]
        }
        let table = TextTable(headers: ["ID", "NAME", "INPUTS (* required)"], rows: rows, shrinkable: [1, 2])
        return CommandResult(value: value, display: render(table))
    }

    func app(_ invocation: Invocation) async throws -> CommandResult {
        guard let word = invocation.positionals.first else {
            throw ScriptError("app needs an app id or name", hint: "apps lists them", at: invocation.location)
        }
        let app = try await app(named: word.value.text, at: word.location)
        // Server text, each line shown through TerminalText; a description may be several lines.
        var lines = [TerminalText.printable("\(app.name)  (\(app.id))")]
        if let description = app.description, !description.isEmpty {
            lines.append(TerminalText.printable(description, keepingLineBreaks: true))
        }
        if !app.tags.isEmpty { lines.append(TerminalText.printable("tags: " + app.tags.joined(separator: ", "))) }
        let rows = app.inputs.map { input in
            [input.typedName, input.label ?? "-", input.type, input.required ? "yes" : "no", input.allowMultiple ? "list" : "one", input.id]
        }
        lines.append("inputs:")
        lines.append(render(TextTable(headers: ["NAME", "LABEL", "TYPE", "REQUIRED", "VALUES", "ID"], rows: rows, shrinkable: [1])))
        return CommandResult(value: Value.encoding(app), display: lines.joined(separator: "\n"))
    }

    func runApp(_ invocation: Invocation) async throws -> CommandResult {
        guard let word = invocation.positionals.first else {
            throw ScriptError("run-app needs an app id or name", hint: "apps lists them", at: invocation.location)
        }
        if PlannedValue.isUnknown(word.value), let job = plannedJob(invocation, model: nil, cost: nil) {
            return CommandResult(value: .job(job))
        }
        let app = try await app(named: word.value.text, at: word.location)
        var inputs: [String: JSONValue] = [:]
        for pair in invocation.pairs {
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
            if MediaInputs.types.contains(input.type.lowercased()) {
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
        let job = try await send(invocation, what: app.name, appName: app.name, cost: app.cost) {
            try await client.runApp(id: id, inputs: given, webhookURL: webhook)
        }
        return try await finish(job, invocation)
    }
}
