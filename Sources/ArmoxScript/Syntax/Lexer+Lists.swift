/// Lists (`[a, [b, c]]`, read with an explicit stack, not recursion) and
/// variables (`$hero.outputs[0]`).
extension Lexer {
    // MARK: - Lists

    /// `[a, b, [c]]` at `pos`, nested lists read with an explicit stack.
    mutating func list(at here: SourceLocation) throws -> [Expression] {
        struct Open {
            var items: [Expression] = []
            var location: SourceLocation
            /// An element was just read, so a comma may follow.
            var mayComma = false
        }
        var stack = [Open(location: here)]
        pos += 1
        while true {
            let innermost = stack[stack.count - 1].location
            skipListBlank()
            guard pos < bytes.count else {
                throw Self.unterminated("list", at: innermost, closing: "]", incomplete: true)
            }
            switch bytes[pos] {
            case LexByte.closeBracket:
                pos += 1
                let closed = stack.removeLast()
                if stack.isEmpty { return closed.items.fitted() }
                if !atWordEnd(pos, inList: true) { throw wordEndError(after: nil) }
                stack[stack.count - 1].items.append(Expression(.list(closed.items.fitted()), at: closed.location))
                stack[stack.count - 1].mayComma = true
            case LexByte.openBracket:
                let location = location(pos)
                guard stack.count < Self.maxDepth else { throw Self.tooDeep(at: location) }
                pos += 1
                stack.append(Open(location: location))
            case LexByte.comma:
                guard stack[stack.count - 1].mayComma else {
                    throw ScriptError(
                        "unexpected , in a list", hint: "separate the elements with one comma: [a, b, c]", at: location(pos))
                }
                stack[stack.count - 1].mayComma = false
                pos += 1
            case LexByte.semicolon, LexByte.openBrace, LexByte.closeBrace:
                throw ScriptError(
                    "unexpected \(scalarText(at: pos)) inside a list",
                    hint: "the list that begins at \(innermost.line):\(innermost.column) is still open; close it with ]",
                    at: location(pos))
            default:
                let element = try scalar(inList: true)
                stack[stack.count - 1].items.append(element)
                stack[stack.count - 1].mayComma = true
            }
        }
    }

    /// Inside a list line breaks are spaces; comments and continuations too.
    mutating func skipListBlank() {
        while pos < bytes.count {
            let b = bytes[pos]
            if b == LexByte.newline {
                noteNewline(at: pos)
                pos += 1
            } else if LexByte.isSpace(b) {
                pos += 1
            } else if b == LexByte.hash {
                skipComment()
            } else if b == LexByte.backslash {
                // A trailing `\` inside an open list: the list is what is unfinished.
                if pos + 1 == bytes.count {
                    pos += 1
                } else if !skipContinuation() {
                    return
                }
            } else {
                return
            }
        }
    }

    // MARK: - Variables

    /// `$name`, `$hero.outputs[0]`, `$1`, `$_` at `pos` (on the `$`).
    /// `${path}` is accepted as a word too, as a shell user would write it.
    mutating func variable(at here: SourceLocation) throws -> VariablePath {
        if pos + 1 < bytes.count && bytes[pos + 1] == LexByte.openBrace {
            let (path, end) = try bracedPath(at: pos, limit: bytes.count, hint: "write ${name} or ${hero.outputs[0]}")
            pos = end
            return path
        }
        let (path, end) = try variablePath(nameStart: pos + 1, limit: bytes.count, at: here, opening: "$")
        pos = end
        return path
    }

    /// `${path}` (spaces and a leading `$` allowed inside) with its `$` at `i`,
    /// as a word or inside a string; returns the path and where it ends.
    mutating func bracedPath(at i: Int, limit: Int, hint: String) throws -> (VariablePath, Int) {
        let here = location(i)
        var j = i + 2
        while j < limit && (bytes[j] == LexByte.space || bytes[j] == LexByte.tab) { j += 1 }
        if j < limit && bytes[j] == LexByte.dollar { j += 1 }
        let (path, end) = try variablePath(nameStart: j, limit: limit, at: here, opening: "${")
        var k = end
        while k < limit && (bytes[k] == LexByte.space || bytes[k] == LexByte.tab) { k += 1 }
        guard k < limit, bytes[k] == LexByte.closeBrace else {
            throw ScriptError("expected } to close ${", hint: hint, at: k < limit ? location(k) : here)
        }
        return (path, k + 1)
    }

    /// A name (identifier or digits) and its `.field` / `[N]` steps, read
    /// from `nameStart` up to `limit`; returns the path and where it ends.
    mutating func variablePath(
        nameStart: Int, limit: Int, at here: SourceLocation, opening: String
    ) throws -> (VariablePath, Int) {
        var i = nameStart
        if i < limit && LexByte.isIdentifierStart(bytes[i]) {
            while i < limit && LexByte.isIdentifierChar(bytes[i]) { i += 1 }
        } else if i < limit && LexByte.isDigit(bytes[i]) {
            while i < limit && LexByte.isDigit(bytes[i]) { i += 1 }
        } else {
            throw ScriptError(
                "expected a variable name after \(opening)",
                hint: "variable names are letters, digits and _: $name, $hero.outputs[0], $1, $_", at: here)
        }
        var path = VariablePath(name: text(nameStart..<i), location: here)
        while i < limit {
            if bytes[i] == LexByte.dot {
                let fieldStart = i + 1
                var j = fieldStart
                while j < limit && LexByte.isFlagChar(bytes[j]) { j += 1 }
                guard j > fieldStart else {
                    throw ScriptError(
                        "expected a field name after \(path.text).",
                        hint: "to put text after a variable use a string: \"${\(path.text.dropFirst())}.…\"",
                        at: location(i))
                }
                path.steps.append(.field(text(fieldStart..<j)))
                i = j
            } else if bytes[i] == LexByte.openBracket {
                var j = i + 1
                let negative = j < limit && bytes[j] == LexByte.dash
                if negative { j += 1 }
                var value = 0
                var overflow = false
                let digitsStart = j
                while j < limit && LexByte.isDigit(bytes[j]) {
                    let (times, o1) = value.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times.addingReportingOverflow(Int(bytes[j] - LexByte.zero))
                    overflow = overflow || o1 || o2
                    value = sum
                    j += 1
                }
                guard j > digitsStart, j < limit, bytes[j] == LexByte.closeBracket else {
                    throw ScriptError(
                        "expected a whole number in [ ] after \(path.text)",
                        hint: "write \(path.text)[0] for the first element, \(path.text)[-1] for the last",
                        at: location(i))
                }
                guard !overflow else {
                    throw ScriptError("index too large after \(path.text)", at: location(i))
                }
                path.steps.append(.index(negative ? -value : value))
                i = j + 1
            } else {
                break
            }
        }
        return (path, i)
    }
}
