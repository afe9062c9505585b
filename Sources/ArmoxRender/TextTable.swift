/// Plain aligned columns: a header row, then one row per item. Widths are
/// terminal columns (`DisplayWidth`), so CJK names and emoji stay aligned.
///
/// Given a width (stdout is a terminal), the table fits it: the `shrinkable`
/// columns — free text such as names, descriptions, error text — are cut
/// with "…"; every other column holds ids or values a user copies (model,
/// job and app ids, file names, URLs, statuses, numbers) and is never cut.
/// When those alone do not fit, lines run over rather than cut an id.
/// Without a width the table prints whole, as scripts parsing it expect.
/// Every cell is shown through `TerminalText` (cells hold server text), so
/// the only escape codes a table carries are its own colours.
public struct TextTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]
    /// Columns whose values are numbers, aligned right.
    public var rightAligned: Set<Int>
    /// Columns of free text that may be cut to fit a width.
    public var shrinkable: Set<Int>
    /// Cells a shrinkable column must still keep whole (a URL among error texts).
    public var keepsWhole: @Sendable (String) -> Bool
    /// A column's colour for each of its cells, used when colour is on.
    public var tints: [Int: @Sendable (String) -> Tint?]
    /// Columns a narrow terminal may go without, first to go first (a job's
    /// creation time before its id or URL wraps): left out, one at a time,
    /// only while the table cannot fit otherwise. Never without a width.
    public var droppable: [Int] = []
    /// Columns that only repeat another on every row (a model's OUTPUT type
    /// beside its MODALITY): left out as soon as the table is wider than the
    /// width, before any cell is cut or any line wraps. Never without a width.
    public var redundant: Set<Int> = []

    /// The narrowest a cut column gets (or its natural width when that is less):
    /// narrower, a name is no longer recognisable.
    public static let shrunkFloor = 8

    public init(
        headers: [String], rows: [[String]], rightAligned: Set<Int> = [], shrinkable: Set<Int> = [],
        keepsWhole: @escaping @Sendable (String) -> Bool = { _ in false }, tints: [Int: @Sendable (String) -> Tint?] = [:]
    ) {
        self.headers = headers
        self.rows = rows
        self.rightAligned = rightAligned
        self.shrinkable = shrinkable
        self.keepsWhole = keepsWhole
        self.tints = tints
    }

    /// A URL (a scheme, no spaces): output and file addresses are ids, never cut.
    @Sendable public static func isURL(_ cell: String) -> Bool {
        cell.contains("://") && !cell.contains(where: \.isWhitespace)
    }

    /// The table as lines of text. With `width`, fitted to it (see the type's
    /// doc); with `colour`, the header bold and cells tinted, the codes put
    /// around text already measured and padded, so they never count as columns.
    public func render(width: Int? = nil, colour: Bool = false) -> String {
        if let width, let column = redundant.min(), naturalWidth > width {
            return without(column).render(width: width, colour: colour)
        }
        if let width, let first = droppable.first, minimumWidth > width {
            return without(first).render(width: width, colour: colour)
        }
        let all = prepared
        let widths = columnWidths(all, fitting: width)
        return all.enumerated().map { index, row in
            row.enumerated().map { i, original in
                var cell = original
                if width != nil, shrinkable.contains(i), !keepsWhole(cell) { cell = DisplayWidth.truncated(cell, to: widths[i]) }
                let pad = String(repeating: " ", count: max(0, widths[i] - DisplayWidth.of(cell)))
                if colour {
                    let tint = index == 0 ? Tint.bold : tints[i]?(original)
                    cell = tint?.apply(cell) ?? cell
                }
                if i == row.count - 1 && !rightAligned.contains(i) { return cell }
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// The same table without column `column` (indices after it shift down).
    func without(_ column: Int) -> TextTable {
        func shifted(_ i: Int) -> Int { i > column ? i - 1 : i }
        var copy = TextTable(
            headers: headers.enumerated().filter { $0.offset != column }.map(\.element),
            rows: rows.map { $0.enumerated().filter { $0.offset != column }.map(\.element) },
            rightAligned: Set(rightAligned.filter { $0 != column }.map(shifted)),
            shrinkable: Set(shrinkable.filter { $0 != column }.map(shifted)), keepsWhole: keepsWhole,
            tints: Dictionary(uniqueKeysWithValues: tints.filter { $0.key != column }.map { (shifted($0.key), $0.value) }))
        copy.droppable = droppable.filter { $0 != column }.map(shifted)
        copy.redundant = Set(redundant.filter { $0 != column }.map(shifted))
        return copy
    }

    /// The widest line of the table whole, fitted to nothing.
    var naturalWidth: Int {
        naturalWidths(prepared).reduce(0, +) + 2 * max(0, headers.count - 1)
    }

    /// The narrowest the table fits in: its fixed columns whole, its
    /// shrinkable ones at their floor. At this width or more, no line is wider.
    public var minimumWidth: Int {
        let all = prepared
        return floors(all, natural: naturalWidths(all)).reduce(0, +) + 2 * max(0, headers.count - 1)
    }

    /// Header and rows, every cell made safe to show (`TerminalText`): a
    /// server's control characters shown as escapes, so none moves the
    /// cursor and a line break in an error never breaks the table's lines.
    /// Cells are measured, cut and tinted only after this.
    private var prepared: [[String]] {
        ([headers] + rows).map { row in row.map { TerminalText.printable($0) } }
    }

    private func naturalWidths(_ all: [[String]]) -> [Int] {
        var widths = Array(repeating: 0, count: headers.count)
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], DisplayWidth.of(cell))
            }
        }
        return widths
    }

    /// The least each column takes: fixed columns their natural width; a
    /// shrinkable one its widest whole-kept cell, and at least `shrunkFloor`.
    private func floors(_ all: [[String]], natural: [Int]) -> [Int] {
        var floors = natural
        for i in shrinkable where i < natural.count {
            let whole = all.map { i < $0.count && keepsWhole($0[i]) ? DisplayWidth.of($0[i]) : 0 }.max() ?? 0
            floors[i] = max(whole, min(natural[i], Self.shrunkFloor))
        }
        return floors
    }

    /// Natural widths when they fit (or no width is given); else the
    /// shrinkable columns start at their floor and share what room is left
    /// a column at a time, none past its natural width.
    private func columnWidths(_ all: [[String]], fitting width: Int?) -> [Int] {
        let natural = naturalWidths(all)
        let separators = 2 * max(0, natural.count - 1)
        guard let width, natural.reduce(0, +) + separators > width else { return natural }
        var widths = floors(all, natural: natural)
        var room = width - widths.reduce(0, +) - separators
        var growing = shrinkable.filter { $0 < natural.count && widths[$0] < natural[$0] }.sorted()
        while room > 0 && !growing.isEmpty {
            for i in growing where room > 0 {
                widths[i] += 1
                room -= 1
            }
            growing = growing.filter { widths[$0] < natural[$0] }
        }
        return widths
    }
}
