import ArmoxAPI
import ArmoxRender

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
        // A description may be several lines.
        var parts: [Presentation] = [.line("\(app.name)  (\(app.id))")]
        if let description = app.description, !description.isEmpty { parts.append(.paragraph(description)) }
        if !app.tags.isEmpty { parts.append(.line("tags: " + app.tags.joined(separator: ", "))) }
        let rows = app.inputs.map { input in
            [input.typedName, input.label ?? "-", input.type, input.required ? "yes" : "no", input.allowMultiple ? "list" : "one", input.id]
        }
        parts += [.line("inputs:"), .table(TextTable(headers: ["NAME", "LABEL", "TYPE", "REQUIRED", "VALUES", "ID"], rows: rows, shrinkable: [1]))]
        return CommandResult(value: Value.encoding(app), presentation: .parts(parts))
    }
}
