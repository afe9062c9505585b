/// Turns armox source into a `Program` (docs/language.md).
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
        return Program(source: source, statements: try parser.program())
    }

    /// Words that start constructs and cannot name a variable.
    static let keywords: Set<String> = ["for", "if", "else"]
}

/// The parser's state: the lexer and one token of lookahead.
///
/// Blocks are kept on an explicit stack rather than parsed by recursion, so
/// nesting costs no call stack (a debug build needs kilobytes per level, and
/// threads may have only 512 KB): `{` pushes an `OpenBlock`, `}` pops it.
struct StatementParser {
    var lexer: Lexer
    let commands: Set<String>
    var peeked: Token?

    /// A block whose `}` is still to come, and what its statements will make.
    struct OpenBlock {
        enum Owner {
            /// The body of `for NAME in EXPR`; `collecting`: the assignment
            /// `name = for …` it is the value of (its name and location).
            case forLoop(variable: String, location: SourceLocation, sequence: Expression, collecting: (String, SourceLocation)?)
            /// The `then` block of an `if` (or `else if`), after the branches before it.
            case ifThen(previous: [Branch], location: SourceLocation, condition: Condition)
            /// The final `else` block after `branches`.
            case elseBlock(branches: [Branch])
        }

        var owner: Owner
        /// Where its `{` is (for "unterminated block").
        var open: SourceLocation
        var statements: [Statement] = []
    }

    /// One `if`/`else if` branch of a chain.
    struct Branch {
        var location: SourceLocation
        var condition: Condition
        var then: [Statement]
    }

    /// A statement that is complete, or the block a `for`/`if` header opened.
    enum Started {
        case statement(Statement)
        case block(OpenBlock)
    }

    /// Consumes the next token (moved out, not copied: this is the hot path).
    mutating func next() throws -> Token {
        if let token = peeked.take() { return token }
        return try lexer.next()
    }

    /// What the next token is, without consuming or copying it.
    mutating func peekTag() throws -> TokenTag {
        if case .none = peeked { peeked = try lexer.next() }
        return peeked?.kind.tag ?? .end
    }

    /// The next token when it is a plain bareword (`else`), without consuming it.
    mutating func peekBareword() throws -> String? {
        guard try peekTag() == .word, let token = peeked else { return nil }
        return bareword(token)
    }

    // MARK: - Statement lists

    /// Every statement up to the end of the input.
    mutating func program() throws -> [Statement] {
        var top: [Statement] = []
        while let statement = try nextTopLevel() { top.append(statement) }
        return top
    }

    /// The next top-level statement (a `for` or `if` whole, with its
    /// blocks), or nil at the end of the input. A top-level statement is
    /// complete only when no block is open, so the open blocks live here.
    mutating func nextTopLevel() throws -> Statement? {
        var blocks: [OpenBlock] = []
        while true {
            let token = try next()
            let finished: Statement
            switch token.kind.tag {
            case .newline, .semicolon:
                continue
            case .end:
                if let block = blocks.last {
                    throw Lexer.unterminated("block", at: block.open, closing: "}", incomplete: true)
                }
                return nil
            case .closeBrace:
                guard let block = blocks.popLast() else {
                    throw ScriptError("unexpected }", hint: "there is no { open here", at: token.location)
                }
                switch try close(block) {
                case .statement(let statement): finished = statement
                case .block(let next):
                    // `} else {` / `} else if … {`: the chain goes on at the same depth.
                    blocks.append(next)
                    continue
                }
            default:
                switch try statement(token) {
                case .statement(let statement): finished = statement
                case .block(let block):
                    guard blocks.count < Lexer.maxDepth else { throw Lexer.tooDeep(at: block.open) }
                    blocks.append(block)
                    continue
                }
            }
            try expectStatementEnd()
            if blocks.isEmpty { return finished }
            blocks[blocks.count - 1].statements.append(finished)
        }
    }

