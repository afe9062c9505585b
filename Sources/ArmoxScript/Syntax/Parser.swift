/// Turns armox source into a `Program` (DESIGN.md, "The language").
///
/// The whole source is parsed before anything runs, so a syntax error
/// anywhere means nothing runs and nothing is spent.
public enum Parser {
    /// Parses the whole source before anything runs; throws the first error (a ScriptError with location).
    ///
    /// `commands` are the names that make `x = NAME …` capture a command's
    /// result rather than store a word.
    public static func parse(_ source: SourceText, commands: Set<String> = CommandNames.set) throws -> Program {
        var parser = StatementParser(lexer: Lexer(source), commands: commands)
        return Program(source: source, statements: try parser.statements(in: nil))
    }

    /// Words that start constructs and cannot name a variable.
    static let keywords: Set<String> = ["for", "if", "else"]
}

/// The parser's state: the lexer and one token of lookahead.
struct StatementParser {
    var lexer: Lexer
    let commands: Set<String>
    var peeked: Token?
    /// How many blocks are open around the current statement.
    var depth = 0

    mutating func next() throws -> Token {
        if let token = peeked {
            peeked = nil
            return token
        }
        return try lexer.next()
    }

    mutating func peek() throws -> Token {
        if let token = peeked { return token }
        let token = try lexer.next()
        peeked = token
        return token
    }

    // MARK: - Statement lists

    /// Statements up to the end of input (`open` nil) or up to the `}` that
    /// closes the block `open` begins.
    mutating func statements(in open: Token?) throws -> [Statement] {
        if let open {
            guard depth < Lexer.maxDepth else { throw Lexer.tooDeep(at: open.location) }
            depth += 1
        }
        defer { if open != nil { depth -= 1 } }
        var statements: [Statement] = []
        while true {
            let token = try next()
            switch token.kind {
            case .newline, .semicolon:
                continue
            case .end:
                guard let open else { return statements }
                throw Lexer.unterminated("block", at: open.location, closing: "}", incomplete: true)
            case .closeBrace:
                guard open != nil else {
                    throw ScriptError("unexpected }", hint: "there is no { open here", at: token.location)
                }
                return statements
            default:
                statements.append(try statement(token))
                try expectStatementEnd()
            }
        }
    }

    /// After a statement: `;`, a line break, the end, or the `}` of its block.
    mutating func expectStatementEnd() throws {
        let token = try peek()
        switch token.kind {
        case .newline, .semicolon, .end, .closeBrace:
            return
        case .word:
            throw ScriptError(
                "expected a new line or ; after }", hint: "write each statement on its own line or separate them with ;",
                at: token.location)
        default:
            throw unexpected(token, in: nil)
        }
    }

    /// An operator or brace where none belongs.
    func unexpected(_ token: Token, in command: String?) -> ScriptError {
        switch token.kind {
        case .assign:
            let place = command.map { " in the arguments of \($0)" } ?? ""
            return ScriptError(
                "unexpected =\(place)",
                hint: "write key=value without spaces around =; an assignment is: name = value", at: token.location)
        case .equal, .notEqual:
            let op = token.kind.operatorText
            return ScriptError(
                "unexpected \(op)", hint: "\(op) compares two values in an if condition: if $a \(op) b { … }",
                at: token.location)
        case .openBrace:
            return ScriptError(
                "unexpected {", hint: "a block { … } follows for NAME in LIST or if CONDITION", at: token.location)
        case .closeBrace:
            return ScriptError("unexpected }", hint: "there is no { open here", at: token.location)
        default:
            return ScriptError("unexpected \(token.kind.operatorText)", at: token.location)
        }
    }

    // MARK: - Statements

    mutating func statement(_ token: Token) throws -> Statement {
        guard case .word(let argument) = token.kind else { throw unexpected(token, in: nil) }
        switch argument.kind {
        case .positional(let expression):
            guard case .bareword(let name) = expression.kind else { throw notAStatement(expression) }
            if case .assign = try peek().kind {
                return try assignment(name: name, at: token.location)
            }
            switch name {
            case "for":
                return .forIn(try forIn(at: token.location))
            case "if":
                return .ifElse(try ifElse(at: token.location))
            case "else":
                throw ScriptError(
                    "else without if", hint: "else goes on the same line as the } that closes the if: } else {",
                    at: token.location)
            default:
                return .command(try command(name: name, at: token.location))
            }
        case .keyValue(let key, let value):
            // `size=16:9` on its own is an assignment, as in a shell.
            try checkVariableName(key, at: argument.location)
            let after = try peek()
            if case .word = after.kind { throw oneValue(after, name: key) }
            return .assignment(Assignment(name: key, location: argument.location, value: .expression(value)))
        case .flag(let name, _):
            throw ScriptError(
                "a statement starts with a command or an assignment",
                hint: "flags come after the command: run … --\(name)", at: argument.location)
        }
    }

