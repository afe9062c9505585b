/// Splits armox source into tokens (docs/language.md).
///
/// Works on the UTF-8 bytes of the source, never on `Character`s: every byte
/// the language gives a meaning to is ASCII, so multi-byte characters only
/// ever pass through inside words. Columns count Unicode scalars (UTF-8
/// bytes that are not continuation bytes), as `SourceLocation` says.
///
/// Words come out whole (see `Token`); lists are read here too, without
/// recursion, so `[[[[…` thousands deep cannot exhaust the stack: nesting
/// stops with an error at `maxDepth` levels.
public struct Lexer: Sendable {
    /// How deep lists (and, in the parser, blocks) may nest.
    public static let maxDepth = 256

    let bytes: [UInt8]
    /// The source's name as `SourceLocation` holds it, looked up once.
    let fileNumber: UInt32
    /// The next byte to read.
    var pos = 0
    /// The line `pos` is on, and the offset that line starts at.
    var line = 1
    var lineStart = 0
    /// A remembered offset on the current line and its column, so columns
    /// are counted once per byte and not from the line start every time.
    var columnOffset = 0
    var columnValue = 1
    /// Reused for the text of strings with escapes or interpolation.
    var scratch: [UInt8] = []

    public init(_ source: SourceText) {
        bytes = Array(source.text.utf8)
        fileNumber = SourceFileNames.shared.number(of: source.name)
    }

    /// Every token up to and including `.end`.
    public mutating func tokens() throws -> [Token] {
        var result: [Token] = []
        while true {
            let token = try next()
            result.append(token)
            if case .end = token.kind { return result }
        }
    }

    /// The next token; `.end` (again and again) once the input is used up.
    public mutating func next() throws -> Token {
        try skipBlank()
        let start = pos
        let here = location(start)
        guard start < bytes.count else { return Token(.end, at: here, range: start..<start) }
        let kind: Token.Kind
        switch bytes[start] {
        case LexByte.newline:
            noteNewline(at: start)
            pos += 1
            kind = .newline
        case LexByte.semicolon:
            pos += 1
            kind = .semicolon
        case LexByte.openBrace:
            pos += 1
            kind = .openBrace
        case LexByte.closeBrace:
            pos += 1
            kind = .closeBrace
        case LexByte.closeBracket:
            throw ScriptError("unexpected ]", hint: "there is no [ open here", at: here)
        default:
            kind = try word(start: start, at: here)
        }
        return Token(kind, at: here, range: start..<pos)
    }

    // MARK: - Between words

    /// Skips spaces, tabs, comments and `\` line continuations (not line breaks).
    mutating func skipBlank() throws {
        while pos < bytes.count {
            let b = bytes[pos]
            if LexByte.isSpace(b) {
                pos += 1
            } else if b == LexByte.hash {
                skipComment()
            } else if b == LexByte.backslash {
                let length = continuationLength(at: pos)
                // A `\` at the very end, or before a last line break: the
                // statement goes on, but the input does not (a prompt reads on).
                if pos + 1 == bytes.count || (length > 0 && pos + length == bytes.count) {
                    throw ScriptError(
                        "the input ends after a line continuation \\",
                        hint: "a \\ at the end of a line continues the statement on the next line",
                        at: location(pos), incomplete: true)
                }
                guard skipContinuation() else { return }
            } else {
                return
            }
        }
    }

    /// `#` to the end of the line (the line break stays).
    mutating func skipComment() {
        while pos < bytes.count && bytes[pos] != LexByte.newline { pos += 1 }
    }

    /// Skips `\` + line break at `pos`; false (and nothing skipped) if it is not one.
    mutating func skipContinuation() -> Bool {
        let length = continuationLength(at: pos)
        guard length > 0 else { return false }
        noteNewline(at: pos + length - 1)
        pos += length
        return true
    }

    /// 2 for `\` `\n`, 3 for `\` `\r\n`, 0 when `i` is not a line continuation.
    func continuationLength(at i: Int) -> Int {
        guard i + 1 < bytes.count, bytes[i] == LexByte.backslash else { return 0 }
        if bytes[i + 1] == LexByte.newline { return 2 }
        if bytes[i + 1] == LexByte.cr, i + 2 < bytes.count, bytes[i + 2] == LexByte.newline { return 3 }
        return 0
    }

    /// True when a word cannot go on at `i`: the end, a space, a line break,
    /// `;`, `{`, `}`, `]`, a line continuation, or `,` inside a list.
    func atWordEnd(_ i: Int, inList: Bool) -> Bool {
        guard i < bytes.count else { return true }
        switch bytes[i] {
        case LexByte.space, LexByte.tab, LexByte.newline, LexByte.cr, LexByte.vtab, LexByte.formFeed,
            LexByte.semicolon, LexByte.openBrace, LexByte.closeBrace, LexByte.closeBracket:
            return true
        case LexByte.comma:
            return inList
        case LexByte.backslash:
            return i + 1 == bytes.count || continuationLength(at: i) > 0
        default:
            return false
        }
    }

