import ArmoxAPI
import Foundation

/// `source <file> [args …]`
enum SourceCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "source", group: .scripts, synopsis: "source <file> [args …]",
        summary: "Run a script file in this session: its variables, jobs and current model stay.",
        flags: [], takesKeyValues: false, maxPositionals: nil,
        details: "A relative path is resolved against the folder of the script that sources it.",
        examples: ["source Examples/01-first-image.armox"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.source(invocation)
    }

    /// Words known only at run time: checked when the script runs.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        invocation.hasWordsKnownOnlyAtRunTime ? evaluator.unknownResult(of: invocation) : nil
    }
}

extension Evaluator {
    func source(_ invocation: Invocation) async throws -> CommandResult {
        guard let word = invocation.positionals.first else {
            throw ScriptError("source needs a file", hint: "source Examples/01-first-image.armox", at: invocation.location)
        }
        let typed = session.expandingTilde(word.value.text)
        let folder = sourceFolders.last ?? workingDirectory
        let path = typed.hasPrefix("/") ? typed : (folder == workingDirectory ? typed : folder + "/" + typed)
        let absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        guard sourceFolders.count < 32 else {
            throw ScriptError("source is nested more than 32 deep", hint: "does \(typed) source itself?", at: word.location)
        }
        let savedArguments = session.arguments
        if invocation.positionals.count > 1 {
            session.arguments = invocation.positionals.dropFirst().map(\.value.text)
        }
        defer { session.arguments = savedArguments }
        try await runFile(named: path, at: absolute) {
            ScriptError("cannot read \(path)", hint: "a relative path starts from \(folder)", at: word.location)
        }
        return .none
    }
}
