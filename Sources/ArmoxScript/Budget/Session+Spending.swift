import ArmoxAPI

extension Session {
    /// Credits this session's runs have taken, as the budget counts them:
    /// each accepted run's `credits_charged` (its catalogue cost when the
    /// answer gave none), less runs seen failed (the API refunds those), plus
    /// every run that may have been accepted without an answer saying so,
    /// and every run a server answered with an id it had given before.
    /// Cancelled runs stay counted: the API promises refunds for failures only.
    public var spentCredits: Int {
        let charged = startedJobs.compactMap { jobs[$0]?.job }.reduce(0) { (sum: Int, job: Job) in
            job.status == .failed ? sum : sum + (job.creditsCharged ?? assumedCharges[job.id] ?? 0)
        }
        return charged + uncertainCredits + repeatedIDCharges
    }

    /// Credits of the runs that may have been accepted without an answer saying so.
    public var uncertainCredits: Int {
        uncertainCharges.reduce(0) { $0 + $1.credits }
    }
}
