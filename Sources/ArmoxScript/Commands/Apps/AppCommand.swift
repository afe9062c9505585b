import ArmoxAPI

/// `app <id|name>`
enum AppCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "app", group: .apps, synopsis: "app <id|name>",
        summary: "Show one app and its inputs: the names run-app accepts for each.",
        flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
        examples: ["app \"Sketch to Render\""])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.app(invocation)
    }
}

extension Evaluator {
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
}
