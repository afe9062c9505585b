import ArmoxRender
import ArmoxScript

/// The measurements of a terminal turned into a style, as a pure function,
/// so every rule is testable without a terminal.
extension OutputStyle {
    /// The style for these facts:
    /// - colour only on a terminal, and never when `NO_COLOR` is set to
    ///   anything but the empty string (no-color.org) or `TERM` is `dumb`;
    /// - a width only when stdout is a terminal: its `columns` (TIOCGWINSZ),
    ///   else a positive `COLUMNS` from the environment, else none;
    /// - inline images as the environment the terminal set tells.
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
            stdoutIsTerminal: stdoutIsTerminal, inlineImages: InlineImageSupport.detect(in: environment))
    }
}
