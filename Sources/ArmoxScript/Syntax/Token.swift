/// One token of the armox language, as the `Lexer` produces it.
///
/// Words come out whole: a list `[a, [b, c]]`, a string with its
/// interpolations, a variable with its steps, `key=value` and `--flag=value`
/// are each one `.word` token. Everything between words (spaces, comments,
/// `\` line continuations) is skipped; the line breaks that end statements
/// are tokens.
public struct Token: Sendable {
    public enum Kind: Sendable {
        /// A word, already classified: positional, `key=value` or `--flag`.
        case word(Argument)
        /// A standalone `=` (`name = value`).
        case assign
        /// A standalone `==`.
        case equal
        /// A standalone `!=`.
        case notEqual
        /// `{`
        case openBrace
        /// `}`
        case closeBrace
        /// `;`
        case semicolon
        /// A line break that ends a statement (not one inside a list or a string).
        case newline
        /// The end of the input (always the last token).
        case end
    }

    public var kind: Kind
    /// Where the token begins.
    public var location: SourceLocation
    /// The UTF-8 offsets of the token in the source text (for the tab
    /// completer: which word the cursor is in). Empty for `.end`.
    public var range: Range<Int>

    public init(_ kind: Kind, at location: SourceLocation, range: Range<Int>) {
        self.kind = kind
        self.location = location
        self.range = range
    }

    /// True for `;`, a line break and the end of input: what may end a statement.
    public var endsStatement: Bool {
        switch kind {
        case .semicolon, .newline, .end: return true
        default: return false
        }
    }
}
