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
    /// a row that the input did not hold outside whole keys (the redacted
    /// form shows the last 4).
    static func requireNoLeak(_ text: String, input: [UInt8]) throws {
        let residue = String(decoding: input, as: UTF8.self).replacingOccurrences(of: key, with: "\u{0}")
        let characters = Array(secret)
        for start in 0...(characters.count - 8) {
            let piece = String(characters[start..<(start + 8)])
            if text.contains(piece) && !residue.contains(piece) {
                throw PropertyViolation("an error shows part of the API key (\(piece)): \(text.debugDescription)")
            }
        }
    }
}