    // MARK: - Words

    /// A word at the top level: an operator, `--flag`, `key=value` or a plain word.
    mutating func word(start: Int, at here: SourceLocation) throws -> Token.Kind {
        let b = bytes[start]
        let b1 = start + 1 < bytes.count ? bytes[start + 1] : 0
        if b == LexByte.equals {
            if endsOperator(start + 1) {
                pos = start + 1
                return .assign
            }
            if b1 == LexByte.equals && endsOperator(start + 2) {
                pos = start + 2
                return .equal
            }
        } else if b == LexByte.bang {
            if b1 == LexByte.equals && endsOperator(start + 2) {
                pos = start + 2
                return .notEqual
            }
        } else if b == LexByte.dash {
            if b1 == LexByte.dash, start + 2 < bytes.count, LexByte.isLetter(bytes[start + 2]),
                let flag = try flag(start: start, at: here)
            {
                return .word(flag)
            }
        } else if LexByte.isIdentifierStart(b) {
            var j = start + 1
            while j < bytes.count && LexByte.isIdentifierChar(bytes[j]) { j += 1 }
            if j < bytes.count, bytes[j] == LexByte.equals, !(j + 1 < bytes.count && bytes[j + 1] == LexByte.equals) {
                let key = text(start..<j)
                if atWordEnd(j + 1, inList: false) {
                    throw ScriptError("missing value after \(key)=", hint: "write \(key)=\"\" for an empty value", at: here)
                }
                pos = j + 1
                let value = try expression(inList: false)
                return .word(Argument(.keyValue(key: key, value: value), at: here))
            }
        }
        pos = start
        return .word(Argument(.positional(try expression(inList: false)), at: here))
    }

    /// An operator is a whole bareword: what follows may not continue it.
    func endsOperator(_ i: Int) -> Bool {
        guard i < bytes.count else { return true }
        return LexByte.endsBareword(bytes[i], inList: false) || continuationLength(at: i) > 0
            || (bytes[i] == LexByte.backslash && i + 1 == bytes.count)
    }

    /// `--name` or `--name=value`; nil when the word is not a flag after all
    /// (`--a.b` is a bareword).
    mutating func flag(start: Int, at here: SourceLocation) throws -> Argument? {
        var j = start + 2
        while j < bytes.count && LexByte.isFlagChar(bytes[j]) { j += 1 }
        let name = text(start + 2..<j)
        if j < bytes.count && bytes[j] == LexByte.equals {
            if atWordEnd(j + 1, inList: false) {
                // `--name={id}.{ext}`: a { there opens a block, so a value that starts with one is quoted.
                let hint = j + 1 < bytes.count && bytes[j + 1] == LexByte.openBrace
                    ? "a value starting with { is quoted: --\(name)='{…}'" : "write --\(name)=\"\" for an empty value"
                throw ScriptError("missing value after --\(name)=", hint: hint, at: here)
            }
            pos = j + 1
            return Argument(.flag(name: name, value: try expression(inList: false)), at: here)
        }
        guard atWordEnd(j, inList: false) else { return nil }
        pos = j
        return Argument(.flag(name: name, value: nil), at: here)
    }

    /// One value at `pos`: a string, a variable, a list or a bareword.
    mutating func expression(inList: Bool) throws -> Expression {
        guard pos < bytes.count, bytes[pos] == LexByte.openBracket else { return try scalar(inList: inList) }
        let here = location(pos)
        let items = try list(at: here)
        if !atWordEnd(pos, inList: inList) { throw wordEndError(after: nil) }
        return Expression(.list(items), at: here)
    }

    /// One value that is not a list, and a check that a word ends after it.
    mutating func scalar(inList: Bool) throws -> Expression {
        let start = pos
        let here = location(start)
        let kind: Expression.Kind
        switch start < bytes.count ? bytes[start] : 0 {
        case LexByte.quote: kind = try doubleQuoted(at: here)
        case LexByte.apostrophe: kind = try singleQuoted(at: here)
        case LexByte.dollar: kind = .variable(try variable(at: here))
        default: kind = try bareword(inList: inList, at: here)
        }
        if !atWordEnd(pos, inList: inList) {
            if case .variable(let path) = kind { throw wordEndError(after: path) }
            throw wordEndError(after: nil)
        }
        return Expression(kind, at: here)
    }

