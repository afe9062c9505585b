import Synchronization

/// Every API key a session has held (a `login` may add one), and the text
/// with each of them redacted: what the session prints passes through it,
/// so `echo`, `print`, a table or an error never shows a key whole.
public final class KeyScrubber: Sendable {
    private let keys = Mutex<[String]>([])

    public init(_ key: String? = nil) {
        if let key { add(key) }
    }

    public func add(_ key: String) {
        guard !key.isEmpty else { return }
        keys.withLock { if !$0.contains(key) { $0.append(key) } }
    }

    public func scrub(_ text: String) -> String {
        keys.withLock { keys in keys.reduce(text) { APIKeyRedaction.scrub($0, key: $1) } }
    }
}
