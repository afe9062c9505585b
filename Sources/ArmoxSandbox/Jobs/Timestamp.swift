#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Timestamps as the API writes them: ISO 8601, UTC, milliseconds, `Z`
/// (`2026-03-26T12:00:00.000Z`).
enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func string(_ date: Date) -> String {
        style.format(date)
    }

    static func json(_ date: Date?) -> JSONValue {
        date.map { .string(string($0)) } ?? .null
    }
}
