import ArmoxScript

/// Any bytes, read as UTF-8 (invalid sequences become U+FFFD, as a file or a
/// pipe would give them), through the lexer and the parser.
///
/// Properties:
/// - the parser either gives a program whose every node lies inside the
///   source, or throws a `ScriptError` located inside the source, with a
///   message, that renders with its source line;
/// - every token the lexer gives starts where its location says (line,
///   column in Unicode scalars), in order, inside the source;
/// - a program that parses has tokens all the way to the end;
/// - the prompt's rule (`REPL`: an `incomplete` error means "read another
///   line"): a line break more (Enter on an empty line) never turns a program
///   into an error, nor an unfinished string, list or block into a finished
///   or failed statement (an empty line after a `\` continuation does end
///   its statement, as in a shell).
enum ParserTarget {
    static let file = "fuzz"

    static func check(_ bytes: [UInt8]) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        let source = SourceText(name: file, text: text)
        let bounds = SourceBounds(text, file: file)
        let tokens = try checkTokens(source, bounds)
        let outcome = try parse(source, bounds)
        if case .parsed = outcome {
            try require(tokens != nil, "the parser accepted a source the lexer rejects")
        }
        // `\` and a lone CR at the very end is a word's last character, while
        // with the LF after it, it is a line continuation: a line break more
        // changes the word. No editor or prompt leaves a lone CR last, so
        // the prompt's rule is not checked on that ending.
        if bytes.suffix(2) == [UInt8(ascii: "\\"), UInt8(ascii: "\r")] { return }
        // Enter on an empty line at the prompt.
        let more = SourceText(name: file, text: text + "\n")
        let next = try parse(more, SourceBounds(more.text, file: file))
        switch (outcome, next) {
        case (.parsed(let count), .parsed(let again)):
            try require(count == again, "a trailing line break changed the program from \(count) to \(again) statements")
        case (.parsed, .failed(let error)):
            throw PropertyViolation("a program stops parsing after a line break more: \(error)")
        case (.incomplete, .parsed) where !endsWithContinuation(bytes):
            throw PropertyViolation("an unfinished statement was finished by a line break")
        case (.incomplete, .failed(let error)) where !endsWithContinuation(bytes):
            throw PropertyViolation("Enter inside an unfinished statement makes it an error: \(error)")
        default:
            break
        }
    }

    /// `\` and a last line break: the statement goes on to the next line,
    /// and an empty line there ends it (as in a shell), by design.
    static func endsWithContinuation(_ bytes: [UInt8]) -> Bool {
        bytes.last == UInt8(ascii: "\n")
            && (bytes.dropLast().last == UInt8(ascii: "\\")
                || (bytes.dropLast().last == UInt8(ascii: "\r") && bytes.dropLast(2).last == UInt8(ascii: "\\")))
    }

    enum Outcome {
        case parsed(statements: Int)
        case incomplete
        case failed(ScriptError)
    }

    static func parse(_ source: SourceText, _ bounds: SourceBounds) throws -> Outcome {
        do {
            let program = try Parser.parse(source)
            try bounds.check(program.statements)
            return .parsed(statements: program.statements.count)
        } catch let error as ScriptError {
            guard let location = error.location else { throw PropertyViolation("a parse error without a location: \(error)") }
            try require(bounds.contains(location), "parse error at \(location), outside the source: \(error)")
            try require(!error.message.isEmpty, "a parse error without a message at \(location)")
            let attached = error.attaching(source)
            try require(attached.sourceLine != nil, "no source line for the error at \(location)")
            // Compared as bytes: a message starting with a combining mark joins the
            // space before it into one Character, which `hasPrefix` would not match.
            try require(attached.rendered().utf8.starts(with: "\(location): error: ".utf8), "the error renders without its location: \(attached.rendered())")
            return error.incomplete ? .incomplete : .failed(error)
        } catch let violation as PropertyViolation {
            throw violation
        } catch {
            throw PropertyViolation("the parser threw something other than a ScriptError: \(error)")
        }
    }

    /// Every token up to `.end`, checked; nil when the lexer stops on an error
    /// (which must then be located inside the source).
    static func checkTokens(_ source: SourceText, _ bounds: SourceBounds) throws -> [Token]? {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        do {
            while true {
                let token = try lexer.next()
                try require(token.range.lowerBound >= (tokens.last?.range.upperBound ?? 0), "token \(tokens.count) at \(token.range) overlaps the one before")
                try require(token.range.upperBound <= bounds.byteCount, "token \(tokens.count) ends at \(token.range.upperBound), past the source's \(bounds.byteCount) bytes")
                let expected = bounds.location(ofByte: token.range.lowerBound)
                try require(token.location == expected, "token \(tokens.count) at byte \(token.range.lowerBound) says \(token.location), expected \(expected)")
                tokens.append(token)
                if case .end = token.kind {
                    try require(token.range.lowerBound == bounds.byteCount, ".end before the end of the source (byte \(token.range.lowerBound) of \(bounds.byteCount))")
                    // `.end` again and again once the input is used up.
                    if case .end = try lexer.next().kind {} else { throw PropertyViolation("a token after .end") }
                    return tokens
                }
                try require(!token.range.isEmpty, "an empty token \(token.kind) at \(token.location) (the lexer would loop)")
            }
        } catch let error as ScriptError {
            guard let location = error.location else { throw PropertyViolation("a lexer error without a location: \(error)") }
            try require(bounds.contains(location), "lexer error at \(location), outside the source: \(error)")
            return nil
        }
    }
}
