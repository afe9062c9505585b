import ArmoxAPI
import Foundation

/// The API key the response targets pretend the client holds: whatever a
/// server sends, no error may show it (`APIKeyRedaction`).
enum FuzzKey {
    static let secret = "FUZZsecret0123456789wxyz"
    static let key = "sk_live_" + secret

    static func scrub(_ text: String) -> String {
        APIKeyRedaction.scrub(text, key: key)
    }

    /// Throws when `text` shows 8 or more characters of the key's secret in
    /// a row, whatever the input held: the scrubber replaces the key whole
    /// or in part (the redacted form shows only the public prefix).
    static func requireNoLeak(_ text: String, input: [UInt8] = []) throws {
        let characters = Array(secret)
        for start in 0...(characters.count - 8) {
            let piece = String(characters[start..<(start + 8)])
            if text.contains(piece) {
                throw PropertyViolation("armox would show part of the API key (\(piece)): \(text.debugDescription)")
            }
        }
    }

    /// What armox would print of `value` (any of its text, scrubbed as every
    /// line armox writes is) holds no part of the key.
    static func requireShownWithoutKey<T>(_ value: T) throws {
        try requireNoLeak(scrub(String(reflecting: value)))
    }
}
