import Foundation
import Synchronization

/// Where a token or node begins: the file (or `-c`, `<stdin>`, `<prompt>`),
/// the line, and the column, both 1-based. Columns count Unicode scalars (the
/// lexer reads scalars, not grapheme clusters, for speed); the caret printer
/// converts that back to terminal columns, so it lines up under `東京` too.
///
/// Every token and syntax node holds one, so it is kept to 12 bytes with no
/// reference to count: the file is a number in `SourceFileNames` (each name
/// stored once), the line and column are 32-bit (a script is at most
/// `ScriptInput.maxBytes`, 64 MiB, so neither can pass `Int32.max`; a larger
/// value is clamped). All three read back as before, `String` and `Int`.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file's number in `SourceFileNames.shared`: equal numbers, equal names.
    let fileNumber: UInt32
    private var storedLine: Int32
    private var storedColumn: Int32

    public init(file: String, line: Int, column: Int) {
        self.init(fileNumber: SourceFileNames.shared.number(of: file), line: line, column: column)
    }

    /// For the lexer, which looks its file's number up once.
    init(fileNumber: UInt32, line: Int, column: Int) {
        self.fileNumber = fileNumber
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    public var file: String {
        get { SourceFileNames.shared.name(fileNumber) }
        set { self = SourceLocation(file: newValue, line: line, column: column) }
    }

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    /// `FILE:LINE:COL`; `FILE:LINE` for column 0 (a whole line of a data file).
    public var description: String { column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)" }
}

/// The names of the sources locations point into, each given a number the
/// first time it is seen and kept for the life of the process. There are
/// few: the script files, `-c`, `<stdin>`, `<prompt>`, the files `source`
/// reads.
final class SourceFileNames: Sendable {
    static let shared = SourceFileNames()

    private struct Table {
        var names: [String] = []
        var numbers: [String: UInt32] = [:]
    }

    /// Every thread may reach it.
    private let table = Mutex(Table())

    func number(of name: String) -> UInt32 {
        table.withLock { table in
            if let number = table.numbers[name] { return number }
            let number = UInt32(table.names.count)
            table.names.append(name)
            table.numbers[name] = number
            return number
        }
    }

    func name(_ number: UInt32) -> String {
        table.withLock { $0.names[Int(number)] }
    }
}

/// A whole piece of source text and the name it is reported under.
public struct SourceText: Sendable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The text of 1-based `line`, without its line break (nil past the end).
    /// Scans bytes, not `Character`s: Swift reads `"\r\n"` as one character,
    /// which would hide CRLF line ends.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        let bytes = text.utf8
        var current = 1
        var start = bytes.startIndex
        while current < number {
            guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            start = bytes.index(after: newline)
            current += 1
        }
        var end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        if end > start, bytes[bytes.index(before: end)] == UInt8(ascii: "\r") { end = bytes.index(before: end) }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
