/// How output should look where it lands: how wide stdout's terminal is, and
/// whether stdout and stderr may carry colour.
///
/// The evaluator never looks at a terminal (it writes through `OutputSink`),
/// so the entry point measures one and hands the result in; `resolve` turns
/// those measurements into a style as a pure function, so every rule here is
/// testable without a terminal.
public struct OutputStyle: Sendable, Equatable {
    /// The columns stdout's terminal has; nil when stdout is not a terminal.
    /// Tables fit it; with nil they print whole, exactly as they always have,
    /// so scripts that parse output keep working.
    public var width: Int?
    /// ANSI colour on stdout (statuses, table headers).
    public var colour: Bool
    /// ANSI colour on stderr (`error:`, `hint:`, `note:`), decided by stderr's
    /// own terminal: `armox > out.txt` still shows coloured errors.
    public var errorColour: Bool
    /// stdout is a terminal: `preview` may write inline-image escape
    /// sequences there (a terminal that reports no size still is one).
    public var stdoutIsTerminal: Bool

    public init(width: Int? = nil, colour: Bool = false, errorColour: Bool = false, stdoutIsTerminal: Bool = false) {
        self.width = width
        self.colour = colour
        self.errorColour = errorColour
        self.stdoutIsTerminal = stdoutIsTerminal
    }

    /// No width, no colour: what a pipe or a file gets, and the default.
    public static let plain = OutputStyle()

    /// The style for these facts:
    /// - colour only on a terminal, and never when `NO_COLOR` is set to
    ///   anything but the empty string (no-color.org) or `TERM` is `dumb`;
    /// - a width only when stdout is a terminal: its `columns` (TIOCGWINSZ),
    ///   else a positive `COLUMNS` from the environment, else none.
    public static func resolve(
        environment: [String: String], stdoutIsTerminal: Bool, stderrIsTerminal: Bool, columns: Int?
    ) -> OutputStyle {
        let colourAllowed = (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        var width: Int?
        if stdoutIsTerminal {
            if let columns, columns > 0 {
                width = columns
            } else if let columns = environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 {
                width = columns
            }
        }
        return OutputStyle(
            width: width, colour: colourAllowed && stdoutIsTerminal, errorColour: colourAllowed && stderrIsTerminal,
            stdoutIsTerminal: stdoutIsTerminal)
    }
}
