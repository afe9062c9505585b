/// How deep arrays and objects may nest in JSON armox reads. Foundation's
/// readers refuse past `limit`; armox's byte reader of the catalogue gives
/// up far sooner and leaves the body to them, so a small hostile body can
/// neither overflow the stack nor be read one way by one reader and another
/// way by the other.
public enum JSONNesting {
    public static let limit = 512

    /// Where the catalogue's byte reader gives up: a model's values are a
    /// few levels deep, and anything deeper is `JSONDecoder`'s to judge.
    static let fastPathLimit = 64

    /// What a reader's refusal says, when it refused for nesting.
    public static let tooDeep = "nested deeper than \(limit) arrays and objects"

    /// True when `bytes` open more than `limit` arrays and objects at once
    /// (brackets inside strings are text): why a reader refused a body that
    /// may be well formed. `JSONDecoder` says only "not valid JSON".
    public static func isTooDeep(_ bytes: some Sequence<UInt8>) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return false
    }
}
