import Testing

@testable import ArmoxScript

/// Compact, comparable renderings of syntax trees and tokens for the lexer and
/// parser tests: `echo(a "b" #3 $x.y[0] [a, b] k=v --f --t=#30)`.
enum SyntaxDump {
    static func program(_ program: Program) -> String { statements(program.statements) }

    static func statements(_ statements: [Statement]) -> String {
        statements.map(statement).joined(separator: "; ")
    }

    static func statement(_ statement: Statement) -> String {
        switch statement {
        case .command(let command):
            return self.command(command)
        case .assignment(let assignment):
            switch assignment.value {
            case .command(let command): return "\(assignment.name) = \(self.command(command))"
            case .expression(let value): return "\(assignment.name) = \(expression(value))"
            case .loop(let loop):
                return "\(assignment.name) = for \(loop.variable) in \(expression(loop.sequence)) { \(statements(loop.body)) }"
            }
        case .forIn(let loop):
            return "for \(loop.variable) in \(expression(loop.sequence)) { \(statements(loop.body)) }"
        case .ifElse(let branch):
            var text = "if \(expression(branch.condition.left))"
            if let (comparison, right) = branch.condition.comparison {
                text += " \(comparison.rawValue) \(expression(right))"
            }
            text += " { \(statements(branch.then)) }"
            if let otherwise = branch.otherwise { text += " else { \(statements(otherwise)) }" }
            return text
        }
    }

    static func command(_ command: Command) -> String {
        "\(command.name)(\(command.arguments.map(argument).joined(separator: " ")))"
    }

    static func argument(_ argument: Argument) -> String {
        switch argument.kind {
        case .positional(let value): return expression(value)
        case .keyValue(let key, let value): return "\(key)=\(expression(value))"
        case .flag(let name, let value): return "--\(name)" + (value.map { "=" + expression($0) } ?? "")
        }
    }

    static func expression(_ expression: Expression) -> String {
        switch expression.kind {
        case .bareword(let text): return text
        case .string(let text): return "\"\(text)\""
        case .interpolated(let parts):
            return "i\"" + parts.map { part in
                switch part {
                case .text(let text): return text
                case .variable(let path): return "{\(path.text)}"
                }
            }.joined() + "\""
        case .number(let text): return "#\(text)"
        case .bool(let value): return "?\(value)"
        case .null: return "?null"
        case .list(let items): return "[" + items.map(self.expression).joined(separator: ", ") + "]"
        case .variable(let path): return path.text
        }
    }

    static func token(_ token: Token) -> String {
        switch token.kind {
        case .word(let argument): return Self.argument(argument)
        case .assign: return "="
        case .equal: return "=="
        case .notEqual: return "!="
        case .openBrace: return "{"
        case .closeBrace: return "}"
        case .semicolon: return ";"
        case .newline: return "NL"
        case .end: return "END"
        }
    }
}

func testSource(_ text: String) -> SourceText { SourceText(name: "t.armox", text: text) }

func parseProgram(_ text: String, commands: Set<String> = CommandNames.set) throws -> Program {
    try Parser.parse(testSource(text), commands: commands)
}

func parseDump(_ text: String) throws -> String { SyntaxDump.program(try parseProgram(text)) }

/// "line:column"
func lineColumn(_ location: ArmoxScript.SourceLocation) -> String { "\(location.line):\(location.column)" }

func firstCommand(_ text: String) throws -> Command {
    let program = try parseProgram(text)
    guard case .command(let command)? = program.statements.first else {
        Issue.record("not a command: \(text)")
        return Command(name: "", location: ArmoxScript.SourceLocation(file: "", line: 0, column: 0), arguments: [])
    }
    return command
}

