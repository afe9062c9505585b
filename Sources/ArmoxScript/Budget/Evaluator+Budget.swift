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
}
