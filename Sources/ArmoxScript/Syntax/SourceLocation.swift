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
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let newline = text[start...].firstIndex(of: "\n") else { return nil }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(of: "\n") ?? text.endIndex
        var line = String(text[start..<end])
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }
}
