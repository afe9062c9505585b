import ArmoxAPI

extension Evaluator {
    /// Refuses, before anything is sent, a run that would take the session's
    /// spending past its budget.
    func checkBudget(for what: String, cost: Int?, at location: SourceLocation) throws {
        guard let budget else { return }
        let spent = session.spentCredits
        guard let cost else {
            throw ScriptError(
                "budget: the catalogue gives no cost for \(what), so this run could pass the \(budget)-credit budget",
                hint: "budget off lifts the cap for this session", at: location)
        }
        guard spent + cost <= budget else {
            throw ScriptError(
                "budget: \(what) costs \(cost) credits, and this session has spent \(spent) of its \(budget)-credit budget (\(max(0, budget - spent)) left)",
                hint: "nothing was sent; raise the cap with budget N, or lift it with budget off", at: location)
        }
    }

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
        var text = budget.map { "budget: \($0) credits; spent this session: \(spent); left: \(max(0, $0 - spent))" }
            ?? "no budget; spent this session: \(spent) credits"
        if uncertain > 0 {
            let places = TerminalText.printable(session.uncertainCharges.map { "\($0.what) at \($0.location)" }.joined(separator: ", "))
            text += "\n(\(uncertain) of it for runs that may have been accepted: \(places); jobs shows whether they were)"
        }
        return CommandResult(value: .object(fields), display: text)
    }
}
