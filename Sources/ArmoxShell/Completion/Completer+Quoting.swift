/// The lexer's bareword rules (Sources/ArmoxScript/Syntax/Lexer.swift), for
/// deciding when a completed word must be written as a `"…"` string.
enum Bareword {
    /// Where the text goes: a whole word of its own, or the value after `key=`
    /// (where `#`, `--x` and `a=b` mean nothing special).
    enum Position { case word, value }

    /// Whether `text` typed as it is would not read back as that text.
    static func needsQuotes(_ text: String, as position: Position) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer { needsQuotes(bytes: $0, as: position) }
    }

    static func needsQuotes(bytes: UnsafeBufferPointer<UInt8>, as position: Position) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        if first == UInt8(ascii: "$") || last == UInt8(ascii: "\\") { return true }
        for b in bytes where endsBareword(b) { return true }
        // A control character (a hostile server's id) is written as its
        // escape inside quotes: the line editor never holds it raw.
        if hasControl(bytes) { return true }
        guard position == .word else { return false }
        if first == UInt8(ascii: "#") { return true }
        // `=`, `==`, `!=` are operators.
        if bytes.count <= 2 && last == UInt8(ascii: "=") && (bytes.count == 1 || first == last || first == UInt8(ascii: "!")) {
            return true
        }
        if bytes.count > 2 && first == UInt8(ascii: "-") && bytes[1] == first && isLetter(bytes[2]) {
            return true  // would read as a --flag
        }
        if isLetter(first) || first == UInt8(ascii: "_") {
            // `name=…` would read as a key=value argument.
            var i = 1
            while i < bytes.count && isIdentifierByte(bytes[i]) { i += 1 }
            if i < bytes.count && bytes[i] == UInt8(ascii: "=") && (i + 1 == bytes.count || bytes[i + 1] != UInt8(ascii: "=")) {
                return true
            }
        }
        return false
    }

    /// What a partly typed word means: its text, and whether it was opened
    /// with `"`. nil when it cannot be completed as text (a `'…'` string, a
    /// string with interpolation or `\u{…}`, a closed string or a list inside it).
    static func typed(_ raw: Substring) -> (text: String, quoted: Bool)? {
        guard raw.utf8.first == UInt8(ascii: "\"") else {
            for b in raw.utf8 where b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "[") {
                return nil
            }
            return (String(raw), false)
        }
        var bytes: [UInt8] = []
        var iterator = raw.utf8.dropFirst().makeIterator()
        while let b = iterator.next() {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "$"):
                return nil
            case UInt8(ascii: "\\"):
                switch iterator.next() {
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "0"): bytes.append(0)
                case let c? where c == UInt8(ascii: "\\") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "$"):
                    bytes.append(c)
                default: return nil
                }
            default:
                bytes.append(b)
            }
        }
        return (String(decoding: bytes, as: UTF8.self), true)
    }

    /// The text of a finished word: a bareword as it is, a closed `'…'` or
    /// `"…"` string without its quotes; nil for anything else.
    static func finished(_ word: String) -> String? {
        let bytes = word.utf8
        guard let first = bytes.first else { return nil }
        if first == UInt8(ascii: "'") {
            guard bytes.count >= 2, bytes.last == first else { return nil }
            return String(decoding: bytes.dropFirst().dropLast(), as: UTF8.self)
        }
        if first == UInt8(ascii: "\"") {
            guard bytes.count >= 2, bytes.last == first else { return nil }
            return typed(Substring(word.utf8.dropLast()))?.text
        }
        return typed(word[...])?.text
    }

    /// Bytes a bareword cannot hold outside a list (`LexByte.endsBareword`).
    static func endsBareword(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, UInt8(ascii: ";"), UInt8(ascii: "\""), UInt8(ascii: "'"),
            UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            return true
        default:
            return false
        }
    }

    /// Whether the UTF-8 holds a C0 control, DEL, or a C1 control (`C2 80`…`C2 9F`).
    static func hasControl(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for b in bytes {
            if b < 0x20 || b == 0x7F || (previous == 0xC2 && b < 0xA0) { return true }
            previous = b
        }
        return false
    }

    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }

    /// `[A-Za-z0-9_]`
    static func isIdentifierByte(_ b: UInt8) -> Bool { isLetter(b) || b &- 0x30 < 10 || b == UInt8(ascii: "_") }

    /// `[A-Za-z0-9_-]`: what a `.field` of a variable path may hold.
    static func isFieldByte(_ b: UInt8) -> Bool { isIdentifierByte(b) || b == UInt8(ascii: "-") }

    /// `[A-Za-z_][A-Za-z0-9_]*`
    static func isIdentifier<S: StringProtocol>(_ text: S) -> Bool {
        guard let first = text.utf8.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return text.utf8.allSatisfy(isIdentifierByte)
    }

    /// A `$` variable name: an identifier or digits (`$1`).
    static func isVariableName<S: StringProtocol>(_ text: S) -> Bool {
        isIdentifier(text) || (!text.isEmpty && text.utf8.allSatisfy { $0 &- 0x30 < 10 })
    }

    /// `key=value`: the key and the value as typed (the lexer's rule: an
    /// identifier, then one `=` not followed by another).
    static func keyValue(_ word: String) -> (key: Substring, value: Substring)? {
        guard let equals = word.utf8.firstIndex(of: UInt8(ascii: "=")) else { return nil }
        let key = Substring(word.utf8[..<equals])
        let value = Substring(word.utf8[word.utf8.index(after: equals)...])
        guard isIdentifier(key), value.utf8.first != UInt8(ascii: "=") else { return nil }
        return (key, value)
    }

    /// `--name…`: a flag (the lexer's rule: `--` then a letter).
    static func isFlag(_ word: String) -> Bool {
        let bytes = word.utf8
        guard bytes.count > 2, bytes.starts(with: "--".utf8) else { return false }
        return isLetter(bytes[bytes.index(bytes.startIndex, offsetBy: 2)])
    }
}
