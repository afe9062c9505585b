import ArmoxAPI
import CSV
import Foundation

/// What `read FILE` makes of a data file: `.csv` and `.tsv` as a list of
/// objects (the header row names the fields, every field a string),
/// `.jsonl` as a list of one value a line, `.json` as its value, anything
/// else as a list of its lines. Blank lines are skipped in every format but
/// `.json` (a spreadsheet's trailing empty row is not a row).
///
/// Reading sends nothing, so `check` and the whole-entry check read data
/// files as a run does: a bad row is an error before anything is spent.
public struct DataFile: Sendable {
    public enum Format: String, Sendable {
        case csv, tsv, jsonl, json, lines

        /// By the file's extension (case-insensitive).
        public init(path: String) {
            switch (path as NSString).pathExtension.lowercased() {
            case "csv": self = .csv
            case "tsv", "tab": self = .tsv
            case "jsonl", "ndjson": self = .jsonl
            case "json": self = .json
            default: self = .lines
            }
        }
    }

    /// The cap on a data file: 16 MiB, about 100,000 rows of prompts and
    /// settings. Every row becomes a value held in memory (several times
    /// its bytes), and a check reads the file as the run does.
    public static let maxBytes = 16 << 20

    /// How errors and `DataOrigin` call the file (the path as the script wrote it, resolved).
    public var name: String
    public var format: Format
    /// The rows (or lines, or JSON lines); for `.json`, the one value.
    public var value: Value
    /// Where each item of `value` starts (1-based lines), when it is a list
    /// read row by row; nil for `.json`, whose items have no line of their own.
    public var origin: DataOrigin?
    /// A table's field names in the header's order (`.csv`, `.tsv`).
    public var columns: [String]? = nil

