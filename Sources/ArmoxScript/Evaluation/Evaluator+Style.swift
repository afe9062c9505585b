import ArmoxRender

/// Colour on what the evaluator writes itself (notes on stderr, a job
/// table's statuses); a command's result is rendered by `Presentation`.
extension Evaluator {
    /// A job status column's colours (completed green, failed red, …).
    static let statusTint: @Sendable (String) -> Tint? = { Tint.status($0) }

    /// `note: …` for stderr, the label tinted when stderr has colour; the
    /// text shown through `TerminalText` (a note quotes statuses, ids, errors).
    func noteLine(_ text: String) -> String {
        Tint.cyan.apply("note:", when: outputStyle().errorColour) + " " + TerminalText.printable(text) + "\n"
    }
}
