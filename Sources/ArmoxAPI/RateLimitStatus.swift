import Foundation

/// The rate-limit state the server reported on its last answer
/// (`X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset`).
public struct RateLimitStatus: Sendable, Equatable {
    public var limit: Int?
    public var remaining: Int?
    /// When the window frees again. The reference does not say what unit
    /// `X-RateLimit-Reset` is in, so large numbers are read as Unix epoch
    /// seconds (or milliseconds) and small ones as seconds from now.
    public var resetAt: Date?
    /// How coarse `resetAt` is: 1 s when the header was whole seconds (epoch
    /// or from now), 1 ms for whole epoch milliseconds, 0 for a fraction.
    /// The reference does not say which way a server rounds, and one that
    /// rounds down names an instant up to this much before a slot frees.
    public var resetPrecision: TimeInterval
    public var observedAt: Date

    public init(limit: Int?, remaining: Int?, resetAt: Date?, resetPrecision: TimeInterval = 0, observedAt: Date = Date()) {
        self.limit = limit
        self.remaining = remaining
        self.resetAt = resetAt
        self.resetPrecision = resetPrecision
        self.observedAt = observedAt
    }

    /// The instant by which the window has certainly freed a slot: the reset
    /// read the latest way its precision allows. Pacing waits for this, not
    /// for `resetAt`, so a truncated reset never wakes a request into a 429.
    public var freesBy: Date? {
        resetAt.map { $0.addingTimeInterval(resetPrecision) }
    }

    /// Reads the three headers; nil when none is present.
    public init?(headerValue: (String) -> String?, now: Date = Date()) {
        let limit = headerValue("X-RateLimit-Limit").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let remaining = headerValue("X-RateLimit-Remaining").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        // "nan", "inf" and "1e999" read as Doubles but name no instant (a NaN
        // date even crashes Foundation when printed): such a reset is none.
        let reset = headerValue("X-RateLimit-Reset").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0.isFinite ? $0 : nil }
        guard limit != nil || remaining != nil || reset != nil else { return nil }
        self.init(
            limit: limit, remaining: remaining, resetAt: reset.map { RateLimitStatus.resetDate($0, now: now) },
            resetPrecision: reset.map(RateLimitStatus.precision) ?? 0, observedAt: now)
    }

    /// The unit a whole-numbered reset is counted in (see `resetPrecision`).
    static func precision(_ value: Double) -> TimeInterval {
        guard value.rounded() == value else { return 0 }
        return value > 1e12 ? 0.001 : 1
    }

    static func resetDate(_ value: Double, now: Date) -> Date {
        if value > 1e12 { return Date(timeIntervalSince1970: value / 1000) }
        if value > 1e9 { return Date(timeIntervalSince1970: value) }
        return now.addingTimeInterval(value)
    }
}
