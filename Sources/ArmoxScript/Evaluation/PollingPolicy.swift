import ArmoxAPI
import Foundation

/// How often a wait asks about unfinished jobs: `initial` seconds after the
/// first look, growing by `factor` each round up to `maximum`. The waiter
/// also holds off until the rate-limit window resets when the server says
/// fewer requests remain than jobs to ask about.
///
/// The API's reference calls 2–4 s polling a common cause of 429s on
/// low-limit keys and 10–15 s a safer default, so the standard policy starts
/// at 1 s (fast image-to-video hops) and settles at 10 s.
public struct PollingPolicy: Sendable {
    public var initial: Double
    public var factor: Double
    public var maximum: Double
    /// Seconds after a run was accepted during which a 404, 401 or 403 on
    /// its job is polled through like a 5xx. The server answered 202 with
    /// the job's id, so the job exists and is being charged for; a store or
    /// an auth cache that lags the run endpoint must not make the session
    /// give up on it (and invite a paid re-run). Past this, such an answer
    /// ends the wait, naming the job and how to resume.
    public var settling: Double

    public init(initial: Double, factor: Double = 1.5, maximum: Double, settling: Double = 30) {
        self.initial = initial
        self.factor = factor
        self.maximum = maximum
        self.settling = settling
    }

    public static let standard = PollingPolicy(initial: 1, maximum: 10)
    /// The in-process sandbox runs on loopback with a generous limit.
    public static let sandbox = PollingPolicy(initial: 0.2, maximum: 1)

    func next(after interval: Double) -> Double {
        min(interval * factor, maximum)
    }

    /// Seconds to sleep before the next round: `interval`, or until the
    /// window has certainly freed a slot (`RateLimitStatus.freesBy`, at most
    /// 60 s) when the server's last answer left no more requests than the
    /// round will send.
    static func delay(interval: Double, rateLimit: RateLimitStatus?, requests: Int, now: Date = Date()) -> Double {
        guard let rateLimit, let remaining = rateLimit.remaining, remaining <= requests, let reset = rateLimit.freesBy else {
            return interval
        }
        return max(interval, min(60, reset.timeIntervalSince(now)))
    }
}
