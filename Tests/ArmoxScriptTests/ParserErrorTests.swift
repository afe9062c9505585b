import Testing

@testable import ArmoxScript

/// The error parsing `text` throws (nil, and a recorded issue, when it parses).
func parseError(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ScriptError? {
    do {
        _ = try parseProgram(text)
        Issue.record("parsed without an error: \(text)", sourceLocation: sourceLocation)
        return nil
    } catch let error as ScriptError {
        return error
    } catch {
        Issue.record("not a ScriptError: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Parsing `text` fails with `message` at `location` ("line:column").
func expectParseError(
    _ text: String, _ message: String, at location: String, incomplete: Bool = false, hint: String? = nil,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    guard let error = parseError(text, sourceLocation: sourceLocation) else { return }
    #expect(error.message == message, sourceLocation: sourceLocation)
    #expect(error.location.map(lineColumn) == location, sourceLocation: sourceLocation)
    #expect(error.location?.file == "t.armox", sourceLocation: sourceLocation)
    #expect(error.incomplete == incomplete, sourceLocation: sourceLocation)
    if let hint { #expect(error.hint == hint, sourceLocation: sourceLocation) }
}

@Suite("Parser errors")
struct ParserErrorTests {
    @Test func unterminatedStrings() {
        expectParseError(
            "echo \"abc", "unterminated string", at: "1:6",
            hint: "the string that begins at 1:6 has no closing \" on its line; for text over several lines use \"\"\"")
        expectParseError("echo \"abc\nx\"", "unterminated string", at: "1:6")
        expectParseError("echo ok\n  echo \"a\\", "unterminated string", at: "2:8")
        expectParseError("echo \"a\\\nb\"", "unterminated string", at: "1:6")
        expectParseError(
            "echo 'abc", "unterminated string", at: "1:6", hint: "the string that begins at 1:6 has no closing ' on its line")
        expectParseError("echo 'a\nb'", "unterminated string", at: "1:6")
        expectParseError(
            "echo \"\"\"\nabc", "unterminated multi-line string", at: "1:6", incomplete: true,
            hint: "the multi-line string that begins at 1:6 has no closing \"\"\"")
        expectParseError("echo \"\"\"abc\"\"", "unterminated multi-line string", at: "1:6", incomplete: true)
        expectParseError("echo \"\"\"a\\\"\"\"", "unterminated multi-line string", at: "1:6", incomplete: true)
    }

    @Test func unterminatedListsAndBlocks() {
        expectParseError(
            "echo [a, b", "unterminated list", at: "1:6", incomplete: true,
            hint: "the list that begins at 1:6 has no closing ]")
        expectParseError("echo [a, [b,\n c]", "unterminated list", at: "1:6", incomplete: true)
        expectParseError("echo [a, [b,\n", "unterminated list", at: "1:10", incomplete: true)
        expectParseError("echo [a \\", "unterminated list", at: "1:6", incomplete: true)
        expectParseError(
            "for p in [a] {\n  echo $p", "unterminated block", at: "1:14", incomplete: true,
            hint: "the block that begins at 1:14 has no closing }")
        expectParseError("if $x {\n} else {\n", "unterminated block", at: "2:8", incomplete: true)
        expectParseError("if $x { if $y {\n}", "unterminated block", at: "1:7", incomplete: true)
    }

    @Test func trailingBackslash() {
        expectParseError(
            "echo a \\", "the input ends after a line continuation \\", at: "1:8", incomplete: true,
            hint: "a \\ at the end of a line continues the statement on the next line")
        expectParseError("echo a\\", "the input ends after a line continuation \\", at: "1:7", incomplete: true)
        expectParseError("x = \\", "the input ends after a line continuation \\", at: "1:5", incomplete: true)
        // A prompt's last line keeps its line break: that is still the end.
        expectParseError("echo a \\\n", "the input ends after a line continuation \\", at: "1:8", incomplete: true)
        expectParseError("echo a\n  b \\\r\n", "the input ends after a line continuation \\", at: "2:5", incomplete: true)
    }

    @Test func strayClosers() {
        expectParseError("echo a]", "unexpected ]", at: "1:7", hint: "there is no [ open here")
        expectParseError("]", "unexpected ]", at: "1:1")
        expectParseError("}", "unexpected }", at: "1:1", hint: "there is no { open here")
        expectParseError("echo a }", "unexpected }", at: "1:8")
        expectParseError("if $x { echo }\n}", "unexpected }", at: "2:1")
    }

    @Test func escapes() {
        expectParseError(
            #"echo "a\qb""#, #"unknown escape \q in a string"#, at: "1:8",
            hint: #"the escapes are \n \t \r \\ \" \$ \0 and \u{…}; write \\ for a backslash"#)
        expectParseError(#"echo "東\é""#, #"unknown escape \é in a string"#, at: "1:8")
        expectParseError(#"echo "\'""#, #"unknown escape \' in a string"#, at: "1:7")
        expectParseError("echo \"a\\ b\"", "unknown escape \\ followed by a space in a string", at: "1:8")
        expectParseError("echo \"a\\\u{1}\"", "unknown escape \\ followed by U+0001 in a string", at: "1:8")
        expectParseError("echo \"\"\"\n  \\x\n  \"\"\"", #"unknown escape \x in a string"#, at: "2:3")
        expectParseError(
            #"echo "\u{110000}""#, "invalid unicode escape in a string", at: "1:7",
            hint: #"write \u{1F3AC}: 1 to 8 hex digits naming a Unicode scalar"#)
        expectParseError(#"echo "\u41""#, "invalid unicode escape in a string", at: "1:7")
        expectParseError(#"echo "\u{}""#, "invalid unicode escape in a string", at: "1:7")
        expectParseError(#"echo "\u{D800}""#, "invalid unicode escape in a string", at: "1:7")
        expectParseError(#"echo "\u{000000041}""#, "invalid unicode escape in a string", at: "1:7")
        expectParseError(#"echo "\u{41""#, "invalid unicode escape in a string", at: "1:7")
    }

    @Test func variables() {
        expectParseError(
            "echo $", "expected a variable name after $", at: "1:6",
            hint: "variable names are letters, digits and _: $name, $hero.outputs[0], $1, $_")
        expectParseError("echo $-x", "expected a variable name after $", at: "1:6")
        expectParseError("echo [$ ]", "expected a variable name after $", at: "1:7")
        expectParseError(#"echo "${}""#, "expected a variable name after ${", at: "1:7")
        expectParseError(#"echo "${a""#, "expected } to close ${", at: "1:7")
        expectParseError(#"echo "${a b}""#, "expected } to close ${", at: "1:11")
        expectParseError(#"echo "${a.}""#, "expected a field name after $a.", at: "1:10")
        expectParseError("echo $a.", "expected a field name after $a.", at: "1:8")
        expectParseError(
            "echo $a[x]", "expected a whole number in [ ] after $a", at: "1:8",
            hint: "write $a[0] for the first element, $a[-1] for the last")
        expectParseError("echo $a.b[", "expected a whole number in [ ] after $a.b", at: "1:10")
        expectParseError("echo $a[-]", "expected a whole number in [ ] after $a", at: "1:8")
        expectParseError("echo $a[99999999999999999999]", "index too large after $a", at: "1:8")
    }

    @Test func wordsMustBeSeparated() {
        expectParseError(
            #"echo "a"b"#, "unexpected b right after a word", at: "1:9",
            hint: "separate words with a space; to make one word of it use a string: \"…\"")
        expectParseError(#"echo a"b""#, "unexpected \" right after a word", at: "1:7")
        expectParseError("echo a'b'", "unexpected ' right after a word", at: "1:7")
        expectParseError("echo a[0]", "unexpected [ right after a word", at: "1:7")
        expectParseError("echo [a]b", "unexpected b right after a word", at: "1:9")
        expectParseError("echo [[a]b]", "unexpected b right after a word", at: "1:10")
        expectParseError("echo [a][b]", "unexpected [ right after a word", at: "1:9")
        expectParseError(##"echo "a"#b"##, "unexpected # right after a word", at: "1:9")
        expectParseError(#"echo "東京"x"#, "unexpected x right after a word", at: "1:10")
        expectParseError(
            "echo $dir/x.jpg", "unexpected / after $dir", at: "1:10",
            hint: "to join a variable with text use a string: \"${dir}/…\"")
        expectParseError("echo $a.b🎬", "unexpected 🎬 after $a.b", at: "1:10")
        expectParseError(
            #"if $a=="x" { }"#, "unexpected = right after a word", at: "1:6",
            hint: "put spaces around ==, != and =: if $a == b { … }")
    }

    @Test func lists() {
        expectParseError(
            "echo [a,,b]", "unexpected , in a list", at: "1:9", hint: "separate the elements with one comma: [a, b, c]")
        expectParseError("echo [,]", "unexpected , in a list", at: "1:7")
        expectParseError("echo [[a],,]", "unexpected , in a list", at: "1:11")
        expectParseError(
            "echo [a; b]", "unexpected ; inside a list", at: "1:8",
            hint: "the list that begins at 1:6 is still open; close it with ]")
        expectParseError("echo [a {b}]", "unexpected { inside a list", at: "1:9")
        expectParseError("echo [a\n  }", "unexpected } inside a list", at: "2:3")
    }

    @Test func keyValueAndFlagValues() {
        expectParseError("set key=", "missing value after key=", at: "1:5", hint: "write key=\"\" for an empty value")
        expectParseError("set size= x", "missing value after size=", at: "1:5")
        expectParseError("set size=;", "missing value after size=", at: "1:5")
        expectParseError("run --timeout=", "missing value after --timeout=", at: "1:5", hint: "write --timeout=\"\" for an empty value")
        expectParseError("run --a= b", "missing value after --a=", at: "1:5")
    }

    @Test func assignments() {
        expectParseError(
            "x = a b", "expected one value after =", at: "1:7",
            hint: "to capture a command's result write: x = run …; to join words use a string: x = \"a b\"")
        expectParseError("x = \"a\" $b", "expected one value after =", at: "1:9")
        expectParseError("size=16:9 x", "expected one value after =", at: "1:11")
        expectParseError("x =", "missing value after =", at: "1:3", hint: "write x = \"\" for an empty value")
        expectParseError("x = ;", "missing value after =", at: "1:3")
        expectParseError("x = {", "missing value after =", at: "1:3")
        expectParseError(
            "x = --json", "expected a value after =", at: "1:5",
            hint: "to store text that looks like key=value or a --flag, put it in quotes: x = \"--json\"")
        expectParseError("x = a=b", "expected a value after =", at: "1:5")
        expectParseError(
            "foo-bar = 1", "foo-bar is not a valid variable name", at: "1:1",
            hint: "variable names are letters, digits and _, and do not start with a digit")
        expectParseError("if = 1", "if is a keyword, not a variable name", at: "1:1")
        expectParseError("else=1", "else is a keyword, not a variable name", at: "1:1")
        expectParseError("x = 1 = 2", "unexpected =", at: "1:7")
    }

    @Test func statementStarts() {
        expectParseError(
            "$x", "a statement starts with a command or an assignment", at: "1:1", hint: "to print a value write: print $x")
        expectParseError("echo a\n  $hero.outputs[0]", "a statement starts with a command or an assignment", at: "2:3", hint: "to print a value write: print $hero.outputs[0]")
        expectParseError("\"hello\"", "a statement starts with a command or an assignment", at: "1:1")
        expectParseError("42", "a statement starts with a command or an assignment", at: "1:1")
        expectParseError("[a]", "a statement starts with a command or an assignment", at: "1:1")
        expectParseError(
            "--json", "a statement starts with a command or an assignment", at: "1:1",
            hint: "flags come after the command: run … --json")
        expectParseError("= 1", "unexpected =", at: "1:1")
        expectParseError("== 1", "unexpected ==", at: "1:1")
        expectParseError("{ echo }", "unexpected {", at: "1:1")
        expectParseError("else { }", "else without if", at: "1:1")
    }

    @Test func operatorsInCommands() {
        expectParseError(
            "set size = 16:9", "unexpected = in the arguments of set", at: "1:10",
            hint: "write key=value without spaces around =; an assignment is: name = value")
        expectParseError(
            "echo a == b", "unexpected ==", at: "1:8", hint: "== compares two values in an if condition: if $a == b { … }")
        expectParseError("echo a != b", "unexpected !=", at: "1:8")
        expectParseError(
            "echo {", "unexpected {", at: "1:6", hint: "a block { … } follows for NAME in LIST or if CONDITION")
        expectParseError("x = run a = b", "unexpected = in the arguments of run", at: "1:11")
    }

    @Test func forLoops() {
        expectParseError("for 1 in [a] { }", "expected a variable name after for", at: "1:5")
        expectParseError(
            "for $p in [a] { }", "expected a variable name after for", at: "1:5",
            hint: "write the name without $: for p in … { … }")
        expectParseError("for", "expected a variable name after for", at: "1:4")
        expectParseError("for if in [a] { }", "expected a variable name after for", at: "1:5")
        expectParseError(
            "for p of [a] { }", "expected in after for p", at: "1:7", hint: "a loop reads: for p in [a, b] { … }")
        expectParseError("for p\nin [a] { }", "expected in after for p", at: "1:6")
        expectParseError("for p in { }", "expected a list after in", at: "1:10")
        expectParseError("for p in", "expected a list after in", at: "1:9")
        expectParseError(
            "for p in [a]\n{ }", "expected { after the list of the for loop", at: "1:13",
            hint: "the { goes on the same line: for p in … { … }")
        expectParseError("for p in [a] echo $p", "expected { after the list of the for loop", at: "1:14")
        expectParseError("for p in [a]", "expected { after the list of the for loop", at: "1:13")
        expectParseError("for p in [a] { echo } echo", "expected a new line or ; after }", at: "1:23")
    }

    @Test func ifElse() {
        expectParseError("if { }", "expected a condition after if", at: "1:4")
        expectParseError("if", "expected a condition after if", at: "1:3")
        expectParseError("if $a == { }", "expected a value after ==", at: "1:10")
        expectParseError("if $a != ", "expected a value after !=", at: "1:10")
        expectParseError("if $a b { }", "expected ==, != or { after the condition", at: "1:7")
        expectParseError("if $a\n{ }", "expected ==, != or { after the condition", at: "1:6")
        expectParseError("if $a == b c { }", "expected { after the condition", at: "1:12")
        expectParseError("if $a = b { }", "unexpected = in an if condition", at: "1:7")
        expectParseError("if a=b { }", "unexpected = in an if condition", at: "1:4")
        expectParseError("if --x { }", "unexpected flag in an if condition", at: "1:4")
        expectParseError(
            "if a==b { }", "missing spaces around ==", at: "1:4",
            hint: "write if $a == b { … }; without spaces it is one word")
        expectParseError("if a!=b { }", "missing spaces around !=", at: "1:4")
        expectParseError(
            "if $x { } else echo", "expected { or if after else", at: "1:16",
            hint: "write } else { … } or } else if … { … }")
        expectParseError("if $x { } else", "expected { or if after else", at: "1:15")
        expectParseError("if $x { } else if { }", "expected a condition after if", at: "1:19")
        expectParseError(
            "if $x { }\nelse { }", "else without if", at: "2:1",
            hint: "else goes on the same line as the } that closes the if: } else {")
        expectParseError("if $x { }; else { }", "else without if", at: "1:12")
        expectParseError("if $x { echo a } echo b", "expected a new line or ; after }", at: "1:18")
    }

    @Test func nestingLimit() {
        let deepList = "echo " + String(repeating: "[", count: 257) + String(repeating: "]", count: 257)
        expectParseError(
            deepList, "nesting deeper than 256 levels", at: "1:262", hint: "split the script into smaller pieces")
        let deepBlocks = String(repeating: "if $x {\n", count: 257) + String(repeating: "}\n", count: 257)
        expectParseError(deepBlocks, "nesting deeper than 256 levels", at: "257:7")
    }

    @Test func tenThousandOpenBracketsThrow() {
        let brackets = String(repeating: "[", count: 10_000)
        expectParseError("echo " + brackets, "nesting deeper than 256 levels", at: "1:262")
        expectParseError(brackets, "nesting deeper than 256 levels", at: "1:257")
        expectParseError(String(repeating: "{", count: 10_000), "unexpected {", at: "1:1")
        expectParseError(String(repeating: "if a {", count: 10_000), "nesting deeper than 256 levels", at: "1:1542")
        expectParseError(String(repeating: "for a in [", count: 10_000), "nesting deeper than 256 levels", at: "1:2570")
        expectParseError(String(repeating: "\"${", count: 10_000), "expected a variable name after ${", at: "1:2")
        expectParseError("echo " + String(repeating: "$a", count: 10_000), "unexpected $ after $a", at: "1:8")
    }

    @Test func renderedWithCaretAndHint() throws {
        let text = "echo ok\necho \"abc"
        let error = try #require(parseError(text))
        #expect(
            error.attaching(testSource(text)).rendered()
                == "t.armox:2:6: error: unterminated string\necho \"abc\n     ^\nhint: the string that begins at 2:6 has no closing \" on its line; for text over several lines use \"\"\"\n")
    }

    @Test func renderedCaretUnderWideCharacters() throws {
        let text = "echo \"東京\" $"
        let error = try #require(parseError(text))
        #expect(
            error.attaching(testSource(text)).rendered()
                == "t.armox:1:11: error: expected a variable name after $\necho \"東京\" $\n            ^\nhint: variable names are letters, digits and _: $name, $hero.outputs[0], $1, $_\n")
    }

    /// A line of 100,000 brackets is shown as the 60 characters each side
    /// of the column, cut with `…`, the caret under its place: not whole.
    @Test func aVeryLongLineIsShownAroundTheColumn() throws {
        let text = "x = " + String(repeating: "[", count: 100_000)
        let error = try #require(parseError(text))
        let rendered = error.attaching(testSource(text)).rendered()
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "t.armox:1:261: error: nesting deeper than 256 levels")
        #expect(lines[1] == "…" + String(repeating: "[", count: 120) + "…")
        #expect(lines[2] == String(repeating: " ", count: 61) + "^")
        #expect(rendered.utf8.count < 400)
        let start = try #require(parseError("echo $ " + String(repeating: "a", count: 500)))
        let shown = start.attaching(testSource("echo $ " + String(repeating: "a", count: 500))).rendered().split(separator: "\n").map(String.init)
        #expect(shown[1] == "echo $ " + String(repeating: "a", count: 58) + "…")
        #expect(shown[2] == "     ^")
    }

    @Test func renderedAfterContinuationAndTabs() throws {
        let text = "run a \\\n\tb=\n"
        let error = try #require(parseError(text))
        #expect(error.attaching(testSource(text)).rendered() == "t.armox:2:2: error: missing value after b=\n\tb=\n\t^\nhint: write b=\"\" for an empty value\n")
    }

    @Test func crlfSourcesCountColumnsFromTheLineStart() throws {
        let text = "echo a\r\necho $\r\n"
        let error = try #require(parseError(text))
        #expect(lineColumn(try #require(error.location)) == "2:6")
        #expect(error.attaching(testSource(text)).rendered().hasPrefix("t.armox:2:6: error: expected a variable name after $\necho $\n     ^\n"))
    }

    @Test func bracedVariablesAreWordsToo() throws {
        let program = try Parser.parse(testSource("echo ${hero.outputs[0]} ${ $x }"))
        guard case .command(let command) = program.statements.first else { throw ScriptError("not a command") }
        #expect(command.arguments.count == 2)
        guard case .positional(let first) = command.arguments[0].kind, case .variable(let path) = first.kind else {
            throw ScriptError("not a variable")
        }
        #expect(path.text == "$hero.outputs[0]")
        #expect(lineColumn(path.location) == "1:6")
        #expect(parseError("echo ${hero") != nil)
    }
}
