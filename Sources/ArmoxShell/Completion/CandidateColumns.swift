import ArmoxRender
import ArmoxScript

/// The second TAB's listing, laid out as bash does: sorted (UTF-8 byte order),
/// going down the columns; each column as wide as the widest entry (in
/// terminal cells: CJK and emoji take two) plus two spaces; as many such
/// columns as fit `width` (at least one), and no more than the rows need; no
/// trailing spaces; every line ends in "\n". Each entry is shown through
/// `TerminalText` (ids and names come from a server) before it is measured;
/// what TAB inserts is the candidate's own text, quoted by `Completer`.
public enum CandidateColumns {
    public static func render(_ displays: [String], width: Int) -> String {
        guard !displays.isEmpty else { return "" }
        let items = displays.map { TerminalText.printable($0) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let widths = items.map(DisplayWidth.of)
        let column = (widths.max() ?? 0) + 2
        // Readline's rule: whole columns, gap included, so no line reaches the
        // last cell (where some terminals wrap on their own).
        let fitting = max(1, width / column)
        let rows = (items.count + fitting - 1) / fitting
        let columns = (items.count + rows - 1) / rows
        var text = ""
        for row in 0..<rows {
            var line = ""
            for col in 0..<columns {
                let index = col * rows + row
                guard index < items.count else { break }
                line += items[index]
                let isLast = col == columns - 1 || index + rows >= items.count
                if !isLast { line += String(repeating: " ", count: column - widths[index]) }
            }
            while line.last == " " { line.removeLast() }
            text += line + "\n"
        }
        return text
    }
}
