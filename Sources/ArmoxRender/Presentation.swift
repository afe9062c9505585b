/// How a command's result reads for a person: the data to show and its
/// form, turned into text only where it lands (`rendered(in:)`), fitted to
/// that terminal's width and coloured when it allows colour.
///
/// A command returns its value (what `--json` prints and a variable keeps)
/// and one of these, built from the same data; it never formats for a
/// terminal itself.
public indirect enum Presentation: Sendable {
    /// Lines that may hold a server's or a user's words (ids, names, error
    /// texts, paths): each is shown through `TerminalText`, so none can move
    /// the cursor or retitle the window.
    case lines([String])
    /// One text a server wrote as several lines (a description, an error
    /// message): shown through `TerminalText`, its line breaks kept.
    case paragraph(String)
    /// Text armox wrote itself (help, a script recording, a value's readable
    /// form), or text a user asked for verbatim (`echo`): printed as it is.
    case text(String)
    /// A table fitted to the width (less `indent`'s columns, put before each line).
    case table(TextTable, indent: String = "")
    /// An image shown inline, in the protocol the terminal speaks (kitty's
    /// takes PNG only: the caller checks); nothing where it speaks none.
    case image([UInt8], name: String)
    /// Several parts, one after another, each on lines of its own (an empty
    /// part takes none).
    case parts([Presentation])
    /// The terminal's screen cleared, the cursor at its top left (as Ctrl-L
    /// does at the prompt); nothing where stdout is not a terminal, so a
    /// pipe or a file never holds the escape.
    case clearScreen
    /// Nothing to show.
    case nothing

    /// The text to write: each part's lines end in a line break; nothing
    /// at all for an empty part (`.nothing`, `.lines([])`, `.text("")`).
    public func rendered(in style: OutputStyle) -> String {
        switch self {
        case .lines(let lines):
            return lines.map { TerminalText.printable($0) + "\n" }.joined()
        case .paragraph(let text):
            return Self.ended(TerminalText.printable(text, keepingLineBreaks: true))
        case .text(let text):
            return Self.ended(text)
        case .table(let table, let indent):
            let width = style.width.map { max(1, $0 - DisplayWidth.of(indent)) }
            let lines = table.render(width: width, colour: style.colour).split(separator: "\n")
            return lines.map { indent + $0 + "\n" }.joined()
        case .image(let bytes, let name):
            switch style.inlineImages {
            case .kitty: return KittyGraphics.displayPNG(bytes) + "\n"
            case .iTerm2: return ITermInlineImage.display(bytes, name: name) + "\n"
            case .multiplexer, .none: return ""
            }
        case .parts(let parts):
            return parts.map { $0.rendered(in: style) }.joined()
        case .clearScreen:
            return style.stdoutIsTerminal ? "\u{1B}[H\u{1B}[2J" : ""
        case .nothing:
            return ""
        }
    }

    /// `text` ending in a line break, unless it is empty.
    private static func ended(_ text: String) -> String {
        text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
    }

    /// One line (see `.lines`).
    public static func line(_ text: String) -> Presentation { .lines([text]) }
}
