import ArmoxAPI
import Foundation

/// `record <file> [--force] | record stop`
enum RecordCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "record", group: .scripts, synopsis: "record <file> [--force] | record stop",
        summary: "Turn what you do at the prompt into a script: each statement that succeeds is written as you go.",
        flags: [.init("force", nil, "replace the file if it exists")],
        takesKeyValues: false, maxPositionals: 1,
        details: """
            The file starts with a header comment (date, server) and the session's context (current
            model, its set defaults, your variables; a job becomes its first output URL). Then each
            statement that succeeded, as typed; failed statements, looks (help, models, jobs, vars, …)
            and lines holding a key are left out. armox <file> replays it, runs included.
            """,
        examples: ["record covers.armox", "run google/nano-banana \"a red fox\"", "record stop", "armox covers.armox"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try evaluator.record(invocation)
    }

    /// Nothing is written while checking.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        // A script cannot record: that error is known now; at the prompt nothing is written while checking.
        if evaluator.host.prompt == nil { return try evaluator.record(invocation) }
        return evaluator.unknownResult(of: invocation)
    }
}

extension Evaluator {
    /// `record FILE [--force]` starts, `record stop` ends, `record` alone says
    /// whether a recording runs.
    func record(_ invocation: Invocation) throws -> CommandResult {
        guard host.prompt != nil else {
            throw ScriptError(
                "record turns what you type at the prompt into a script; a script has nothing to record",
                hint: "start armox without a script, then: record session.armox", at: invocation.location)
        }
        guard let word = invocation.positionals.first else {
            let text = recorder.map { "recording to \($0.path): \($0.statements) statement\($0.statements == 1 ? "" : "s") so far (record stop ends it)" }
                ?? "not recording (record FILE starts)"
            return CommandResult(value: recorder.map { .string($0.path) } ?? .null, presentation: .line(text))
        }
        if word.isBareword && word.value.text == "stop" {
            guard let active = recorder else {
                throw ScriptError("not recording", hint: "record FILE starts a recording", at: invocation.location)
            }
            active.close()
            recorder = nil
            let text = "recorded \(active.statements) statement\(active.statements == 1 ? "" : "s") to \(active.path); replay it with: armox \(active.path)"
            return CommandResult(value: .string(active.path), presentation: .line(text))
        }
        if let active = recorder {
            throw ScriptError("already recording to \(active.path)", hint: "record stop ends it", at: invocation.location)
        }
        let typed = word.value.text
        let path = typed.hasPrefix("/") ? typed : workingDirectory + "/" + typed
        let started: ScriptRecorder
        do {
            started = try ScriptRecorder(path: path, force: invocation.has("force"))
        } catch var error as ScriptError {
            error.location = word.location
            throw error
        }
        started.write(recordingHeader(file: typed))
        recorder = started
        return CommandResult(value: .string(typed), presentation: .line("recording to \(typed): statements that succeed are written as you go (record stop ends it)"))
    }
}