    /// Parses `data`; throws a `ScriptError` located in the file
    /// (`prompts.csv:3: error: …`, `rows.jsonl:7:12: error: …`).
    public static func parse(_ data: Data, named name: String, format: Format) throws -> DataFile {
        guard data.count <= maxBytes else { throw tooLarge(name, bytes: data.count) }
        var bytes = data
        // Spreadsheets write a byte order mark first; it is not part of the first field's name.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ScriptError(
                "not UTF-8 text", hint: "save the file as UTF-8 (a spreadsheet's \"CSV UTF-8\")",
                at: location(name, line: invalidUTF8Line(bytes)))
        }
        let source = SourceText(name: name, text: text)
        switch format {
        case .csv, .tsv:
            return try table(source, delimiter: format == .tsv ? "\t" : ",", format: format)
        case .jsonl:
            return try jsonLines(source)
        case .json:
            let value = try json(text, name: name, line: 1, hint: "a .json file holds one JSON value; a value a line is a .jsonl file")
            return DataFile(name: name, format: .json, value: value, origin: nil)
        case .lines:
            var items: [Value] = []
            var lines: [Int] = []
            for (index, line) in Self.lines(of: text).enumerated()
            where !line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                items.append(.string(String(line)))
                lines.append(index + 1)
            }
            return DataFile(
                name: name, format: .lines, value: .list(items), origin: DataOrigin(source: source, lines: lines, itemNoun: "line"))
        }
    }

    static func tooLarge(_ name: String, bytes: Int?) -> ScriptError {
        let size = bytes.map { "\($0) bytes" } ?? "more than \(maxBytes) bytes"
        return ScriptError(
            "\(name) is too large to read (\(size); the cap is \(maxBytes) bytes, 16 MiB)",
            hint: "split it into smaller files and read each in turn")
    }

    /// A location in a data file: the line, and the column when one is known
    /// (0 prints none: `prompts.csv:3`).
    static func location(_ name: String, line: Int, column: Int = 0) -> SourceLocation {
        SourceLocation(file: name, line: line, column: column)
    }

    /// The text's lines without their `\n` or `\r\n`; no empty last line for a final line break.
    /// Split on bytes: Swift reads `"\r\n"` as one character.
    static func lines(of text: String) -> [Substring] {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { line in
            Substring(line.last == UInt8(ascii: "\r") ? line.dropLast() : line)
        }
    }

    // MARK: CSV and TSV

    private static func table(_ source: SourceText, delimiter: Unicode.Scalar, format: Format) throws -> DataFile {
        let name = source.name
        // The records' first lines, and the quoting errors the reader would pass over.
        let starts = try RecordScanner.recordLines(source.text, delimiter: UInt8(delimiter.value), name: name)
        let reader = try CSVReader(string: source.text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
        var header: [String]?
        var items: [Value] = []
        var lines: [Int] = []
        var index = 0
        while let row = reader.next() {
            let line = index < starts.count ? starts[index] : (starts.last ?? 1)
            index += 1
            if row.count == 1, row[0].allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            guard let names = header else {
                header = try checkedHeader(row, name: name, line: line, delimiter: delimiter)
                continue
            }
            guard row.count == names.count else {
                throw ScriptError(
                    "\(row.count) field\(row.count == 1 ? "" : "s"), the header has \(names.count)",
                    hint: row.count > names.count
                        ? "a field holding \(delimiter == "\t" ? "a tab" : "a comma") goes in double quotes: \"a, b\""
                        : "every row needs a field for each column, even an empty one",
                    at: location(name, line: line))
            }
            var fields: [String: Value] = [:]
            fields.reserveCapacity(names.count)
            for (key, field) in zip(names, row) { fields[key] = .string(field) }
            items.append(.object(fields))
            lines.append(line)
        }
        return DataFile(
            name: name, format: format, value: .list(items), origin: DataOrigin(source: source, lines: lines, itemNoun: "row"),
            columns: header ?? [])
    }

    /// The header's names: each a field name `$row.NAME` can read, none twice.
    private static func checkedHeader(_ row: [String], name: String, line: Int, delimiter: Unicode.Scalar) throws -> [String] {
        var seen = Set<String>()
        for (column, field) in row.enumerated() {
            let key = field.trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else {
                throw ScriptError(
                    "column \(column + 1) has no name in the header",
                    hint: "the first row names the fields: prompt\(delimiter == "\t" ? "\\t" : ",")aspect_ratio",
                    at: location(name, line: line))
            }
            guard seen.insert(key).inserted else {
                throw ScriptError("the header names \(key) twice", hint: "each column needs a name of its own", at: location(name, line: line))
            }
        }
        return row.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    // MARK: JSON

    private static func jsonLines(_ source: SourceText) throws -> DataFile {
        var items: [Value] = []
        var lines: [Int] = []
        for (index, line) in Self.lines(of: source.text).enumerated()
        where !line.allSatisfy({ $0 == " " || $0 == "\t" }) {
            let hint = "each line of a .jsonl file is one JSON value: {\"prompt\": \"a cat\"}"
            items.append(try json(String(line), name: source.name, line: index + 1, hint: hint))
            lines.append(index + 1)
        }
        return DataFile(
            name: source.name, format: .jsonl, value: .list(items), origin: DataOrigin(source: source, lines: lines, itemNoun: "value"))
    }

    /// One JSON text as a value; an error names the line and, where the
    /// parser says, the column (counted from the text's first line `line`).
    static func json(_ text: String, name: String, line: Int, hint: String) throws -> Value {
        let data = Data(text.utf8)
        do {
            return Value(try JSONDecoder().decode(JSONValue.self, from: data))
        } catch {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let (lineOffset, column) = position(in: text, of: data)
            let problem = trimmed.isEmpty ? "no JSON value" : JSONNesting.isTooDeep(data) ? "JSON \(JSONNesting.tooDeep)" : "not valid JSON"
            throw ScriptError(
                problem, hint: hint,
                at: location(name, line: line + lineOffset, column: column))
        }
    }

    /// Where JSON text stops being valid: lines past the first, and the
    /// 1-based column (0 when unknown). `JSONDecoder` names no position;
    /// `JSONSerialization` says "around character N", a byte offset.
    static func position(in text: String, of data: Data) -> (lines: Int, column: Int) {
        var message = ""
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
        } catch {
            message = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
        }
        guard let range = message.range(of: "character "), let offset = Scanner(string: String(message[range.upperBound...])).scanInt(),
            offset >= 0
        else { return (0, 0) }
        let bytes = Array(text.utf8.prefix(offset))
        let lines = bytes.filter { $0 == UInt8(ascii: "\n") }.count
        let lineStart = bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        // Columns count Unicode scalars, as a script's do.
        let column = String(decoding: bytes[lineStart...], as: UTF8.self).unicodeScalars.count + 1
        return (lines, column)
    }

    /// The line of the first byte that is not UTF-8.
    private static func invalidUTF8Line(_ bytes: Data) -> Int {
        var line = 1
        var start = bytes.startIndex
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            let end = bytes.startIndex + offset
            if String(validating: bytes[start..<end], as: UTF8.self) == nil { return line }
            start = end + 1
            line += 1
        }
        return line
    }
}
