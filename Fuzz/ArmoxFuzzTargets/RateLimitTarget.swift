import ArmoxAPI
import Foundation

/// The rate-limit headers as the client reads them on every answer. Input:
/// `X-RateLimit-Limit`, `-Remaining` and `-Reset` one a line (a missing line
/// is a missing header; a fourth line and more, which no header can hold, are ignored).
///
/// Properties: a status exactly when one header reads as a number; limit and
/// remaining are the integers sent; the reset is a real instant (the waiter
/// and the client sleep until it), seen at the time given.
enum RateLimitTarget {
    static let names = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"]

    static func check(_ bytes: [UInt8]) throws {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).prefix(3)
            .map { String(decoding: $0, as: UTF8.self) }
        var headers: [String: String] = [:]
        for (name, value) in zip(names, lines) { headers[name] = value }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let status = RateLimitStatus(headerValue: { headers[$0] }, now: now)
        func number<T: LosslessStringConvertible>(_ name: String, _: T.Type) -> T? {
            headers[name].flatMap { T($0.trimmingCharacters(in: .whitespaces)) }
        }
        let limit = number(names[0], Int.self)
        let remaining = number(names[1], Int.self)
        // "nan", "inf" and "1e999" read as Doubles, but are no instant.
        let reset = number(names[2], Double.self).flatMap { $0.isFinite ? $0 : nil }
        guard let status else {
            try require(limit == nil && remaining == nil && reset == nil, "headers \(headers) read as no rate limit")
            return
        }
        try require(status.limit == limit && status.remaining == remaining, "limit/remaining \(headers) read as \(status)")
        try require(status.observedAt == now, "observed at \(status.observedAt), not when read")
        try require((status.resetAt == nil) == (reset == nil), "X-RateLimit-Reset \(headers[names[2]].debugDescription) read as a reset at \(status.resetAt.map { "\($0.timeIntervalSince1970)" } ?? "none")")
        if let resetAt = status.resetAt {
            try require(resetAt.timeIntervalSince1970.isFinite, "X-RateLimit-Reset \(headers[names[2]]!.debugDescription) reads as a reset at \(resetAt.timeIntervalSince1970)")
        }
    }
}
