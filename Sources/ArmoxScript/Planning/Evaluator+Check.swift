import ArmoxAPI

extension Evaluator {
    /// `armox check FILE`: reads and parses the file, then walks it as a run
    /// would — catalogue fetched, every `run` and `run-app` validated and
    /// priced — without sending a single run request. Never throws: a parse
    /// error, a refused run, or an error that stops the walk is in `errors`.
    public func checkFile(at path: String) async -> RunPlan {
        await checking { try await runFile(at: path) }
    }

    /// `check` over source text (`-c`, stdin, tests).
    public func check(_ text: String, name: String) async -> RunPlan {
        await checking { try await evaluate(text, name: name) }
    }

    private func checking(_ body: () async throws -> Void) async -> RunPlan {
        let plan = RunPlan(budget: budget)
        self.plan = plan
        defer {
            self.plan = nil
            checkedReads = [:]
        }
        do {
            try await body()
        } catch is ExitRequest {
            // `exit` ends the script, and the check, there.
        } catch let error as ScriptError {
            plan.refuse(error)
        } catch let error as ArmoxError {
            plan.refuse(ScriptError(error.description, hint: "checking reads the catalogue (GET /models, /apps) and needs the API", exitStatus: .apiError))
        } catch {
            plan.refuse(ScriptError("\(error)"))
        }
        return plan
    }

    /// An `if` that cannot be decided before running: both branches are
    /// checked, their runs counted as conditional. `exit` in one ends only it.
    func checkBothBranches(_ branch: IfElse) async throws {
        guard let plan else { return }
        for body in [branch.then, branch.otherwise].compactMap({ $0 }) {
            do {
                try await plan.under(.onlyIf(branch.location)) { try await execute(body) }
            } catch is ExitRequest {}
        }
    }

    /// What a command that would spend, change something outside the
    /// session or ask the server about jobs gives while checking: a value
    /// known only at run time.
    func unknownResult(of invocation: Invocation) -> CommandResult {
        CommandResult(value: .unknown("result of \(invocation.name)"))
    }

    /// A run while checking: refused runs are recorded with their error and
    /// the walk goes on, so one check reports every bad run of a script.
    func planning(_ invocation: Invocation, _ body: () async throws -> CommandResult) async throws -> CommandResult {
        guard let plan else { return try await body() }
        do {
            return try await body()
        } catch var error as ScriptError {
            if error.location == nil { error.location = invocation.location }
            plan.refuse(dataLocated(error))
            plan.add(.init(location: invocation.location, command: invocation.name, subject: nil, cost: nil, condition: plan.condition, valid: false), budget: budget)
            return CommandResult(value: .unknown(Unknown("the job of run \(plan.runs.count)", run: PlannedRun(number: plan.runs.count))))
        }
    }
}
