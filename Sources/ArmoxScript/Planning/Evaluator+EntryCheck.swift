import ArmoxAPI

/// The whole-entry check: before the first statement of an entry runs (a
/// script file, `-c`, statements on stdin, a statement typed at the prompt,
/// `source` typed there), the entry is checked whole, and every error that
/// checking can know stops it before anything is sent or spent.
///
/// An entry that can spend or act on the server (it holds `run`, `run-app`,
/// `cancel`, `download` or `source`) is walked through the checker, the same
/// walk as `armox check`: every run validated and priced, the budget weighed
/// against the runs sure to happen. The session is then put back as it was
/// (only the catalogue it fetched is kept), so the entry runs from the same
/// state it was checked in. Any other entry sends nothing whatever happens,
/// so only the shape of its commands is checked (names, flags, words), which
/// costs a look-up a command: a 100,000-line script of assignments is not
/// evaluated twice.
///
/// What only running can know (a field of a run's result, a condition on
/// it) is checked again when reached: every statement is, as before.
extension Evaluator {
    /// Commands that make the check walk the entry (see the type's documentation).
    static let actingCommands: Set<String> = ["run", "run-app", "cancel", "download", "source"]

    func checkEntry(_ entry: EntryStatements) async throws {
        guard plan == nil, entryDepth == 0 else { return }
        // One pass over the statements: the shapes, and whether anything acts.
        var shapes: [ScriptError] = []
        var acting = false
        var count = 0
        try await entry.forEach { _, statement in
            count += 1
            acting = self.scan(statement, shapes: &shapes) || acting
        }
        guard count > 0 else { return }
        let errors: [ScriptError]
        let more: Int
        if acting {
            // The walk finds the shapes' errors too, in their place among the rest.
            let plan = try await walk(entry)
            errors = plan.errors + (plan.budgetBreach.map { [plan.attached(budgetError($0))] } ?? [])
            more = plan.moreErrors
        } else {
            errors = shapes.map { $0.attaching(entry.source) }
            more = 0
        }
        guard var first = errors.first else { return }
        first.also = Array(errors.dropFirst())
        if errors.count + more > 1 || count > 1 {
            let count = errors.count + more
            let listed = more > 0 ? " (the first \(errors.count) shown)" : ""
            first.closing = "nothing was run: \(count) error\(count == 1 ? "" : "s") found before the first statement\(listed)"
        }
        first.exitStatus = .scriptError
        throw first
    }

    /// The shape of every command, and every name assigned, in both branches
    /// of every `if` and the body of every `for`, into `shapes`; true when
    /// any statement, however deep, is a command that can spend or act.
    private func scan(_ statements: [Statement], shapes: inout [ScriptError]) -> Bool {
        var acting = false
        for statement in statements { acting = scan(statement, shapes: &shapes) || acting }
        return acting
    }

    /// `scan` of one statement.
    private func scan(_ statement: Statement, shapes: inout [ScriptError]) -> Bool {
        var acting = false
        do {
            switch statement {
            case .command(let command):
                acting = acting || Self.actingCommands.contains(command.name)
                _ = try Self.checkShape(of: command)
            case .assignment(let assignment):
                try checkAssignable(assignment.name, at: assignment.location)
                switch assignment.value {
                case .command(let command):
                    acting = acting || Self.actingCommands.contains(command.name)
                    _ = try Self.checkShape(of: command)
                case .loop(let loop):
                    try checkAssignable(loop.variable, at: loop.location)
                    acting = scan(loop.body, shapes: &shapes) || acting
                case .expression:
                    break
                }
            case .forIn(let loop):
                try checkAssignable(loop.variable, at: loop.location)
                acting = scan(loop.body, shapes: &shapes) || acting
            case .ifElse(let branch):
                acting = scan(branch.then, shapes: &shapes) || acting
                if let otherwise = branch.otherwise { acting = scan(otherwise, shapes: &shapes) || acting }
            }
        } catch let error as ScriptError {
            if shapes.count < RunPlan.errorLimit { shapes.append(error) }
        } catch {}
        return acting
    }

    /// Walks `entry` through the checker with output held back, then puts
    /// the session, the budget and the current model back. An API failure
    /// that stops the walk (the catalogue cannot be fetched) is the entry's
    /// failure: running would stop at the same place.
    private func walk(_ entry: EntryStatements) async throws -> RunPlan {
        let saved = session
        let savedBudget = budget
        let plan = RunPlan(budget: budget, spent: session.spentCredits)
        self.plan = plan
        muted = true
        defer {
            let (models, apps) = (session.catalogue, session.apps)
            session = saved
            session.catalogue = models ?? saved.catalogue
            session.apps = apps ?? saved.apps
            budget = savedBudget
            self.plan = nil
            muted = false
        }
        do {
            try await run(entry)
        } catch is ExitRequest {
            // `exit` ends the walk where it ends the entry.
        }
        return plan
    }

    /// The error for runs sure to happen that pass the budget: worded as
    /// the refusal of that one run when it is the first priced one, else
    /// with the total of the runs up to it.
    private func budgetError(_ breach: RunPlan.BudgetBreach) -> ScriptError {
        let left = max(0, breach.budget - breach.spent)
        let session = "this session has spent \(breach.spent) of its \(breach.budget)-credit budget (\(left) left)"
        let message: String
        if breach.total == breach.cost {
            message = "budget: \(breach.subject) costs \(breach.cost) credits, and \(session)"
        } else if breach.spent == 0 {
            message = "budget: these runs are sure to cost \(breach.total) credits in all, past the \(breach.budget)-credit budget"
        } else {
            message = "budget: these runs are sure to cost \(breach.total) credits in all, and \(session)"
        }
        return ScriptError(
            message, hint: "nothing was sent; raise the cap with budget N, or lift it with budget off", at: breach.location)
    }
}
