/// Where each item of a list `read` made comes from: the file's text and the
/// line each item starts on. A `for` over such a list reports an error of a
/// pass that reads the item at the item's line (`prompts.csv:18: error: …`),
/// with the statement it happened in as a note.
public struct DataOrigin: Sendable {
    public var source: SourceText
    /// 1-based, one per item of the list, in order.
    public var lines: [Int]
    /// What an item is called in a note: `row` (CSV, TSV), `line`, `value` (JSON lines).
    public var itemNoun: String

    public init(source: SourceText, lines: [Int], itemNoun: String) {
        self.source = source
        self.lines = lines
        self.itemNoun = itemNoun
    }

    /// The location of item `index` (no column: the row as a whole).
    func location(ofItem index: Int) -> SourceLocation {
        DataFile.location(source.name, line: lines[index])
    }
}
