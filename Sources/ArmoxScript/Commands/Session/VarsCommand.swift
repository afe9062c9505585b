import ArmoxAPI
import ArmoxRender
import Foundation

/// `vars`
enum VarsCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "vars", group: .session, synopsis: "vars",
        summary: "List the variables: yours, then the session's ($_, $job, $output, $outputs, $model).",
        flags: [], takesKeyValues: false, maxPositionals: 0, details: "",
        examples: ["vars"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        evaluator.vars(invocation)
    }
}

extension Evaluator {
    func vars(_ invocation: Invocation) -> CommandResult {
        func short(_ value: Value) -> String {
            let text: String
            switch value {
            case .job(let job): text = "job \(job.id) (\(job.status.rawValue))"
            case .string(let string): text = "\"\(string)\""
            case .list, .object: text = value.jsonText()
            default: text = value.text
            }
            return text.count > 70 ? String(text.prefix(69)) + "…" : text
        }
        let user = session.userVariables
        var rows = user.keys.sorted().map { ["$" + $0, short(user[$0]!)] }
        var own: [(String, Value)] = ["_", "job", "output", "outputs"].compactMap { name in session.variables[name].map { (name, $0) } }
        own.append(("model", session.currentModel.map(Value.string) ?? .null))
        if !session.arguments.isEmpty { own.append(("args", .list(session.arguments.map(Value.string)))) }
        rows += own.map { ["$" + $0.0, short($0.1)] }
        return CommandResult(value: .object(user), presentation: .table(TextTable(headers: ["VARIABLE", "VALUE"], rows: rows, shrinkable: [1])))
    }
}
