import ArmoxAPI
import ArmoxLedger

/// One run about to be sent: the statement that asks for it, what it runs
/// (a model id, or an app's name), its catalogue cost, and the request that
/// sends it.
struct RunRequest {
    let invocation: Invocation
    /// The model id, or the app's name for an app run.
    let what: String
    /// Set for an app run: its name.
    let appName: String?
    /// The catalogue's cost, when it gives one.
    let cost: Int?
    /// What the ledger keeps of it: a model's or an app's run, its id, the
    /// input exactly as sent, the webhook.
    let kind: RunStart.Kind
    let subject: String
    let input: JSONValue
    let webhook: String?
    let send: @Sendable () async throws -> Job
}

/// What sending a run means. Live, the client sends it once under the
/// session's budget; while checking (`armox check`, the whole-entry check),
/// the planner prices it, records it and sends nothing. `run` and `run-app`
/// hand their request to whichever the evaluator has now, and never ask
/// which it is.
protocol RunBackend {
    /// The job the run started (live), or what stands for it (planned).
    func send(_ run: RunRequest, for evaluator: Evaluator) async throws -> Value
    /// What the statement gives back: live, the job once waited on (unless
    /// `--detach`) and checked; planned, what stands for it.
    func finish(_ job: Value, _ invocation: Invocation, for evaluator: Evaluator) async throws -> CommandResult
}

extension Evaluator {
    /// The backend runs go to now: the planner while a check walks a script.
    var runs: any RunBackend {
        plan.map { PlannedRuns(plan: $0) } ?? LiveRuns()
    }
}
