/// How output should look where it lands: how wide stdout's terminal is, and
/// whether stdout and stderr may carry colour.
///
/// The evaluator never looks at a terminal (it writes through `OutputSink`),
/// so the host measures one and hands the result in (`ArmoxHost`'s
/// `OutputStyle.resolve`).
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
    /// The inline-image protocol stdout's terminal speaks (`preview`).
    public var inlineImages: InlineImageSupport

    public init(
        width: Int? = nil, colour: Bool = false, errorColour: Bool = false, stdoutIsTerminal: Bool = false,
        inlineImages: InlineImageSupport = .none
    ) {
        self.width = width
        self.colour = colour
        self.errorColour = errorColour
        self.stdoutIsTerminal = stdoutIsTerminal
        self.inlineImages = inlineImages
    }

    /// No width, no colour: what a pipe or a file gets, and the default.
    public static let plain = OutputStyle()
}
