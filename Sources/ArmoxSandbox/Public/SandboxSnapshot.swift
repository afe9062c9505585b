/// The sandbox's bookkeeping at one instant, as `GET /_sandbox/state` returns it.
///
/// Decode it with `JSONDecoder` in end-to-end tests that drive an
/// out-of-process sandbox: the keys are the property names.
public struct SandboxSnapshot: Sendable, Codable, Equatable {
    /// The account balance.
    public var credits: Int
    /// Requests that reached each endpoint, keyed by `SandboxEndpoint.rawValue`
    /// (every endpoint is present, zeros included).
    public var requestCounts: [String: Int]
    /// Jobs created so far (accepted runs).
    public var jobs: Int
    /// Faults still waiting to be played, per endpoint raw value.
    public var pendingFaults: [String: Int]
    /// Requests the rate limiter refused with 429 (injected 429 faults not counted).
    public var rateLimited: Int
    /// Jobs pending or processing at this instant (what `parallel N` bounds).
    public var unfinished: Int

    public init(
        credits: Int, requestCounts: [String: Int], jobs: Int, pendingFaults: [String: Int], rateLimited: Int = 0, unfinished: Int = 0
    ) {
        self.credits = credits
        self.requestCounts = requestCounts
        self.jobs = jobs
        self.pendingFaults = pendingFaults
        self.rateLimited = rateLimited
        self.unfinished = unfinished
    }
}
