/// The line each record of a CSV or TSV text starts on (lines end at LF;
/// a lone CR ends a record, not a line), and the quoting
/// errors the CSV reader would pass over without a word.
///
/// The reader (yaslab/CSV.swift) splits the fields; it gives no positions,
/// reads an unclosed quote to the end of the file as one field, and keeps
/// reading a field whose closing quote is followed by text. This scan
/// follows the same RFC 4180 rules over the bytes, so its records are the
/// reader's records, one for one, on every text it lets through.
enum RecordScanner {
    static func recordLines(_ text: String, delimiter: UInt8, name: String) throws -> [Int] {
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var starts: [Int] = []
        var line = 1
        var atRecordStart = true
        var atFieldStart = true
        var quotedSince: Int?
        var bytes = text.utf8.makeIterator()
        var pending: UInt8?
        func next() -> UInt8? {
            if let byte = pending {
                pending = nil
                return byte
            }
            return bytes.next()
        }
        while let byte = next() {
            if atRecordStart {
                starts.append(line)
                atRecordStart = false
            }
            if let opened = quotedSince {
                if byte == lf {
                    line += 1
                } else if byte == quote {
                    let after = next()
                    if after == quote { continue }
                    quotedSince = nil
                    guard after == nil || after == delimiter || after == lf || after == cr else {
                        throw ScriptError(
                            "text after the closing quote of a field (the field opened at line \(opened))",
                            hint: "a quote inside a quoted field is written twice: \"say \"\"hi\"\"\"",
                            at: DataFile.location(name, line: line))
                    }
                    pending = after
                    atFieldStart = false
                }
                continue
            }
            switch byte {
            case quote where atFieldStart:
                quotedSince = line
            case delimiter:
                atFieldStart = true
                continue
            case lf, cr:
                // A record ends at CR, LF or CRLF, as the reader ends it; lines
                // are counted at LF only, as every location in armox is.
                if byte == cr {
                    let after = next()
                    if after == lf { line += 1 } else { pending = after }
                } else {
                    line += 1
                }
                atRecordStart = true
                atFieldStart = true
                continue
            default:
                break
            }
            atFieldStart = false
        }
        if let opened = quotedSince {
            throw ScriptError(
                "a quoted field opened here is never closed", hint: "close it with a \" before the end of its row",
                at: DataFile.location(name, line: opened))
        }
        return starts
    }
}
