/// The top-level statements of a source, parsed one at a time: a `for` or
/// `if` comes out whole, with its blocks, and nothing before it is kept.
///
/// A large script is gone over this way (see `EntryStatements`), so its
/// memory is its text and its largest top-level statement, not a tree of
/// the whole file: a parsed statement takes some ten times the bytes of
/// its source.
public struct StatementStream {
    private var parser: StatementParser

    public init(_ source: SourceText, commands: Set<String> = CommandNames.set) {
        parser = StatementParser(lexer: Lexer(source), commands: commands)
    }

    /// The next top-level statement; nil at the end of the source. Throws
    /// the first syntax error, with its location, as `Parser.parse` does.
    public mutating func next() throws -> Statement? {
        try parser.nextTopLevel()
    }
}
