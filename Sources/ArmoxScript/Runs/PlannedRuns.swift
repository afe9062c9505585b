import ArmoxAPI

/// Runs while a check walks a script: priced and recorded in the plan, never
/// sent; a planned job stands for each one's result.
struct PlannedRuns: RunBackend {
    let plan: RunPlan

    func send(_ run: RunRequest, for evaluator: Evaluator) async throws -> Job {
        plannedJob(run.invocation, model: run.appName == nil ? run.what : nil, appName: run.appName, cost: run.cost, for: evaluator)
    }

    /// Records a checked run in place of sending it; returns its planned job.
    /// `model` and `cost` are nil for a run whose model is known only at run time.
    func plannedJob(_ invocation: Invocation, model: String?, appName: String? = nil, cost: Int?, for evaluator: Evaluator) -> Job {
        let subject = model ?? appName
        if cost == nil, let subject, let budget = evaluator.budget, plan.condition == .always {
            // Refused when sent, whatever happens before it: under a budget, a run needs a known cost.
            plan.refuse(ScriptError(
                "budget: the catalogue gives no cost for \(subject), so this run could pass the \(budget)-credit budget",
                hint: "budget off lifts the cap for this session", at: invocation.location))
        }
        plan.add(
            .init(location: invocation.location, command: invocation.name, subject: subject, cost: cost, condition: plan.condition, valid: true),
            budget: evaluator.budget)
        let job = PlannedValue.job(number: plan.runs.count, model: model, appName: appName, cost: cost)
        evaluator.session.record(job, started: true)
        return job
    }

    /// The planned job is the result: there is nothing to wait on.
    func finish(_ job: Job, _ invocation: Invocation, for evaluator: Evaluator) async throws -> CommandResult {
        CommandResult(value: .job(job))
    }
}
