/// The text before the cursor, read just far enough to know what is being
/// typed: where the statement began, its finished words, and the word (or list
/// item) under the cursor. A scanner of its own, because the lexer throws on
/// half-typed input; it follows the lexer's rules for quotes, `#`, lists,
/// `${…}`, line continuations and statement separators (`;`, line break, `{`, `}`).
struct TypedLine {
    enum Place: Equatable {
        case code
        /// After a `#` that starts a comment.
        case comment
        /// Inside an open `'…'`.
        case singleQuoted
        /// Inside an open `"…"` (or `"""…`) whose opening quote is at `opening`.
        case doubleQuoted(opening: Int, triple: Bool)
    }

    /// The UTF-8 bytes before the cursor.
    let bytes: [UInt8]
    private(set) var place = Place.code
    /// The finished words of the statement the cursor is in, as typed.
    private(set) var words: [String] = []
    /// Where the word under the cursor starts (`bytes.count` between words);
    /// inside an open list, where the list item starts.
    private(set) var wordStart: Int
    /// Whether the cursor is inside an open `[…`.
    private(set) var inList = false

    /// The word (or list item) under the cursor, up to the cursor.
    var word: String { text(wordStart..<bytes.count) }

    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        wordStart = bytes.count
        scan()
    }

    private mutating func scan() {
        let n = bytes.count
        var start: Int?  // the word in progress
        var depth = 0  // open lists of that word
        var item: Int?  // the innermost list item in progress
        var i = 0
        scanning: while i < n {
            let c = bytes[i]
            let continuation = continuationLength(at: i)
            if continuation > 0 {
                // `\` + line break separates words like a space; the statement goes on.
                if depth > 0 {
                    item = nil
                } else if let s = start {
                    words.append(text(s..<i))
                    start = nil
                }
                i += continuation
                continue
            }
            // Between words (or, inside a list, between its items): blanks
            // and comments are skipped; what comes next starts a word or item.
            if depth == 0 ? start == nil : item == nil {
                let blank = Self.isSpace(c) || (depth > 0 && (c == UInt8(ascii: "\n") || c == UInt8(ascii: ",")))
                if blank {
                    i += 1
                    continue
                }
                if c == UInt8(ascii: "#") {
                    guard let end = lineEnd(from: i) else {
                        place = .comment
                        break scanning
                    }
                    i = end
                    continue
                }
                if depth > 0 {
                    if c != UInt8(ascii: "[") && c != UInt8(ascii: "]") { item = i }
                } else if Self.endsStatement(c) {
                    words = []
                    i += 1
                    continue
                } else {
                    start = i
                }
            }
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                guard let end = stringEnd(from: i) else { break scanning }
                i = end
            case UInt8(ascii: "$") where i + 1 < n && bytes[i + 1] == UInt8(ascii: "{"):
                // `${path}`: its braces neither end the word nor the statement.
                var j = i + 2
                while j < n && bytes[j] != UInt8(ascii: "}") && bytes[j] != UInt8(ascii: "\n") { j += 1 }
                i = j < n && bytes[j] == UInt8(ascii: "}") ? j + 1 : j
            case UInt8(ascii: "["):
                depth += 1
                item = nil
                i += 1
            case UInt8(ascii: "]") where depth > 0:
                depth -= 1
                item = nil
                i += 1
            default:
                if depth > 0 {
                    if Self.isSpace(c) || c == UInt8(ascii: "\n") || c == UInt8(ascii: ",") { item = nil }
                    i += 1
                } else if Self.isSpace(c) || Self.endsStatement(c) {
                    if let s = start { words.append(text(s..<i)) }
                    start = nil
                    if Self.endsStatement(c) { words = [] }
                    i += 1
                } else {
                    i += 1
                }
            }
        }
        inList = depth > 0
        wordStart = (inList ? item : start) ?? n
    }

    /// Skips the string opening at `i`; nil (and `place` set) when the cursor is inside it.
    private mutating func stringEnd(from i: Int) -> Int? {
        let n = bytes.count
        if bytes[i] == UInt8(ascii: "'") {
            var j = i + 1
            while j < n && bytes[j] != UInt8(ascii: "'") && bytes[j] != UInt8(ascii: "\n") { j += 1 }
            guard j < n else {
                place = .singleQuoted
                return nil
            }
            // An unterminated `'` stops at the line break, which then ends the statement.
            return bytes[j] == UInt8(ascii: "'") ? j + 1 : j
        }
        let triple = i + 2 < n && bytes[i + 1] == UInt8(ascii: "\"") && bytes[i + 2] == UInt8(ascii: "\"")
        var j = i + (triple ? 3 : 1)
        while j < n {
            let b = bytes[j]
            if b == UInt8(ascii: "\\") {
                j += 2
            } else if triple {
                if b == UInt8(ascii: "\""), j + 2 < n, bytes[j + 1] == b, bytes[j + 2] == b { return j + 3 }
                j += 1
            } else if b == UInt8(ascii: "\"") {
                return j + 1
            } else if b == UInt8(ascii: "\n") {
                return j
            } else {
                j += 1
            }
        }
        place = .doubleQuoted(opening: i, triple: triple)
        return nil
    }

    /// The offset of the next line break from `i`, or nil when the text ends first.
    private func lineEnd(from i: Int) -> Int? {
        var j = i
        while j < bytes.count && bytes[j] != UInt8(ascii: "\n") { j += 1 }
        return j < bytes.count ? j : nil
    }

    /// 2 for `\` `\n`, 3 for `\` `\r\n`, else 0.
    private func continuationLength(at i: Int) -> Int {
        guard bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count else { return 0 }
        if bytes[i + 1] == UInt8(ascii: "\n") { return 2 }
        if bytes[i + 1] == UInt8(ascii: "\r"), i + 2 < bytes.count, bytes[i + 2] == UInt8(ascii: "\n") { return 3 }
        return 0
    }

    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C
    }

    static func endsStatement(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "\n") || b == UInt8(ascii: ";") || b == UInt8(ascii: "{") || b == UInt8(ascii: "}")
    }

    /// When the cursor is in an open `"…"`: a `$name` or `${path` the string
    /// ends with (interpolation), or nil.
    func interpolationTail() -> String? {
        guard case .doubleQuoted(let opening, let triple) = place else { return nil }
        var i = opening + (triple ? 3 : 1)
        var dollar: Int?
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if bytes[i] == UInt8(ascii: "$") { dollar = i }
            i += 1
        }
        guard let dollar, dollar < bytes.count else { return nil }
        let tail = bytes[(dollar + 1)...]
        if tail.first == UInt8(ascii: "{") {
            guard tail.dropFirst().allSatisfy({ Bareword.isFieldByte($0) || $0 == UInt8(ascii: ".") }) else { return nil }
        } else {
            guard tail.allSatisfy(Bareword.isIdentifierByte) else { return nil }
        }
        return text(dollar..<bytes.count)
    }
}
