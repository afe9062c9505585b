/// The bytes the lexer gives a meaning to, and its character classes.
/// Every one is ASCII, so no multi-byte character is ever split.
enum LexByte {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let vtab: UInt8 = 0x0B
    static let formFeed: UInt8 = 0x0C
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let bang: UInt8 = 0x21  // !
    static let quote: UInt8 = 0x22  // "
    static let hash: UInt8 = 0x23  // #
    static let dollar: UInt8 = 0x24  // $
    static let apostrophe: UInt8 = 0x27  // '
    static let comma: UInt8 = 0x2C
    static let dash: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let underscore: UInt8 = 0x5F
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D

    /// Spaces between words (line breaks are not: they end statements).
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == space || b == tab || b == cr || b == vtab || b == formFeed
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }

    /// `[A-Za-z_]`
    @inline(__always) static func isIdentifierStart(_ b: UInt8) -> Bool { isLetter(b) || b == underscore }

    /// `[A-Za-z0-9_]`
    @inline(__always) static func isIdentifierChar(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }

    /// `[A-Za-z0-9_-]`: flag names and variable fields.
    @inline(__always) static func isFlagChar(_ b: UInt8) -> Bool { isIdentifierChar(b) || b == dash }

    @inline(__always) static func hexValue(_ b: UInt8) -> UInt32? {
        if isDigit(b) { return UInt32(b - zero) }
        let lower = b | 0x20
        if lower >= 0x61 && lower <= 0x66 { return UInt32(lower - 0x61 + 10) }
        return nil
    }

    /// Bytes a bareword cannot contain; `,` only inside a list.
    @inline(__always) static func endsBareword(_ b: UInt8, inList: Bool) -> Bool {
        switch b {
        case space, tab, newline, cr, vtab, formFeed, semicolon, quote, apostrophe,
            openBracket, closeBracket, openBrace, closeBrace:
            return true
        case comma:
            return inList
        default:
            return false
        }
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`
    static func isIdentifier(_ text: String) -> Bool {
        var iterator = text.utf8.makeIterator()
        guard let first = iterator.next(), isIdentifierStart(first) else { return false }
        while let b = iterator.next() {
            guard isIdentifierChar(b) else { return false }
        }
        return true
    }
}
