/// The headers of `for` and `if`; their blocks are read by `program()`.
extension StatementParser {
    // MARK: - for and if

    /// `for NAME in EXPR {`; the `for` is read. Returns the block of its body.
    mutating func forIn(at location: SourceLocation, collecting: (String, SourceLocation)? = nil) throws -> OpenBlock {
        let variableToken = try next()
        guard let name = bareword(variableToken), LexByte.isIdentifier(name), !Parser.keywords.contains(name) else {
            var hint = "a loop reads: for p in [a, b] { … }"
            if case .word(let argument) = variableToken.kind, case .positional(let expression) = argument.kind,
                case .variable(let path) = expression.kind
            {
                hint = "write the name without $: for \(path.name) in … { … }"
            }
            throw ScriptError("expected a variable name after for", hint: hint, at: variableToken.location)
        }
        let inToken = try next()
        guard bareword(inToken) == "in" else {
            throw ScriptError(
                "expected in after for \(name)", hint: "a loop reads: for \(name) in [a, b] { … }", at: inToken.location)
        }
        let sequenceToken = try next()
        guard case .word(let argument) = sequenceToken.kind, case .positional(let sequence) = argument.kind else {
            throw ScriptError(
                "expected a list after in",
                hint: "a loop reads: for \(name) in [a, b] { … } or for \(name) in $list { … }",
                at: sequenceToken.location)
        }
        let open = try next()
        guard case .openBrace = open.kind else {
            throw ScriptError(
                "expected { after the list of the for loop",
                hint: "the { goes on the same line: for \(name) in … { … }", at: open.location)
        }
        return OpenBlock(
            owner: .forLoop(variable: name, location: location, sequence: sequence, collecting: collecting), open: open.location)
    }

    /// `A == B {`, `A != B {` or `A {`; returns the condition and the `{`.
    mutating func condition() throws -> (Condition, Token) {
        let left = try conditionWord(try next(), after: "if")
        var comparison: (Condition.Comparison, Expression)?
        var token = try next()
        switch token.kind {
        case .equal, .notEqual:
            let op: Condition.Comparison = if case .equal = token.kind { .equal } else { .notEqual }
            comparison = (op, try conditionWord(try next(), after: op.rawValue))
            token = try next()
        default:
            break
        }
        guard case .openBrace = token.kind else {
            if case .assign = token.kind {
                throw ScriptError("unexpected = in an if condition", hint: "compare with ==: if $a == b { … }", at: token.location)
            }
            throw ScriptError(
                comparison == nil ? "expected ==, != or { after the condition" : "expected { after the condition",
                hint: "the { goes on the same line: if $a == b { … }", at: token.location)
        }
        if comparison == nil, case .bareword(let text) = left.kind, text.contains("==") || text.contains("!=") {
            throw ScriptError(
                "missing spaces around \(text.contains("==") ? "==" : "!=")",
                hint: "write if $a == b { … }; without spaces it is one word", at: left.location)
        }
        return (Condition(left: left, comparison: comparison), token)
    }

    func conditionWord(_ token: Token, after what: String) throws -> Expression {
        guard case .word(let argument) = token.kind else {
            throw ScriptError(
                what == "if" ? "expected a condition after if" : "expected a value after \(what)",
                hint: "an if reads: if $a == b { … } or if $a { … }", at: token.location)
        }
        switch argument.kind {
        case .positional(let expression):
            return expression
        case .keyValue(let key, _):
            throw ScriptError(
                "unexpected = in an if condition", hint: "compare with == and spaces around it: if $\(key) == … { … }",
                at: argument.location)
        case .flag:
            throw ScriptError(
                "unexpected flag in an if condition", hint: "to compare with text that starts with -- put it in quotes",
                at: argument.location)
        }
    }

    /// The text of a token that is a plain bareword.
    func bareword(_ token: Token) -> String? {
        guard case .word(let argument) = token.kind, case .positional(let expression) = argument.kind,
            case .bareword(let text) = expression.kind
        else { return nil }
        return text
    }
}
