import ArmoxAPI
import Foundation

/// `wait [job … | all | pending] [--timeout=S]`
enum WaitCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "wait", group: .runs, synopsis: "wait [job … | all | pending] [--timeout=S]",
        summary: "Wait until jobs finish. Alone (or with all), waits on every unfinished job of the session; pending, on every one the run ledger knows.",
        flags: [
            .init("timeout", "S", "stop waiting after S seconds (the jobs keep running)"),
            .init("allow-failure", nil, "failed jobs are returned instead of stopping the script"),
        ],
        takesKeyValues: false, maxPositionals: nil,
        details: "Returns the job (or the list of jobs) and sets $_, $job, $output, $outputs. "
            + "wait pending takes up the jobs of earlier sessions (one that crashed, a terminal that closed) from the run ledger.",
        examples: ["wait $clip", "wait all --timeout=600", "done = wait $a $b", "wait pending"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.wait(invocation)
    }

    /// Nothing is waited on: the result is the jobs named, their outcome unknown.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        // The jobs waited on, their outcome unknown.
        if invocation.positionals.contains(where: { $0.isBareword && $0.value.text == "pending" }) {
            return evaluator.unknownResult(of: invocation)
        }
        let values = invocation.positionals.filter { !($0.isBareword && $0.value.text == "all") }.map(\.value)
        if values.count == 1 { return CommandResult(value: values[0]) }
        if values.isEmpty {
            let unfinished = evaluator.unfinishedJobs.compactMap { evaluator.session.jobs[$0] }.map(Value.job)
            return CommandResult(value: .list(unfinished + plan.plannedJobs))
        }
        return CommandResult(value: .list(values))
    }
}

extension Evaluator {
    func wait(_ invocation: Invocation) async throws -> CommandResult {
        var ids: [String] = []
        var single = invocation.positionals.count == 1
        for word in invocation.positionals {
            if word.isBareword && word.value.text == "all" {
                ids += unfinishedJobs
                single = false
            } else if word.isBareword && word.value.text == "pending" {
                ids += try await ledgerPending(at: word.location).filter { !ids.contains($0) }
                single = false
            } else {
                if case .list = word.value { single = false }
                ids += try jobIDs(from: word.value, at: word.location)
            }
        }
        if invocation.positionals.isEmpty {
            // `wait` alone: the session's unfinished jobs (one job reads as one
            // job, not a list of one), else the last job.
            ids = unfinishedJobs
            single = ids.count == 1
            if ids.isEmpty, case .job(let last)? = session.variables["job"] {
                ids = [last.id]
                single = true
            }
            guard !ids.isEmpty else {
                throw ScriptError("nothing to wait for: this session has no unfinished jobs", hint: "run … --detach starts one", at: invocation.location)
            }
        }
        let jobs = try await waitFor(ids, timeout: invocation.seconds("timeout"), at: invocation.location)
        try checkOutcome(jobs, allowFailure: invocation.has("allow-failure"), at: invocation.location)
        if single, let job = jobs.first { return CommandResult(value: .job(job)) }
        return CommandResult(value: .list(jobs.map(Value.job)), presentation: jobs.isEmpty ? .line("no jobs to wait for") : jobTable(jobs.map(\.job)))
    }
}
