import Foundation

/// The API key is a password: anything that may reach a person, a log or a file
/// passes through here first.
public enum APIKeyRedaction {
    /// `sk_live_…` and the last four characters, or `…` alone for short keys.
    public static func redacted(_ key: String) -> String {
        guard key.count >= 12 else { return "…" }
        let prefix = key.hasPrefix("sk_live_") ? "sk_live_" : key.hasPrefix("sk_test_") ? "sk_test_" : ""
        return prefix + "…" + key.suffix(4)
    }

    /// `text` with every whole occurrence of `key` replaced by its redacted form.
    public static func scrub(_ text: String, key: String?) -> String {
        guard let key, !key.isEmpty, text.contains(key) else { return text }
        return text.replacingOccurrences(of: key, with: redacted(key))
    }

    /// True when the text holds something shaped like a live or test key.
    public static func containsKeyLikeText(_ text: String) -> Bool {
        text.contains("sk_live_") || text.contains("sk_test_")
    }
}
