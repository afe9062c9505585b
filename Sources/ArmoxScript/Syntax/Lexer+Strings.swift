/// Strings: `"…"` (escapes, `$name` and `${path}`), `'…'` (raw) and
/// `"""…"""` (multi-line, with the indentation of the closing `"""` removed).
extension Lexer {
    /// `"…"` or `"""…"""`, `pos` on the first quote.
    mutating func doubleQuoted(at here: SourceLocation) throws -> Expression.Kind {
        let open = pos
        if open + 2 < bytes.count && bytes[open + 1] == LexByte.quote && bytes[open + 2] == LexByte.quote {
            return try tripleQuoted(at: here)
        }
        // Find the closing quote; a string without `\` or `$` is the bytes as they are.
        var i = open + 1
        var plain = true
        while true {
            guard i < bytes.count, bytes[i] != LexByte.newline else {
                throw ScriptError(
                    "unterminated string",
                    hint: "the string that begins at \(here.line):\(here.column) has no closing \" on its line; "
                        + "for text over several lines use \"\"\"",
                    at: here)
            }
            let b = bytes[i]
            if b == LexByte.quote { break }
            if b == LexByte.backslash {
                plain = false
                // Skip the escaped byte, unless it is the line break (then the string is unterminated).
                i += (i + 1 < bytes.count && bytes[i + 1] != LexByte.newline) ? 2 : 1
                continue
            }
            if b == LexByte.dollar { plain = false }
            i += 1
        }
        let close = i
        let kind = plain ? .string(text(open + 1..<close)) : try stringContent(open + 1..<close, indent: nil, multiLine: false)
        pos = close + 1
        return kind
    }

    /// `'…'`: raw, on one line.
    mutating func singleQuoted(at here: SourceLocation) throws -> Expression.Kind {
        let open = pos
        var i = open + 1
        while i < bytes.count && bytes[i] != LexByte.apostrophe && bytes[i] != LexByte.newline { i += 1 }
        guard i < bytes.count, bytes[i] == LexByte.apostrophe else {
            throw ScriptError(
                "unterminated string",
                hint: "the string that begins at \(here.line):\(here.column) has no closing ' on its line", at: here)
        }
        pos = i + 1
        return .string(text(open + 1..<i))
    }

    /// `"""…"""`. A line break right after the opening `"""` is dropped; when
    /// the closing `"""` stands on its own line, the line break before it is
    /// dropped and its indentation is removed from every line.
    mutating func tripleQuoted(at here: SourceLocation) throws -> Expression.Kind {
        let open = pos
        var contentStart = open + 3
        var droppedNewline = -1
        if contentStart < bytes.count && bytes[contentStart] == LexByte.newline {
            droppedNewline = contentStart
        } else if contentStart + 1 < bytes.count && bytes[contentStart] == LexByte.cr
            && bytes[contentStart + 1] == LexByte.newline
        {
            droppedNewline = contentStart + 1
        }
        if droppedNewline >= 0 { contentStart = droppedNewline + 1 }

        var i = contentStart
        while true {
            guard i + 2 < bytes.count else {
                throw Self.unterminated("multi-line string", at: here, closing: "\"\"\"", incomplete: true)
            }
            let b = bytes[i]
            if b == LexByte.backslash {
                i += 2
            } else if b == LexByte.quote && bytes[i + 1] == LexByte.quote && bytes[i + 2] == LexByte.quote {
                break
            } else {
                i += 1
            }
        }
        let close = i

        // Does the closing """ stand on its own line, after only spaces and tabs?
        var contentEnd = close
        var indent: Range<Int>?
        var k = close
        while k > contentStart && (bytes[k - 1] == LexByte.space || bytes[k - 1] == LexByte.tab) { k -= 1 }
        if k > contentStart && bytes[k - 1] == LexByte.newline {
            contentEnd = k - 1
            if contentEnd > contentStart && bytes[contentEnd - 1] == LexByte.cr { contentEnd -= 1 }
            indent = k..<close
        } else if k == contentStart && droppedNewline >= 0 {
            contentEnd = contentStart
        }

        if droppedNewline >= 0 { noteNewline(at: droppedNewline) }
        let kind = try stringContent(
            contentStart..<contentEnd, indent: indent.flatMap { $0.isEmpty ? nil : $0 }, multiLine: true,
            firstLineIndented: droppedNewline >= 0)
        var j = contentEnd
        while j < close {
            if bytes[j] == LexByte.newline { noteNewline(at: j) }
            j += 1
        }
        pos = close + 3
        return kind
    }