    /// The `}` of `block` was read: the statement it completes, or, after
    /// `} else`, the block that continues the `if`.
    mutating func close(_ block: OpenBlock) throws -> Started {
        switch block.owner {
        case .forLoop(let variable, let location, let sequence, let collecting):
            let loop = ForIn(variable: variable, location: location, sequence: sequence, body: block.statements)
            guard let (name, at) = collecting else { return .statement(.forIn(loop)) }
            return .statement(.assignment(Assignment(name: name, location: at, value: .loop(loop))))
        case .ifThen(let previous, let location, let condition):
            var branches = previous
            branches.append(Branch(location: location, condition: condition, then: block.statements))
            guard try peekBareword() == "else" else { return .statement(Self.chain(branches, otherwise: nil)) }
            _ = try next()
            let token = try next()
            if case .openBrace = token.kind {
                return .block(OpenBlock(owner: .elseBlock(branches: branches), open: token.location))
            }
            guard bareword(token) == "if" else {
                throw ScriptError(
                    "expected { or if after else", hint: "write } else { … } or } else if … { … }", at: token.location)
            }
            let (condition, open) = try self.condition()
            return .block(
                OpenBlock(
                    owner: .ifThen(previous: branches, location: token.location, condition: condition),
                    open: open.location))
        case .elseBlock(let branches):
            return .statement(Self.chain(branches, otherwise: block.statements))
        }
    }

    /// `if … else if … else …` as nested `.ifElse` statements. `branches` is
    /// never empty: closing an `if` block always adds its branch first.
    static func chain(_ branches: [Branch], otherwise: [Statement]?) -> Statement {
        var rest = otherwise
        for branch in branches.dropFirst().reversed() {
            rest = [.ifElse(IfElse(location: branch.location, condition: branch.condition, then: branch.then, otherwise: rest))]
        }
        let first = branches[0]
        return .ifElse(IfElse(location: first.location, condition: first.condition, then: first.then, otherwise: rest))
    }

    /// After a statement: `;`, a line break, the end, or the `}` of its block.
    mutating func expectStatementEnd() throws {
        switch try peekTag() {
        case .newline, .semicolon, .end, .closeBrace:
            return
        case .word:
            let token = try next()
            throw ScriptError(
                "expected a new line or ; after }", hint: "write each statement on its own line or separate them with ;",
                at: token.location)
        default:
            throw unexpected(try next(), in: nil)
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

    mutating func statement(_ token: consuming Token) throws -> Started {
        guard case .word(let argument) = token.kind else { throw unexpected(token, in: nil) }
        switch argument.kind {
        case .positional(let expression):
            guard case .bareword(let name) = expression.kind else { throw notAStatement(expression) }
            if try peekTag() == .assign {
                return try assignment(name: name, at: token.location)
            }
            switch name {
            case "for":
                return .block(try forIn(at: token.location))
            case "if":
                let (condition, open) = try condition()
                return .block(
                    OpenBlock(
                        owner: .ifThen(previous: [], location: token.location, condition: condition),
                        open: open.location))
            case "else":
                throw ScriptError(
                    "else without if", hint: "else goes on the same line as the } that closes the if: } else {",
                    at: token.location)
            default:
                return .statement(.command(try command(name: name, at: token.location)))
            }
        case .keyValue(let key, let value):
            // `size=16:9` on its own is an assignment, as in a shell.
            try checkVariableName(key, at: argument.location)
            if try peekTag() == .word { throw oneValue(try next(), name: key) }
            return .statement(.assignment(Assignment(name: key, location: argument.location, value: .expression(value))))
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
            let token = try next()
            let tag = token.kind.tag
            switch tag {
            case .word:
                guard case .word(let argument) = (consume token).kind else { continue }
                if arguments.isEmpty { arguments.reserveCapacity(4) }
                arguments.append(argument)
            case .assign, .equal, .notEqual, .openBrace:
                throw unexpected(token, in: name)
            default:
                peeked = consume token
                return Command(name: name, location: location, arguments: arguments)
            }
        }
    }

    /// `name = command …`, `name = value` or `name = for … {` (the block of
    /// a collecting loop); the next token is the `=`.
    mutating func assignment(name: String, at location: SourceLocation) throws -> Started {
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
            return .statement(.assignment(Assignment(name: name, location: location, value: .command(command))))
        }
        if case .bareword("for") = expression.kind {
            return .block(try forIn(at: expression.location, collecting: (name, location)))
        }
        if try peekTag() == .word { throw oneValue(try next(), name: name) }
        return .statement(.assignment(Assignment(name: name, location: location, value: .expression(expression))))
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
}

/// A token's kind without its payload, to look ahead without copying.
enum TokenTag {
    case word, assign, equal, notEqual, openBrace, closeBrace, semicolon, newline, end
}

extension Token.Kind {
    var tag: TokenTag {
        switch self {
        case .word: return .word
        case .assign: return .assign
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .openBrace: return .openBrace
        case .closeBrace: return .closeBrace
        case .semicolon: return .semicolon
        case .newline: return .newline
        case .end: return .end
        }
    }

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
