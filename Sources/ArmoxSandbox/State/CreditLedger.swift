/// The account balance and the record of every accepted run.
///
/// Runs are charged when accepted and refunded when they fail or are
/// cancelled; the ledger keeps both facts, so tests can tell "charged once and
/// refunded" from "never accepted".
struct CreditLedger: Sendable {
    private(set) var balance: Int
    private(set) var entries: [LedgerEntry] = []
    private var indexByJob: [String: Int] = [:]

    init(balance: Int) {
        self.balance = balance
    }

    /// Charges a run, or explains why it cannot be: 402 with the exact numbers.
    mutating func charge(jobId: String, subject: String, credits: Int) -> APIError? {
        guard balance >= credits else { return .insufficientCredits(required: credits, available: balance) }
        balance -= credits
        indexByJob[jobId] = entries.count
        entries.append(LedgerEntry(jobId: jobId, model: subject, credits: credits, refunded: false))
        return nil
    }

    /// Gives a job's charge back, once.
    mutating func refund(jobId: String) {
        guard let index = indexByJob[jobId], !entries[index].refunded else { return }
        entries[index].refunded = true
        balance += entries[index].credits
    }

    /// Credits spent and not given back.
    var creditsUsed: Int {
        entries.filter { !$0.refunded }.reduce(0) { $0 + $1.credits }
    }
}
