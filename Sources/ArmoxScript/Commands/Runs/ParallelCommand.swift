import ArmoxAPI

/// `parallel [N | off]`
enum ParallelCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "parallel", group: .runs, synopsis: "parallel [N | off]",
        summary: "At most N of the session's jobs unfinished at once; alone, show the limit.",
        flags: [], takesKeyValues: false, maxPositionals: 1,
        details: """
            With a limit, a run waits for a slot before it is sent while N of the jobs this \
            session started are still pending or processing (the live lines say so). Ctrl-C \
            during that wait sends nothing more; the jobs already running go on. For plans \
            and budgets that cannot take a loop's 500 detached runs at once. parallel off \
            lifts it.
            """,
        examples: ["parallel 4", "for p in $prompts { run google/veo-3 $p --detach }", "parallel off"])

    /// The most a limit may be: a session never holds more jobs than this unfinished at once in practice.
    static let maxLimit = 1000

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try evaluator.parallel(invocation)
    }
}

extension Evaluator {
    func parallel(_ invocation: Invocation) throws -> CommandResult {
        if let word = invocation.positionals.first {
            switch word.value.text {
            case "off", "none":
                session.parallel = nil
            default:
                guard let limit = Int(word.value.text), (1...ParallelCommand.maxLimit).contains(limit) else {
                    throw ScriptError(
                        "parallel takes a whole number of jobs from 1 to \(ParallelCommand.maxLimit), or off",
                        hint: "parallel 4", at: word.location)
                }
                session.parallel = limit
            }
        }
        let unfinished = plan == nil ? unfinishedJobs.count : 0
        let line = session.parallel.map { "parallel: at most \($0) jobs unfinished at once (\(unfinished) now)" }
            ?? "parallel: off (runs are sent at once; \(unfinished) jobs unfinished now)"
        let value: Value = session.parallel.map { .number(Number($0)) } ?? .string("off")
        return CommandResult(value: value, presentation: .lines([line]))
    }

    /// Before a run is sent under `parallel N`: while N of the session's jobs
    /// are unfinished, waits (polling them, with live lines saying why)
    /// until one ends. Cancellation here sends nothing.
    func waitForSlot(at location: SourceLocation) async throws {
        guard let limit = session.parallel else { return }
        let running = unfinishedJobs
        guard running.count >= limit else { return }
        let title = "parallel \(limit): waiting for one of \(running.count) unfinished jobs to end before the next run (Ctrl-C sends nothing more)"
        _ = try await waitFor(running, timeout: nil, at: location, untilAtMost: limit - 1, title: title)
    }
}
