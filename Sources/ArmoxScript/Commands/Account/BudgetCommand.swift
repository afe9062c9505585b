import ArmoxAPI

/// `budget [N | off]`
enum BudgetCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "budget", group: .account, synopsis: "budget [N | off]",
        summary: "Cap the credits this session may spend; alone, show the cap and what is spent.",
        flags: [], takesKeyValues: false, maxPositionals: 1,
        details: """
            A run that would take the session's spending past N is refused before it is sent,
            with the cost, the spent amount and the cap in the error. Spent counts each accepted
            run's credits, less failed runs (refunded), plus runs that may have been accepted
            when their answer was lost. armox --budget=N sets it at start.
            """,
        examples: ["budget 500", "budget", "budget off"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try evaluator.budget(invocation)
    }

    /// The cap applies to the plan as it would to the runs.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        let result = try evaluator.budget(invocation)
        plan.budget = evaluator.budget
        return result
    }
}

extension Evaluator {
    /// `budget [N | off]`: shows or sets the session's cap.
    func budget(_ invocation: Invocation) throws -> CommandResult {
        if let word = invocation.positionals.first {
            switch word.value.text {
            case "off", "none":
                budget = nil
            default:
                guard let limit = Int(word.value.text), limit >= 0 else {
                    throw ScriptError(
                        "budget takes a whole number of credits, or off", hint: "budget 500", at: word.location)
                }
                budget = limit
            }
        }
        let spent = session.spentCredits
        let uncertain = session.uncertainCredits
        var fields: [String: Value] = ["spent": .number(Number(spent)), "uncertain": .number(Number(uncertain))]
        fields["budget"] = budget.map { .number(Number($0)) } ?? .null
        fields["left"] = budget.map { .number(Number(max(0, $0 - spent))) } ?? .null
        var lines = [
            budget.map { "budget: \($0) credits; spent this session: \(spent); left: \(max(0, $0 - spent))" }
                ?? "no budget; spent this session: \(spent) credits"
        ]
        if uncertain > 0 {
            let places = session.uncertainCharges.map { "\($0.what) at \($0.location)" }.joined(separator: ", ")
            lines.append("(\(uncertain) of it for runs that may have been accepted: \(places); jobs shows whether they were)")
        }
        return CommandResult(value: .object(fields), presentation: .lines(lines))
    }
}