    /// Words are separated by spaces: `"a"b`, `$dir/x`, `[a]b` are errors
    /// (the word before `pos` did not end at a space, `;`, a brace…).
    mutating func wordEndError(after variable: VariablePath?) -> ScriptError {
        let what = scalarText(at: pos)
        if what == "=" || what == "!" {
            return ScriptError(
                "unexpected \(what) right after a word", hint: "put spaces around ==, != and =: if $a == b { … }",
                at: location(pos))
        }
        if let path = variable {
            return ScriptError(
                "unexpected \(what) after \(path.text)",
                hint: "to join a variable with text use a string: \"${\(path.text.dropFirst())}\(what)…\"",
                at: location(pos))
        }
        return ScriptError(
            "unexpected \(what) right after a word",
            hint: "separate words with a space; to make one word of it use a string: \"…\"", at: location(pos))
    }

    /// A run of bareword characters, as a number, `true`/`false`/`null` or a bareword.
    mutating func bareword(inList: Bool, at here: SourceLocation) throws -> Expression.Kind {
        let start = pos
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if LexByte.endsBareword(b, inList: inList) { break }
            if b == LexByte.backslash && (i + 1 == bytes.count || continuationLength(at: i) > 0) { break }
            i += 1
        }
        guard i > start else {
            throw ScriptError("unexpected \(scalarText(at: start))", at: here)
        }
        pos = i
        switch bytes[start] {
        case LexByte.dash, LexByte.zero...LexByte.nine:
            if isNumber(start..<i) {
                let literal = text(start..<i)
                // A literal no Double holds would print as written but send as null (or not at
                // all). Only an exponent or some 300 digits can pass the range: the rest is not parsed twice.
                let mayOverflow = i - start > 300 || bytes[start..<i].contains { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
                guard !mayOverflow || Double(literal)?.isFinite == true else {
                    throw ScriptError(
                        "the number \(literal) is out of range",
                        hint: "numbers go up to about 1.8e308; to pass it as text, quote it: \"\(literal)\"", at: here)
                }
                return .number(literal)
            }
        case UInt8(ascii: "t"):
            if matches("true", start..<i) { return .bool(true) }
        case UInt8(ascii: "f"):
            if matches("false", start..<i) { return .bool(false) }
        case UInt8(ascii: "n"):
            if matches("null", start..<i) { return .null }
        default:
            break
        }
        return .bareword(text(start..<i))
    }

    /// `-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`, the whole range.
    func isNumber(_ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        let end = range.upperBound
        func digits() -> Bool {
            let first = i
            while i < end && LexByte.isDigit(bytes[i]) { i += 1 }
            return i > first
        }
        if i < end && bytes[i] == LexByte.dash { i += 1 }
        guard digits() else { return false }
        if i < end && bytes[i] == LexByte.dot {
            i += 1
            guard digits() else { return false }
        }
        if i < end && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < end && (bytes[i] == UInt8(ascii: "+") || bytes[i] == LexByte.dash) { i += 1 }
            guard digits() else { return false }
        }
        return i == end
    }

    func matches(_ word: StaticString, _ range: Range<Int>) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let pointer = word.utf8Start
        for k in 0..<range.count where bytes[range.lowerBound + k] != pointer[k] { return false }
        return true
    }

    // MARK: - Text and locations

    /// The source text of a byte range (the range always falls on scalar boundaries).
    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The Unicode scalar at `i`, for messages ("unexpected ;").
    func scalarText(at i: Int) -> String {
        guard i < bytes.count else { return "end of input" }
        var end = i + 1
        while end < bytes.count && end < i + 4 && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return text(i..<end)
    }

    /// The location of byte offset `offset`, which must be on the current line.
    mutating func location(_ offset: Int) -> SourceLocation {
        if offset < columnOffset {
            columnOffset = lineStart
            columnValue = 1
        }
        var column = columnValue
        var i = columnOffset
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        columnOffset = max(end, columnOffset)
        columnValue = column
        return SourceLocation(fileNumber: fileNumber, line: line, column: column)
    }

    /// The line break at `offset` was read: the next line begins after it.
    mutating func noteNewline(at offset: Int) {
        line += 1
        lineStart = offset + 1
        columnOffset = lineStart
        columnValue = 1
    }

    static func unterminated(_ what: String, at here: SourceLocation, closing: String, incomplete: Bool) -> ScriptError {
        ScriptError(
            "unterminated \(what)", hint: "the \(what) that begins at \(here.line):\(here.column) has no closing \(closing)",
            at: here, incomplete: incomplete)
    }

    static func tooDeep(at here: SourceLocation) -> ScriptError {
        ScriptError("nesting deeper than \(maxDepth) levels", hint: "split the script into smaller pieces", at: here)
    }
}
