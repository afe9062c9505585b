import ArmoxAPI
import ArmoxRender

/// `apps`
enum AppsCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "apps", group: .apps, synopsis: "apps",
        summary: "List the workflow apps: id, name, inputs.",
        flags: [], takesKeyValues: false, maxPositionals: 0, details: "",
        examples: ["apps"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.apps(invocation)
    }
}

extension Evaluator {
    func apps(_ invocation: Invocation) async throws -> CommandResult {
        let apps = try await appList()
        let value = Value.list(apps.map(Value.encoding))
        guard !apps.isEmpty else { return CommandResult(value: value, presentation: .line("no apps")) }
        let rows = apps.map { app in
            [app.id, app.name, app.inputs.map { $0.typedName + ($0.required ? "*" : "") }.joined(separator: " ")]
        }
        let table = TextTable(headers: ["ID", "NAME", "INPUTS (* required)"], rows: rows, shrinkable: [1, 2])
        return CommandResult(value: value, presentation: .table(table))
    }
}
