#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Per-key rate limiting over a rolling 60-second window, kept as a log of
/// the instants of admitted requests (exact, unlike fixed buckets, and what
/// the API reference describes).
///
/// Header choices, since the reference names the headers but not their units:
/// - `X-RateLimit-Limit`: requests allowed per window;
/// - `X-RateLimit-Remaining`: requests still allowed right now, after this one;
/// - `X-RateLimit-Reset`: Unix epoch seconds (rounded up) at which the oldest
///   request in the window leaves it, i.e. when a slot next frees (rounded
///   down with `resetRoundsDown`, as a truncating server would);
/// - `Retry-After` on a 429: whole seconds until a slot frees, at least 1.
/// Rejected (429) requests are not logged, so hammering a limited key does
/// not push its recovery further away.
struct RateLimiter: Sendable {
    let window: TimeInterval

    struct Admission: Sendable, Equatable {
        let limit: Int
        let remaining: Int
        let reset: Int

        var headers: [(String, String)] {
            [
                ("X-RateLimit-Limit", String(limit)),
                ("X-RateLimit-Remaining", String(remaining)),
                ("X-RateLimit-Reset", String(reset)),
            ]
        }
    }

    let limit: Int
    let resetRoundsDown: Bool
    private var log: [String: [Date]] = [:]

    init(limit: Int, window: TimeInterval = 60, resetRoundsDown: Bool = false) {
        self.limit = limit
        self.window = window
        self.resetRoundsDown = resetRoundsDown
    }

    /// Admits the request (and logs it) or returns the seconds to wait.
    mutating func admit(key: String, at now: Date) -> Result<Admission, APIError> {
        var entries = (log[key] ?? []).filter { now.timeIntervalSince($0) < window }
        defer { log[key] = entries }
        guard limit > 0 else { return .failure(.rateLimited(retryAfter: Int(window))) }
        if entries.count >= limit {
            let wait = entries[0].addingTimeInterval(window).timeIntervalSince(now)
            return .failure(.rateLimited(retryAfter: max(1, Int(wait.rounded(.up)))))
        }
        entries.append(now)
        let reset = entries[0].addingTimeInterval(window).timeIntervalSince1970.rounded(resetRoundsDown ? .down : .up)
        return .success(Admission(limit: limit, remaining: limit - entries.count, reset: Int(reset)))
    }
}