    func notAStatement(_ expression: Expression) -> ScriptError {
        let value: String
        if case .variable(let path) = expression.kind { value = path.text } else { value = "…" }
        return ScriptError(
            "a statement starts with a command or an assignment", hint: "to print a value write: print \(value)",
            at: expression.location)
    }

    /// The arguments of the command `name` up to the end of its statement.
    mutating func command(name: String, at location: SourceLocation) throws -> Command {
        var arguments: [Argument] = []
        while true {
            let token = try peek()
            guard case .word(let argument) = token.kind else {
                switch token.kind {
                case .assign, .equal, .notEqual, .openBrace: throw unexpected(token, in: name)
                default: return Command(name: name, location: location, arguments: arguments)
                }
            }
            peeked = nil
            arguments.append(argument)
        }
    }

    /// `name = command …` or `name = value`; the next token is the `=`.
    mutating func assignment(name: String, at location: SourceLocation) throws -> Statement {
        try checkVariableName(name, at: location)
        let equals = try next()
        let valueToken = try next()
        guard case .word(let argument) = valueToken.kind else {
            throw ScriptError("missing value after =", hint: "write \(name) = \"\" for an empty value", at: equals.location)
        }
        guard case .positional(let expression) = argument.kind else {
            let raw = lexer.text(valueToken.range)
            throw ScriptError(
                "expected a value after =",
                hint: "to store text that looks like key=value or a --flag, put it in quotes: \(name) = \"\(raw)\"",
                at: argument.location)
        }
        if case .bareword(let word) = expression.kind, commands.contains(word) {
            let command = try command(name: word, at: expression.location)
            return .assignment(Assignment(name: name, location: location, value: .command(command)))
        }
        let after = try peek()
        if case .word = after.kind { throw oneValue(after, name: name) }
        return .assignment(Assignment(name: name, location: location, value: .expression(expression)))
    }

    func oneValue(_ token: Token, name: String) -> ScriptError {
        ScriptError(
            "expected one value after =",
            hint: "to capture a command's result write: \(name) = run …; to join words use a string: \(name) = \"a b\"",
            at: token.location)
    }

    func checkVariableName(_ name: String, at location: SourceLocation) throws {
        if Parser.keywords.contains(name) {
            throw ScriptError("\(name) is a keyword, not a variable name", hint: "choose another name", at: location)
        }
        guard LexByte.isIdentifier(name) else {
            throw ScriptError(
                "\(name) is not a valid variable name",
                hint: "variable names are letters, digits and _, and do not start with a digit", at: location)
        }
    }

    // MARK: - for and if

    /// `for NAME in EXPR { … }`; the `for` is read.
    mutating func forIn(at location: SourceLocation) throws -> ForIn {
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
        let body = try statements(in: open)
        return ForIn(variable: name, location: location, sequence: sequence, body: body)
    }

    /// `if COND { … } else if COND { … } else { … }`; the `if` is read.
    /// An `else if` chain is read in a loop, so a long one cannot exhaust the stack.
    mutating func ifElse(at location: SourceLocation) throws -> IfElse {
        var branches: [(SourceLocation, Condition, [Statement])] = []
        var branchLocation = location
        var otherwise: [Statement]?
        while true {
            let (condition, open) = try condition()
            branches.append((branchLocation, condition, try statements(in: open)))
            guard bareword(try peek()) == "else" else { break }
            peeked = nil
            let token = try next()
            if case .openBrace = token.kind {
                otherwise = try statements(in: token)
                break
            }
            guard bareword(token) == "if" else {
                throw ScriptError(
                    "expected { or if after else", hint: "write } else { … } or } else if … { … }", at: token.location)
            }
            branchLocation = token.location
        }
        var result: IfElse?
        for (location, condition, then) in branches.reversed() {
            let rest = result.map { [Statement.ifElse($0)] } ?? otherwise
            result = IfElse(location: location, condition: condition, then: then, otherwise: rest)
        }
        guard let result else { throw ScriptError("expected a condition after if", at: location) }
        return result
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

extension Token.Kind {
    /// How an operator or brace token reads, for messages.
    var operatorText: String {
        switch self {
        case .assign: return "="
        case .equal: return "=="
        case .notEqual: return "!="
        case .openBrace: return "{"
        case .closeBrace: return "}"
        case .semicolon: return ";"
        case .newline: return "line break"
        case .end: return "end of input"
        case .word: return "word"
        }
    }
}
