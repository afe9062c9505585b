/// Where a token or node begins: the file (or `-c`, `<stdin>`, `<prompt>`),
/// the line, and the column, both 1-based. Columns count Unicode scalars (the
/// lexer reads scalars, not grapheme clusters, for speed); the caret printer
/// converts that back to terminal columns, so it lines up under `東京` too.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A whole piece of source text and the name it is reported under.
public struct SourceText: Sendable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The text of 1-based `line`, without its line break (nil past the end).
    /// Scans bytes, not `Character`s: Swift reads `"\r\n"` as one character,
    /// which would hide CRLF line ends.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        let bytes = text.utf8
        var current = 1
        var start = bytes.startIndex
        while current < number {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = bytes.index(after: newline)
            current += 1
        }
        var end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        if end > start, bytes[bytes.index(before: end)] == UInt8(ascii: "\r") { end = bytes.index(before: end) }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
