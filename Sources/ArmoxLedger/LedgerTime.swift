import Foundation

/// Times in the ledger: ISO 8601 in UTC with milliseconds
/// (`2026-12-02T18:40:00.123Z`), so text order is time order.
public enum LedgerTime {
    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public static func now() -> String { text(Date()) }

    public static func text(_ date: Date) -> String { date.formatted(style) }

    /// A `--since`/`--until`/`--before` value as a ledger time: `30m`, `2h`,
    /// `3d`, `2w` before `now`; a day (`2026-12-01`, its start in UTC); or an
    /// ISO time (`2026-12-01T09:30:00Z`, `2026-12-01T09:30:00+01:00`).
    /// Nil when it is none of these.
    public static func parse(_ text: String, now: Date = Date()) -> String? {
        let units: [Character: Double] = ["m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        if let unit = text.last, let seconds = units[unit], let count = Double(text.dropLast()), count >= 0, count.isFinite,
            text.dropLast().allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") })
        {
            return Self.text(now.addingTimeInterval(-count * seconds))
        }
        if text.count == 10, let day = try? Date(text + "T00:00:00Z", strategy: Date.ISO8601FormatStyle()) {
            return Self.text(day)
        }
        if let time = try? Date(text, strategy: style) { return Self.text(time) }
        if let time = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return Self.text(time) }
        return nil
    }
}
