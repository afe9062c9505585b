/// One accepted run, as the sandbox charged it.
///
/// The ledger is the ground truth tests check "was this run accepted, and
/// how many times?" against: a client that resends a run after a lost reply
/// shows up here as two entries.
public struct LedgerEntry: Sendable, Codable, Equatable {
    /// The job the run created.
    public let jobId: String
    /// The model id, or the app id for an app run.
    public let model: String
    /// The credits charged on acceptance.
    public let credits: Int
    /// True once the job failed or was cancelled and the charge was given back.
    public var refunded: Bool

    public init(jobId: String, model: String, credits: Int, refunded: Bool) {
        self.jobId = jobId
        self.model = model
        self.credits = credits
        self.refunded = refunded
    }
}
