import ArmoxAPI
import Foundation

/// `echo word …`
enum EchoCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "echo", group: .scripts, synopsis: "echo word …",
        summary: "Print words separated by spaces. Lists print their items; a job prints its id.",
        flags: [], takesKeyValues: true, maxPositionals: nil, details: "",
        examples: ["echo \"saved $output\"", "echo $hero.outputs[0]"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        evaluator.echo(invocation)
    }
}

extension Evaluator {
    func echo(_ invocation: Invocation) -> CommandResult {
        CommandResult(value: .string(invocation.text), presentation: .text(invocation.text + "\n"), textOnly: true)
    }
}
