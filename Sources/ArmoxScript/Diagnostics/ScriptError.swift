import ArmoxRender

/// A statement that could not be parsed or evaluated, with where it was.
///
/// Printed as `FILE:LINE:COL: error: MESSAGE`, then the source line and a caret
/// under the column, then a hint when one helps (see `rendered()`).
public struct ScriptError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?
    public var location: SourceLocation?
    /// The text of the line at `location`, filled in by whoever holds the source.
    public var sourceLine: String?
    /// The input ended inside something still open (a string, `[`, `{`, `"""`,
    /// a trailing `\`): at a prompt this means "read another line", not an error.
    public var incomplete: Bool
    /// How a script that stops on this error exits: `.scriptError` for the
    /// script's own mistakes, `.apiError` when the server refused or a job failed.
    public var exitStatus: ExitStatus
    /// The other errors the whole-entry check found with this one (each
    /// printed after it the same way), and the line that closes the list.
    public var also: [ScriptError] = []
    public var closing: String?
    /// Where else the error belongs, printed after the hint: an error at a
    /// data file's row names the statement that read or used it.
    public var note: String?

    public init(
        _ message: String, hint: String? = nil, at location: SourceLocation? = nil, incomplete: Bool = false,
        exitStatus: ExitStatus = .scriptError
    ) {
        self.message = message
        self.hint = hint
        self.location = location
        self.incomplete = incomplete
        self.exitStatus = exitStatus
    }

    /// The same error, with the line of `source` it points into (when it is in `source`).
    public func attaching(_ source: SourceText) -> ScriptError {
        var copy = self
        copy.also = also.map { $0.attaching(source) }
        guard sourceLine == nil, let location, location.file == source.name else { return copy }
        copy.sourceLine = source.line(location.line)
        return copy
    }

    /// `FILE:LINE:COL: error: MESSAGE`, the source line, a caret, and the hint.
    /// With `colour` (stderr is a terminal, `NO_COLOR` unset), the location
    /// bold, `error:` and the caret red, `hint:` cyan; the words stay the same.
    ///
    /// Every part is shown through `TerminalText` before the colours go on:
    /// a message or hint may quote a server's text (`{"error": …}`, a job's
    /// `error_message`, an id), and the source line may hold pasted binary.
    /// The source line keeps its tabs; the caret is padded to match.
    public func rendered(colour: Bool = false) -> String {
        var text = Tint.bold.apply(location.map { "\(TerminalText.printable("\($0)")):" } ?? "", when: colour) + (location == nil ? "" : " ")
        text += Tint.boldRed.apply("error:", when: colour) + " " + TerminalText.printable(message) + "\n"
        if let location, let whole = sourceLine {
            let (line, column) = Self.excerpt(whole, column: location.column)
            text += TerminalText.printable(line, keepingTabs: true) + "\n"
            // Column 0: a whole line (a data file's row), no caret.
            if location.column > 0 {
                text += Self.caretPadding(line, column: column) + Tint.boldRed.apply("^", when: colour) + "\n"
            }
        }
        if let hint { text += Tint.cyan.apply("hint:", when: colour) + " " + TerminalText.printable(hint) + "\n" }
        if let note { text += Tint.cyan.apply("note:", when: colour) + " " + TerminalText.printable(note) + "\n" }
        for error in also { text += error.rendered(colour: colour) }
        if let closing { text += TerminalText.printable(closing) + "\n" }
        return text
    }

    public var description: String {
        var text = (location.map { "\($0): " } ?? "") + message
        if let hint { text += "\n  hint: " + hint }
        if let note { text += "\n  note: " + note }
        for error in also { text += "\n" + error.description }
        if let closing { text += "\n" + closing }
        return text
    }

    /// The longest source line shown whole, in Unicode scalars; past it,
    /// `excerpt` shows the part around the column.
    static let widestLine = 200

    /// `line` as the error shows it, with the column within what is shown:
    /// the whole line up to `widestLine` scalars, else the 60 scalars each
    /// side of `column` (the start, for column 0) with `…` where it is cut.
    /// A 500 KB line of generated brackets once came back whole, twice over.
    static func excerpt(_ line: String, column: Int) -> (line: String, column: Int) {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count > widestLine else { return (line, column) }
        let at = min(max(0, column - 1), scalars.count)
        let start = max(0, at - 60)
        let end = min(scalars.count, at + 60)
        var shown = String(String.UnicodeScalarView(scalars[start..<end]))
        var shownColumn = column == 0 ? 0 : column - start
        if start > 0 {
            shown = "…" + shown
            if shownColumn > 0 { shownColumn += 1 }
        }
        if end < scalars.count { shown += "…" }
        return (shown, shownColumn)
    }

    /// Spaces as wide as the text before `column` as `rendered` shows it
    /// (counted in Unicode scalars, as the lexer counts; a control character
    /// as wide as its escape); tabs are kept as tabs so the caret lands where
    /// the terminal put the character.
    static func caretPadding(_ line: String, column: Int) -> String {
        var padding = ""
        var scalars = 0
        for character in line {
            if scalars >= column - 1 { break }
            scalars += character.unicodeScalars.count
            if character == "\t" {
                padding.append("\t")
            } else {
                padding += String(repeating: " ", count: DisplayWidth.of(TerminalText.printable(String(character))))
            }
        }
        return padding
    }
}
