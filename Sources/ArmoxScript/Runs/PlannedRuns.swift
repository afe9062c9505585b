import ArmoxAPI

/// Runs while a check walks a script: priced and recorded in the plan, never
/// sent; a value known only at run time (`Unknown` with its `PlannedRun`)
/// stands for each one's job.
struct PlannedRuns: RunBackend {
    let plan: RunPlan

    func send(_ run: RunRequest, for evaluator: Evaluator) async throws -> Value {
        // `check --resume`: a run an earlier run of the script completed is
        // listed as reused, at no cost, and stands for that job.
        if let job = evaluator.resumable(run, excluding: plan.reusedJobs) {
            plan.reusedJobs.insert(job.id)
            plan.add(
                .init(
                    location: run.invocation.location, command: run.invocation.name, subject: run.what, cost: run.cost,
                    condition: plan.condition, valid: true, reusedJob: job.id),
                budget: evaluator.budget)
            return .job(JobRecord(job))
        }
        return plannedJob(run.invocation, model: run.appName == nil ? run.what : nil, appName: run.appName, cost: run.cost, for: evaluator)
    }

    /// Records a checked run in place of sending it; returns what stands for its job.
    /// `model` and `cost` are nil for a run whose model is known only at run time.
    func plannedJob(_ invocation: Invocation, model: String?, appName: String? = nil, cost: Int?, for evaluator: Evaluator) -> Value {
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
        let number = plan.runs.count
        let job = Value.unknown(Unknown("the job of run \(number)", run: PlannedRun(number: number, model: model, appName: appName, cost: cost)))
        plan.plannedJobs.append(job)
        return job
    }

    /// The planned job is the result: there is nothing to wait on.
    func finish(_ job: Value, _ invocation: Invocation, for evaluator: Evaluator) async throws -> CommandResult {
        CommandResult(value: job)
    }
}