@Suite("Parser")
struct ParserTests {
    @Test func commandWithEveryKindOfArgument() throws {
        #expect(
            try parseDump(#"run google/nano-banana "a cat" aspect_ratio=16:9 --detach --timeout=30 $x 2.50 [a, b] true null"#)
                == #"run(google/nano-banana "a cat" aspect_ratio=16:9 --detach --timeout=#30 $x #2.50 [a, b] ?true ?null)"#)
    }

    @Test func statementsSplitOnLinesAndSemicolons() throws {
        #expect(try parseDump("echo a; echo b\necho c\n\n;;\n  echo d  ") == "echo(a); echo(b); echo(c); echo(d)")
        #expect(try parseDump("") == "")
        #expect(try parseDump(";;;\n\n") == "")
    }

    @Test func commentsStartOnlyWhereAWordCould() throws {
        #expect(try parseDump("echo a # comment\n# whole line\necho b;# after ;") == "echo(a); echo(b)")
        #expect(try parseDump("echo a#b https://x.test/p#frag") == "echo(a#b https://x.test/p#frag)")
        #expect(try parseDump("#!/usr/bin/env armox\necho hi") == "echo(hi)")
        #expect(try parseDump("echo [a, # first\n b]") == "echo([a, b])")
        #expect(try parseDump("if $x {# c\n echo y }") == "if $x { echo(y) }")
    }

    @Test func commandNamesAreAnyBareword() throws {
        #expect(try parseDump("frobnicate x") == "frobnicate(x)")
        #expect(try parseDump("run-app my-app prompt=x") == "run-app(my-app prompt=x)")
        #expect(try parseDump("in") == "in()")
    }

    @Test func lineContinuation() throws {
        #expect(try parseDump("echo a \\\n  b\necho c") == "echo(a b); echo(c)")
        #expect(try parseDump("echo a\\\nb") == "echo(a b)")
        #expect(try parseDump("echo a \\\r\n  b") == "echo(a b)")
        let command = try firstCommand("echo a \\\n  $x")
        #expect(lineColumn(command.arguments[1].location) == "2:3")
    }

    @Test func assignments() throws {
        #expect(try parseDump("size = \"16:9\"") == #"size = "16:9""#)
        #expect(try parseDump("urls = $hero.outputs") == "urls = $hero.outputs")
        #expect(try parseDump("n = 4") == "n = #4")
        #expect(try parseDump("xs = [a, b]") == "xs = [a, b]")
        #expect(try parseDump("w = google/nano-banana") == "w = google/nano-banana")
        #expect(try parseDump("hero = run \"a perfume bottle\" --detach") == #"hero = run("a perfume bottle" --detach)"#)
        #expect(try parseDump("j = jobs") == "j = jobs()")
        #expect(try parseDump("x =\"a\"") == #"x = "a""#)
    }

    @Test func assignmentCapturesOnlyKnownCommands() throws {
        #expect(try parseDump("x = frob") == "x = frob")
        #expect(SyntaxDump.program(try parseProgram("x = frob a", commands: ["frob"])) == "x = frob(a)")
        #expect(SyntaxDump.program(try parseProgram("x = run", commands: [])) == "x = run")
    }

    @Test func keyValueAloneIsAnAssignment() throws {
        #expect(try parseDump("size=16:9") == "size = 16:9")
        #expect(try parseDump("x=\"a\"; y=[1, 2]") == #"x = "a"; y = [#1, #2]"#)
        let program = try parseProgram("  size=16:9")
        guard case .assignment(let assignment) = program.statements[0], case .expression(let value) = assignment.value else {
            Issue.record("not an assignment")
            return
        }
        #expect(lineColumn(assignment.location) == "1:3")
        #expect(lineColumn(value.location) == "1:8")
    }

    @Test func keyValueRules() throws {
        #expect(try parseDump("set aspect_ratio=16:9 prompt=\"a cat\" n=2 on=true") == #"set(aspect_ratio=16:9 prompt="a cat" n=#2 on=?true)"#)
        #expect(try parseDump("run image_input=[$a, $b]") == "run(image_input=[$a, $b])")
        #expect(try parseDump("run v=$hero.outputs[0] w='raw $x'") == #"run(v=$hero.outputs[0] w="raw $x")"#)
        #expect(try parseDump("open https://x.test/a?w=1&h=2") == "open(https://x.test/a?w=1&h=2)")
        #expect(try parseDump("echo a==b a=b=c 9a=1 a.b=c") == "echo(a==b a=b=c 9a=1 a.b=c)")
        #expect(try parseDump("echo a,b") == "echo(a,b)")
    }

    @Test func flags() throws {
        #expect(try parseDump("jobs --json --limit=5 --web-hook=\"https://x\" --x_y") == #"jobs(--json --limit=#5 --web-hook="https://x" --x_y)"#)
        #expect(try parseDump("echo -- - -5 -1.5e3 --5 --a.b") == "echo(-- - #-5 #-1.5e3 --5 --a.b)")
        #expect(try parseDump("run --tags=[a, b]") == "run(--tags=[a, b])")
    }

    @Test func numbersAndKeywordWords() throws {
        #expect(try parseDump("echo 0 42 -7 2.50 1e3 1E-3 2.5e+10 1. .5 1e 0x10 1.2.3 16:9") == "echo(#0 #42 #-7 #2.50 #1e3 #1E-3 #2.5e+10 1. .5 1e 0x10 1.2.3 16:9)")
        #expect(try parseDump("echo true false null True nulls") == "echo(?true ?false ?null True nulls)")
    }

    @Test func variables() throws {
        #expect(try parseDump("echo $name $_ $1 $args $env.HOME $hero.outputs[0] $a[0][1].b $a[-1] $x.content-type $x.0") == "echo($name $_ $1 $args $env.HOME $hero.outputs[0] $a[0][1].b $a[-1] $x.content-type $x.0)")
        let command = try firstCommand("echo $a[0][1].b")
        guard case .positional(let value) = command.arguments[0].kind, case .variable(let path) = value.kind else {
            Issue.record("not a variable")
            return
        }
        #expect(path.name == "a")
        #expect(path.steps == [.index(0), .index(1), .field("b")])
        #expect(lineColumn(path.location) == "1:6")
    }

    @Test func lists() throws {
        #expect(try parseDump("echo [a, b, c] [a b c] [] [a, [b, [c]], \"d\", $e, 1,]") == #"echo([a, b, c] [a, b, c] [] [a, [b, [c]], "d", $e, #1])"#)
        #expect(try parseDump("echo [\n  a,\n  b\n]\necho z") == "echo([a, b]); echo(z)")
        #expect(try parseDump("echo [a=1, --x]") == "echo([a=1, --x])")
    }

    @Test func listLocations() throws {
        let command = try firstCommand("echo [a,\n  [b]]")
        guard case .positional(let list) = command.arguments[0].kind, case .list(let items) = list.kind,
            case .list(let inner) = items[1].kind
        else {
            Issue.record("not a list")
            return
        }
        #expect(lineColumn(list.location) == "1:6")
        #expect(lineColumn(items[0].location) == "1:7")
        #expect(lineColumn(items[1].location) == "2:3")
        #expect(lineColumn(inner[0].location) == "2:4")
    }

    @Test func strings() throws {
        #expect(try parseDump(#"echo "a\nb\t\"c\"\\ \$x \0 \u{1F3AC}\u{e9}" 'raw \n $x' "" ''"#) == "echo(\"a\nb\t\"c\"\\ $x \0 🎬é\" \"raw \\n $x\" \"\" \"\")")
        #expect(try parseDump(#"echo "a # not a comment; nor a separator""#) == #"echo("a # not a comment; nor a separator")"#)
    }

    @Test func interpolation() throws {
        #expect(try parseDump(#"echo "hi $name.jpg" "${hero.outputs[0]}" "${$x.y}!" "$1$_" "a$b$" "$ 5" "\$x" "${ x }""#) == #"echo(i"hi {$name}.jpg" i"{$hero.outputs[0]}" i"{$x.y}!" i"{$1}{$_}" i"a{$b}$" "$ 5" "$x" i"{$x}")"#)
        let command = try firstCommand(#"echo "ab ${c.d} $e""#)
        guard case .positional(let value) = command.arguments[0].kind, case .interpolated(let parts) = value.kind,
            case .variable(let first) = parts[1], case .variable(let second) = parts[3]
        else {
            Issue.record("not interpolated")
            return
        }
        #expect(lineColumn(first.location) == "1:10")
        #expect(lineColumn(second.location) == "1:17")
        #expect(first.steps == [.field("d")])
    }

    @Test func multiLineStrings() throws {
        #expect(try parseDump("echo \"\"\"\n  one\n    two\n  \"\"\"") == "echo(\"one\n  two\")")
        #expect(try parseDump("echo \"\"\"a\nb\"\"\"") == "echo(\"a\nb\")")
        #expect(try parseDump("echo \"\"\"\nx\n\"\"\"") == "echo(\"x\")")
        #expect(try parseDump("echo \"\"\"\n  \"\"\"") == "echo(\"\")")
        #expect(try parseDump("echo \"\"\"\"\"\"") == "echo(\"\")")
        #expect(try parseDump("echo \"\"\"\n\tkeep \"quotes\" and $x\n\t\"\"\"") == "echo(i\"keep \"quotes\" and {$x}\")")
        #expect(try parseDump("echo \"\"\"\n  a \\\n  b\n  \"\"\"") == "echo(\"a b\")")
        #expect(try parseDump("echo \"\"\"\r\n  a\r\n  b\r\n  \"\"\"") == "echo(\"a\nb\")")
        #expect(try parseDump("echo \"\"\"\n  a\n\n  b\n  \"\"\"") == "echo(\"a\n\nb\")")
        #expect(try parseDump("echo \"\"\"\n  \\\"\"\" \n  \"\"\"") == "echo(\"\"\"\" \")")
    }

    @Test func locationsAfterMultiLineString() throws {
        let program = try parseProgram("echo \"\"\"\n  one\n  ${x}\n  \"\"\" $y\necho z")
        guard case .command(let first) = program.statements[0], case .command(let second) = program.statements[1],
            case .positional(let string) = first.arguments[0].kind, case .interpolated(let parts) = string.kind,
            case .variable(let path) = parts[1]
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect(lineColumn(path.location) == "3:3")
        #expect(lineColumn(first.arguments[1].location) == "4:7")
        #expect(lineColumn(second.location) == "5:1")
    }

    @Test func locationsCountUnicodeScalars() throws {
        let command = try firstCommand(#"echo "東京" $x"#)
        #expect(lineColumn(command.arguments[1].location) == "1:11")
        let emoji = try firstCommand("echo 🎬é x")
        #expect(lineColumn(emoji.arguments[1].location) == "1:9")
        let combining = try firstCommand("echo e\u{301} x")
        #expect(lineColumn(combining.arguments[1].location) == "1:9")
    }

    @Test func argumentLocations() throws {
        let command = try firstCommand("  run  key=\"v\"  --flag=2 \"s\" [a]")
        #expect(lineColumn(command.location) == "1:3")
        #expect(command.arguments.map { lineColumn($0.location) } == ["1:8", "1:17", "1:26", "1:30"])
        guard case .keyValue(_, let value) = command.arguments[0].kind, case .flag(_, let flagValue?) = command.arguments[1].kind else {
            Issue.record("unexpected shape")
            return
        }
        #expect(lineColumn(value.location) == "1:12")
        #expect(lineColumn(flagValue.location) == "1:24")
    }

    @Test func statementLocations() throws {
        let program = try parseProgram("echo a\n  x = 1; y = run\n\tfor p in [a] {\n    echo $p\n  }\nif $x { echo }")
        #expect(program.statements.map { lineColumn($0.location) } == ["1:1", "2:3", "2:10", "3:2", "6:1"])
        guard case .assignment(let capture) = program.statements[2], case .command(let run) = capture.value,
            case .forIn(let loop) = program.statements[3]
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect(lineColumn(run.location) == "2:14")
        #expect(lineColumn(loop.sequence.location) == "3:11")
        #expect(lineColumn(loop.body[0].location) == "4:5")
        #expect(program.source.name == "t.armox")
        #expect(program.statements[0].location.file == "t.armox")
    }

    @Test func forLoops() throws {
        #expect(try parseDump("for p in [\"a cat\", \"a dog\"] { run $p --detach }") == #"for p in ["a cat", "a dog"] { run($p --detach) }"#)
        #expect(try parseDump("for p in $list {\n  echo $p\n  echo again\n}\necho done") == "for p in $list { echo($p); echo(again) }; echo(done)")
        #expect(try parseDump("for p in [a] {}; for q in [b] {\n}") == "for p in [a] {  }; for q in [b] {  }")
        #expect(try parseDump("for i in [1, 2] { for j in [3] { echo $i $j } }") == "for i in [#1, #2] { for j in [#3] { echo($i $j) } }")
    }

    @Test func ifElse() throws {
        #expect(try parseDump("if $job.status == \"failed\" { echo \"failed: $job.error\" } else { echo ok }") == #"if $job.status == "failed" { echo(i"failed: {$job}.error") } else { echo(ok) }"#)
        #expect(try parseDump("if $x != 3 { echo a }") == "if $x != #3 { echo(a) }")
        #expect(try parseDump("if $x { echo yes } else { echo no }") == "if $x { echo(yes) } else { echo(no) }")
        #expect(try parseDump("if $x {\n  echo a\n} else if $y == b {\n  echo b\n} else {\n  echo c\n}") == "if $x { echo(a) } else { if $y == b { echo(b) } else { echo(c) } }")
        #expect(try parseDump("if $x { echo a } else if $y { echo b }") == "if $x { echo(a) } else { if $y { echo(b) } }")
        #expect(try parseDump("if a == b { }") == "if a == b {  }")
        #expect(try parseDump("if $x{echo}else{echo}") == "if $x { echo() } else { echo() }")
    }

    @Test func elseIfChainLocations() throws {
        let program = try parseProgram("if $a { echo 1 } else if $b { echo 2 } else { echo 3 }")
        guard case .ifElse(let first) = program.statements[0], case .ifElse(let second)? = first.otherwise?.first else {
            Issue.record("unexpected shape")
            return
        }
        #expect(lineColumn(first.location) == "1:1")
        #expect(lineColumn(second.location) == "1:23")
        #expect(second.otherwise?.count == 1)
    }

    @Test func longElseIfChainDoesNotRecurse() throws {
        var text = "if $x == 0 { echo 0 }"
        for i in 1..<2000 { text += " else if $x == \(i) { echo \(i) }" }
        let program = try parseProgram(text)
        #expect(program.statements.count == 1)
    }

    @Test func blocksEndWithSemicolonOrNewline() throws {
        #expect(try parseDump("if $x { echo a }; echo b") == "if $x { echo(a) }; echo(b)")
        #expect(try parseDump("if $x { if $y { echo a } }") == "if $x { if $y { echo(a) } }")
        #expect(try parseDump("for a in [1] { echo; }") == "for a in [#1] { echo() }")
    }

    @Test func deepButAllowedNesting() throws {
        let lists = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(try parseDump("echo " + lists).count == 6 + 512)
        let blocks = String(repeating: "if $x { ", count: 256) + String(repeating: "} ", count: 256)
        #expect(try parseProgram(blocks).statements.count == 1)
    }

    @Test func tokensOfAStatement() throws {
        var lexer = Lexer(testSource("x = run \"a\" k=v --f; if $a == b { }\n"))
        let tokens = try lexer.tokens()
        #expect(tokens.map(SyntaxDump.token) == ["x", "=", "run", "\"a\"", "k=v", "--f", ";", "if", "$a", "==", "b", "{", "}", "NL", "END"])
        #expect(tokens.map(\.range) == [0..<1, 2..<3, 4..<7, 8..<11, 12..<15, 16..<19, 19..<20, 21..<23, 24..<26, 27..<29, 30..<31, 32..<33, 34..<35, 35..<36, 36..<36])
    }

    /// Its speed is `scripts/bench`'s to measure, not a test's.
    @Test func aLargeScriptParsesWhole() throws {
        var text = ""
        for i in 0..<20_000 { text += "x\(i % 10) = \"value $y \(i)\"; echo $x\(i % 10) k=v --json\n" }
        let program = try parseProgram(text)
        #expect(program.statements.count == 40_000)
    }
}