    /// The text of a string between its quotes: escapes applied, `$name` and
    /// `${path}` turned into parts, line breaks counted, indentation removed.
    mutating func stringContent(
        _ range: Range<Int>, indent: Range<Int>?, multiLine: Bool, firstLineIndented: Bool = true
    ) throws -> Expression.Kind {
        var parts: [StringPart] = []
        // The lexer's scratch buffer, borrowed so strings do not allocate one each.
        var buffer = scratch
        scratch = []
        defer {
            buffer.removeAll(keepingCapacity: true)
            scratch = buffer
        }
        var i = range.lowerBound
        let end = range.upperBound
        var atLineStart = firstLineIndented
        while i < end {
            if atLineStart {
                atLineStart = false
                if let indent {
                    var k = indent.lowerBound
                    while k < indent.upperBound && i < end && bytes[i] == bytes[k] {
                        i += 1
                        k += 1
                    }
                    continue
                }
            }
            let b = bytes[i]
            switch b {
            case LexByte.newline:
                buffer.append(b)
                noteNewline(at: i)
                i += 1
                atLineStart = true
            case LexByte.cr where multiLine && i + 1 < end && bytes[i + 1] == LexByte.newline:
                i += 1  // \r\n reads as \n
            case LexByte.backslash:
                i = try escape(at: i, end: end, multiLine: multiLine, into: &buffer, atLineStart: &atLineStart)
            case LexByte.dollar:
                i = try interpolation(at: i, end: end, parts: &parts, buffer: &buffer)
            default:
                var j = i + 1
                while j < end {
                    let c = bytes[j]
                    if c == LexByte.newline || c == LexByte.backslash || c == LexByte.dollar || c == LexByte.cr { break }
                    j += 1
                }
                buffer.append(contentsOf: bytes[i..<j])
                i = j
            }
        }
        if parts.isEmpty { return .string(String(decoding: buffer, as: UTF8.self)) }
        if !buffer.isEmpty { parts.append(.text(String(decoding: buffer, as: UTF8.self))) }
        return .interpolated(parts.fitted())
    }

    /// The escape at `i` (on the `\`), appended to `buffer`; returns where reading goes on.
    mutating func escape(
        at i: Int, end: Int, multiLine: Bool, into buffer: inout [UInt8], atLineStart: inout Bool
    ) throws -> Int {
        // A lone `\` right before the closing """ (its line break was dropped): nothing to escape.
        guard i + 1 < end else { return end }
        switch bytes[i + 1] {
        case UInt8(ascii: "n"): buffer.append(LexByte.newline)
        case UInt8(ascii: "t"): buffer.append(LexByte.tab)
        case UInt8(ascii: "r"): buffer.append(LexByte.cr)
        case UInt8(ascii: "0"): buffer.append(0)
        case LexByte.backslash, LexByte.quote, LexByte.dollar: buffer.append(bytes[i + 1])
        case LexByte.newline where multiLine:
            // `\` at the end of a line inside """: the lines join.
            noteNewline(at: i + 1)
            atLineStart = true
        case LexByte.cr where multiLine && i + 2 < end && bytes[i + 2] == LexByte.newline:
            noteNewline(at: i + 2)
            atLineStart = true
            return i + 3
        case UInt8(ascii: "u"):
            return try unicodeEscape(at: i, end: end, into: &buffer)
        default:
            let escaped: String
            switch bytes[i + 1] {
            case LexByte.space: escaped = "\\ followed by a space"
            case LexByte.tab: escaped = "\\ followed by a tab"
            case 0..<0x20, 0x7F:
                let hex = String(bytes[i + 1], radix: 16, uppercase: true)
                escaped = "\\ followed by U+" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escaped = "\\" + scalarText(at: i + 1)
            }
            throw ScriptError(
                "unknown escape \(escaped) in a string",
                hint: "the escapes are \\n \\t \\r \\\\ \\\" \\$ \\0 and \\u{…}; write \\\\ for a backslash",
                at: location(i))
        }
        return i + 2
    }

    /// `\u{1F3AC}`: 1 to 8 hex digits naming a Unicode scalar.
    mutating func unicodeEscape(at i: Int, end: Int, into buffer: inout [UInt8]) throws -> Int {
        var j = i + 2
        var value: UInt32 = 0
        var digits = 0
        if j < end && bytes[j] == LexByte.openBrace {
            j += 1
            while j < end, digits < 8, let digit = LexByte.hexValue(bytes[j]) {
                value = value << 4 | digit
                digits += 1
                j += 1
            }
        }
        guard digits > 0, j < end, bytes[j] == LexByte.closeBrace, let scalar = Unicode.Scalar(value) else {
            throw ScriptError(
                "invalid unicode escape in a string",
                hint: "write \\u{1F3AC}: 1 to 8 hex digits naming a Unicode scalar", at: location(i))
        }
        UTF8.encode(scalar) { buffer.append($0) }
        return j + 1
    }

    /// `$name` (no fields: `"$name.jpg"`), `${path}`, or a plain `$`.
    mutating func interpolation(at i: Int, end: Int, parts: inout [StringPart], buffer: inout [UInt8]) throws -> Int {
        guard i + 1 < end else {
            buffer.append(LexByte.dollar)
            return i + 1
        }
        let next = bytes[i + 1]
        let path: VariablePath
        let after: Int
        if next == LexByte.openBrace {
            (path, after) = try bracedPath(at: i, limit: end, hint: "inside a string write ${name} or ${hero.outputs[0]}")
        } else if LexByte.isIdentifierStart(next) || LexByte.isDigit(next) {
            let here = location(i)
            var j = i + 2
            if LexByte.isDigit(next) {
                while j < end && LexByte.isDigit(bytes[j]) { j += 1 }
            } else {
                while j < end && LexByte.isIdentifierChar(bytes[j]) { j += 1 }
            }
            path = VariablePath(name: text(i + 1..<j), location: here)
            after = j
        } else {
            buffer.append(LexByte.dollar)
            return i + 1
        }
        if !buffer.isEmpty {
            parts.append(.text(String(decoding: buffer, as: UTF8.self)))
            buffer.removeAll(keepingCapacity: true)
        }
        parts.append(.variable(path))
        return after
    }
}
