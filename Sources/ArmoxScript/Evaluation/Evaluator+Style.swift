/// Output fitted to where it lands: tables to the terminal's width, colour
/// only when the `OutputStyle` of the moment allows it.
extension Evaluator {
    /// A table as it prints now: fitted to the terminal (less `indent`
    /// columns the caller puts before each line), tinted when stdout has colour.
    /// Not a terminal: the table whole and plain, as it always printed.
    func render(_ table: TextTable, indent: Int = 0) -> String {
        let style = outputStyle()
        return table.render(width: style.width.map { max(1, $0 - indent) }, colour: style.colour)
    }

    /// A job status column's colours (completed green, failed red, …).
    static let statusTint: @Sendable (String) -> Tint? = { Tint.status($0) }

    /// `note: …` for stderr, the label tinted when stderr has colour; the
    /// text shown through `TerminalText` (a note quotes statuses, ids, errors).
    func noteLine(_ text: String) -> String {
        Tint.cyan.apply("note:", when: outputStyle().errorColour) + " " + TerminalText.printable(text) + "\n"
    }
}
