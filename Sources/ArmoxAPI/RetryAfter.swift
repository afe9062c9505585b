import Foundation

/// A `Retry-After` header as seconds to wait (RFC 9110 §10.2.3): a whole
/// number of seconds, or an HTTP-date. Anything else is nil (the caller
/// backs off on its own). Capped at a year, so a twenty-digit value reads as
/// "long" rather than overflowing; a date in the past is 0.
public enum RetryAfter {
    public static let longest = 365 * 24 * 60 * 60

    public static func seconds(_ header: String?, now: Date = Date()) -> Int? {
        guard let text = header?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return min(Int(text) ?? longest, longest)
        }
        guard let date = httpDate(text) else { return nil }
        let wait = date.timeIntervalSince(now).rounded(.up)
        return wait <= 0 ? 0 : Int(min(wait, Double(longest)))
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT`, the form RFC 9110 has servers send.
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}
