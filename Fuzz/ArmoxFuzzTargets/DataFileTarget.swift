import ArmoxScript
import Foundation

/// A data file as `read` takes it. Input: the first byte picks the format
/// (its value mod 5: csv, tsv, jsonl, json, lines), the rest is the file.
///
/// Properties: a file is read or refused with a `ScriptError` located in it
/// (its name, a line from 1 to one past its last, never a crash); when read,
/// a list read row by row has one line per item, never falling, within the file;
/// a table's rows are objects with exactly the header's fields; and a table
/// written back in RFC 4180 (every field quoted) reads as the same rows —
/// so the reader and the scan that finds each row's line agree on every
/// text the reader lets through.
enum DataFileTarget {
    static let formats: [DataFile.Format] = [.csv, .tsv, .jsonl, .json, .lines]

    static func check(_ bytes: [UInt8]) throws {
        guard let first = bytes.first else { return }
        let format = formats[Int(first) % formats.count]
        let body = Data(bytes.dropFirst())
        let name = "fuzz.\(format.rawValue)"
        let lineCount = body.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let file: DataFile
        do {
            file = try DataFile.parse(body, named: name, format: format)
        } catch let error as ScriptError {
            try require(error.location?.file == name, "an error not located in the file: \(error)")
            let line = error.location?.line ?? 0
            try require(line >= 1 && line <= lineCount, "an error at line \(line) of a \(lineCount)-line file")
            return
        } catch {
            throw PropertyViolation("read threw something other than a ScriptError: \(error)")
        }
        guard case .list(let items) = file.value else {
            try require(format == .json, "\(format) read as \(file.value.kindName)")
            return
        }
        if let origin = file.origin {
            try require(origin.lines.count == items.count, "\(items.count) items, \(origin.lines.count) lines")
            // Never falling: a lone CR ends a record but not a line, so two rows may share one.
            try require(zip(origin.lines, origin.lines.dropFirst()).allSatisfy { $0 <= $1 }, "lines falling: \(origin.lines)")
            try require(origin.lines.allSatisfy { $0 >= 1 && $0 <= lineCount }, "a line outside the file: \(origin.lines)")
        } else {
            try require(format == .json, "\(format) has no lines")
        }
        guard format == .csv || format == .tsv, let columns = file.columns else { return }
        let rows: [[String]] = try items.map { item in
            guard case .object(let fields) = item else { throw PropertyViolation("a row is \(item.kindName)") }
            try require(Set(fields.keys) == Set(columns) && fields.count == columns.count, "a row's fields \(fields.keys.sorted()) are not \(columns)")
            return try columns.map { key in
                guard case .string(let text)? = fields[key] else { throw PropertyViolation("field \(key) is not a string") }
                return text
            }
        }
        guard !columns.isEmpty else { return }
        let delimiter = format == .tsv ? "\t" : ","
        // Doubled scalar by scalar: a quote with a combining mark after it
        // is one Character, which a String replacement passes over.
        func quoted(_ field: String) -> String {
            var scalars = String.UnicodeScalarView(["\""])
            for scalar in field.unicodeScalars {
                scalars.append(scalar)
                if scalar == "\"" { scalars.append(scalar) }
            }
            scalars.append("\"")
            return String(scalars)
        }
        let written = ([columns] + rows).map { $0.map(quoted).joined(separator: delimiter) }.joined(separator: "\r\n") + "\r\n"
        let again: DataFile
        do {
            again = try DataFile.parse(Data(written.utf8), named: name, format: format)
        } catch {
            throw PropertyViolation("rows written back in RFC 4180 do not read: \(error)\n\(written.debugDescription)")
        }
        try require(again.columns == columns, "the header read back as \(again.columns ?? [])")
        guard case .list(let back) = again.value else { throw PropertyViolation("read back as \(again.value.kindName)") }
        // A row of one blank field is a blank line, skipped both times.
        try require(back.count == items.count, "\(items.count) rows read back as \(back.count)")
        for (row, item) in zip(rows, back) {
            guard case .object(let fields) = item else { throw PropertyViolation("a row read back is \(item.kindName)") }
            let texts = columns.map { fields[$0]?.text ?? "" }
            try require(texts == row, "a row \(row.debugDescription) read back as \(texts.debugDescription)")
        }
    }
}
