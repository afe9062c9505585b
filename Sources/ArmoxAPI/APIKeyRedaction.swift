import Foundation

/// The API key is a password: anything that may reach a person, a log or a file
/// passes through here first.
public enum APIKeyRedaction {
    /// The shortest run of a key's secret characters that is redacted: a text
    /// holds no 8 characters in a row of the key, whole or in part (a key cut
    /// by an excerpt, or a part a hostile server echoes back).
    public static let shortestPart = 8

    /// `sk_live_…` (or `sk_test_…`): the public prefix alone, no character
    /// of the secret, not even its last four; `…` for any other key.
    public static func redacted(_ key: String) -> String {
        publicPrefix(of: key) + "…"
    }

    /// `sk_live_` or `sk_test_`: what every key starts with, no secret.
    static func publicPrefix(of key: String) -> String {
        key.hasPrefix("sk_live_") ? "sk_live_" : key.hasPrefix("sk_test_") ? "sk_test_" : ""
    }

    /// `text` with every run of `shortestPart` or more characters of the
    /// key's secret (the key without its public prefix) replaced: the whole
    /// key reads as its redacted form, a part of it as `…`. A key too
    /// short to have such parts is replaced where it appears whole.
    public static func scrub(_ text: String, key: String?) -> String {
        guard let key, !key.isEmpty else { return text }
        let secret = Array(key.utf8.dropFirst(publicPrefix(of: key).utf8.count))
        guard secret.count >= shortestPart, key.count >= 12 else {
            // Byte for byte: a String search compares Characters, and a
            // combining mark after the key makes its last one another.
            let bytes = Array(text.utf8), whole = Array(key.utf8)
            guard bytes.firstRange(of: whole) != nil else { return text }
            return String(decoding: bytes.replacing(whole, with: Array(redacted(key).utf8)), as: UTF8.self)
        }
        let bytes = Array(text.utf8)
        guard bytes.count >= shortestPart else { return text }
        let windows = Self.windows(of: secret)
        var output: [UInt8] = []
        var copied = 0
        // `window` packs the `shortestPart` bytes that end before `end`.
        var end = shortestPart
        var window = pack(bytes[0..<shortestPart])
        while true {
            let start = end - shortestPart
            if let starts = windows[window] {
                // The longest run from `start` that the secret holds somewhere.
                var longest = 0
                for from in starts {
                    var length = shortestPart
                    while start + length < bytes.count, from + length < secret.count, bytes[start + length] == secret[from + length] {
                        length += 1
                    }
                    longest = max(longest, length)
                }
                output += bytes[copied..<start]
                output += Array("…".utf8)
                copied = start + longest
                guard copied + shortestPart <= bytes.count else { break }
                end = copied + shortestPart
                window = pack(bytes[copied..<end])
                continue
            }
            guard end < bytes.count else { break }
            window = (window << 8) | UInt64(bytes[end])
            end += 1
        }
        guard copied > 0 || !output.isEmpty else { return text }
        output += bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }

    static func pack(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { ($0 << 8) | UInt64($1) }
    }

    /// Every `shortestPart`-byte window of `secret`, packed into a UInt64,
    /// with the offsets it starts at.
    static func windows(of secret: [UInt8]) -> [UInt64: [Int]] {
        var windows: [UInt64: [Int]] = [:]
        for start in 0...(secret.count - shortestPart) {
            windows[pack(secret[start..<(start + shortestPart)]), default: []].append(start)
        }
        return windows
    }

    /// True when the text holds something shaped like a live or test key.
    public static func containsKeyLikeText(_ text: String) -> Bool {
        text.contains("sk_live_") || text.contains("sk_test_")
    }
}
