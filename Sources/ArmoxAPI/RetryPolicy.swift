/// When the client asks again on its own.
///
/// The rule that matters: **a run is charged when it is accepted**, so a POST
/// that starts a run is re-sent only when the server certainly did not accept
/// it — a 429 (the limiter refused it) or a connection that failed before the
/// request was written. A kept-alive connection the server had closed while
/// it sat idle is one of those: the request is re-sent at once, once, on a
/// fresh connection, whatever `maxAttempts` says (and a run or a cancel goes
/// on a connection of its own anyway, so that a server closing an idle one
/// cannot cross it on the wire). After anything ambiguous (a reset mid-answer, a
/// timeout, a 5xx, an unreadable body) it is never re-sent; the caller is told
/// the run may have been accepted. GETs are safe to repeat and are retried on
/// 429, 5xx and transport failures.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int = 4
    /// First backoff ceiling after a failure; doubles each time (see `backoff`).
    public var baseDelay: Duration = .milliseconds(250)
    /// Longest backoff between two attempts (not counting Retry-After).
    public var maxDelay: Duration = .seconds(8)
    /// Longest `Retry-After` honoured by waiting. A 429 that asks for longer is
    /// reported at once (with its Retry-After) instead of blocking the user for minutes.
    public var maxRetryAfter: Duration = .seconds(60)

    public init(maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(8), maxRetryAfter: Duration = .seconds(60)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// Never retries: for tests that want to see the first failure.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Exponential backoff with jitter for attempt `n` (1 = after the first failure):
    /// a random wait between half and all of `baseDelay * 2^(n-1)`, capped at `maxDelay`,
    /// so many clients failing together do not retry in step.
    public func backoff(afterAttempt n: Int) -> Duration {
        let ceiling = min(maxDelay.seconds, baseDelay.seconds * Double(1 << min(max(n, 1) - 1, 20)))
        return .milliseconds(Int(Double.random(in: (ceiling / 2)...max(ceiling, ceiling / 2 + 0.001)) * 1000))
    }

    /// How long to wait after a 429: its `Retry-After` (seconds or an
    /// HTTP-date) when it gives one, else the backoff for `attempt`.
    public func waitAfterRateLimit(retryAfter header: String?, afterAttempt attempt: Int) -> Duration {
        RetryAfter.seconds(header).map { .seconds($0) } ?? backoff(afterAttempt: attempt)
    }
}
