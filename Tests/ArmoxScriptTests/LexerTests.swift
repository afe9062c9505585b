import Testing

@testable import ArmoxScript

func lexDump(_ text: String) throws -> [String] {
    var lexer = Lexer(testSource(text))
    return try lexer.tokens().map(SyntaxDump.token)
}

func tokenLocations(_ text: String) throws -> [String] {
    var lexer = Lexer(testSource(text))
    return try lexer.tokens().map { lineColumn($0.location) }
}

@Suite("Lexer")
struct LexerTests {
    @Test func separatorsAndBraces() throws {
        #expect(try lexDump("a;b\nc") == ["a", ";", "b", "NL", "c", "END"])
        #expect(try lexDump("{ a }") == ["{", "a", "}", "END"])
        #expect(try lexDump("a{b}c") == ["a", "{", "b", "}", "c", "END"])
        #expect(try lexDump("") == ["END"])
        #expect(try lexDump("  \t ") == ["END"])
        #expect(try lexDump("a\r\nb") == ["a", "NL", "b", "END"])
    }

    @Test func endRepeats() throws {
        var lexer = Lexer(testSource("a"))
        _ = try lexer.next()
        for _ in 0..<3 {
            guard case .end = try lexer.next().kind else {
                Issue.record("expected the end")
                return
            }
        }
    }

    @Test func operators() throws {
        #expect(try lexDump("x = 1") == ["x", "=", "#1", "END"])
        #expect(try lexDump("a == b != c") == ["a", "==", "b", "!=", "c", "END"])
        #expect(try lexDump("==\"x\"") == ["==", "\"x\"", "END"])
        #expect(try lexDump("x =[1]") == ["x", "=", "[#1]", "END"])
        #expect(try lexDump("=a ==b != !=c === !") == ["=a", "==b", "!=", "!=c", "===", "!", "END"])
        #expect(try lexDump("a =\\\nb") == ["a", "=", "b", "END"])
    }

    @Test func keyValueNeedsIdentifierThenSingleEquals() throws {
        #expect(try lexDump("k=v _k=1 k2=[a] k=\"s\" k='r' k=$v") == ["k=v", "_k=#1", "k2=[a]", "k=\"s\"", "k=\"r\"", "k=$v", "END"])
        #expect(try lexDump("a==b 2a=b -a=b a-b=c a=b=c") == ["a==b", "2a=b", "-a=b", "a-b=c", "a=b=c", "END"])
        #expect(try lexDump("https://x.test/a?w=1") == ["https://x.test/a?w=1", "END"])
        #expect(try lexDump("k=-1.5 k=null k===") == ["k=#-1.5", "k=?null", "k===", "END"])
    }

    @Test func flagsAndDashes() throws {
        #expect(try lexDump("--json --a-b_c=x --t=30 --list=[1,2]") == ["--json", "--a-b_c=x", "--t=#30", "--list=[#1, #2]", "END"])
        #expect(try lexDump("-- - -5 --5 --a.b --a/b -x") == ["--", "-", "#-5", "--5", "--a.b", "--a/b", "-x", "END"])
    }

    @Test func barewordsKeepTheirCharacters() throws {
        #expect(try lexDump("google/nano-banana 16:9 a,b é東🎬 C:\\dir a#b x!y") == ["google/nano-banana", "16:9", "a,b", "é東🎬", "C:\\dir", "a#b", "x!y", "END"])
    }

    @Test func commentsOnlyWhereAWordCouldStart() throws {
        #expect(try lexDump("a #b\nc") == ["a", "NL", "c", "END"])
        #expect(try lexDump("#x\n#y") == ["NL", "END"])
        #expect(try lexDump("a;#b") == ["a", ";", "END"])
        #expect(try lexDump("{#b\n}") == ["{", "NL", "}", "END"])
        #expect(try lexDump("a#b") == ["a#b", "END"])
        #expect(try lexDump("[a, #x ]\n b]") == ["[a, b]", "END"])
        #expect(try lexDump("[#x\n a]") == ["[a]", "END"])
        #expect(try lexDump("[a,#x\n b]") == ["[a, b]", "END"])
        #expect(try lexDump("}#x") == ["}", "END"])
        #expect(try lexDump("a # comment \\\nb") == ["a", "NL", "b", "END"])
    }

    @Test func lineContinuations() throws {
        #expect(try lexDump("a \\\n b") == ["a", "b", "END"])
        #expect(try lexDump("a\\\nb") == ["a", "b", "END"])
        #expect(try lexDump("a \\\r\n b") == ["a", "b", "END"])
        #expect(try lexDump("a \\ b") == ["a", "\\", "b", "END"])
        #expect(try lexDump("[a \\\n b]") == ["[a, b]", "END"])
        #expect(try tokenLocations("a \\\n  b\nc") == ["1:1", "2:3", "2:4", "3:1", "3:2"])
    }

    @Test func listsAreOneToken() throws {
        #expect(try lexDump("[a,\n b,\n\n c\n]") == ["[a, b, c]", "END"])
        #expect(try lexDump("[[], [[]], [a]]") == ["[[], [[]], [a]]", "END"])
        #expect(try lexDump("[a,b,]") == ["[a, b]", "END"])
        #expect(try lexDump("[a b\tc]") == ["[a, b, c]", "END"])
        #expect(try lexDump("[\"a, b\", 'c]', $d[0], 1.5, true]") == ["[\"a, b\", \"c]\", $d[0], #1.5, ?true]", "END"])
        #expect(try lexDump("[a=1, --f, a==b]") == ["[a=1, --f, a==b]", "END"])
        #expect(try tokenLocations("[a,\n b] c") == ["1:1", "2:5", "2:6"])
    }

    @Test func stringTokens() throws {
        #expect(try lexDump(#""a b" 'c d' "" '' "x\"y""#) == ["\"a b\"", "\"c d\"", "\"\"", "\"\"", "\"x\"y\"", "END"])
        #expect(try lexDump(#""a;b{c}[d]#e""#) == ["\"a;b{c}[d]#e\"", "END"])
        #expect(try lexDump("'\\'") == ["\"\\\"", "END"])
        #expect(try lexDump("\"\"\"\na\n\"\"\" b") == ["\"a\"", "b", "END"])
    }

    @Test func escapes() throws {
        #expect(try lexDump(#""\n\t\r\\\"\$\0""#) == ["\"\n\t\r\\\"$\0\"", "END"])
        #expect(try lexDump(#""\u{41}\u{0000e9}\u{1F3AC}\u{10FFFF}""#) == ["\"Aé🎬\u{10FFFF}\"", "END"])
    }

    @Test func interpolationParts() throws {
        #expect(try lexDump(#""$a" "x$a.b" "${a.b[0]}" "${$a}" "$1st" "$_x" "$é" "$$a" "cost: $""#) == [#"i"{$a}""#, #"i"x{$a}.b""#, #"i"{$a.b[0]}""#, #"i"{$a}""#, #"i"{$1}st""#, #"i"{$_x}""#, "\"$é\"", #"i"${$a}""#, "\"cost: $\"", "END"])
        #expect(try lexDump(#""${a}${b}c${d}""#) == [#"i"{$a}{$b}c{$d}""#, "END"])
    }

    @Test func variableTokens() throws {
        #expect(try lexDump("$a $a.b.c $a[0] $a[-12] $a.b[1].c-d $9 $_ $env.HOME") == ["$a", "$a.b.c", "$a[0]", "$a[-12]", "$a.b[1].c-d", "$9", "$_", "$env.HOME", "END"])
        #expect(try lexDump("[$a,$b]") == ["[$a, $b]", "END"])
        #expect(try lexDump("$a;$b}") == ["$a", ";", "$b", "}", "END"])
    }

    @Test func multiLineStringIndentation() throws {
        #expect(try lexDump("\"\"\"\n    a\n      b\n    \"\"\"") == ["\"a\n  b\"", "END"])
        // Lines indented less than the closing """ lose what they have of it.
        #expect(try lexDump("\"\"\"\n    a\n  b\n    \"\"\"") == ["\"a\nb\"", "END"])
        // No line break after the opening """: the first line is kept as written.
        #expect(try lexDump("\"\"\"  a\n  b\n  \"\"\"") == ["\"  a\nb\"", "END"])
        // The closing """ after text on its line: nothing is removed.
        #expect(try lexDump("\"\"\"\n  a\n  b\"\"\"") == ["\"  a\n  b\"", "END"])
        #expect(try lexDump("\"\"\"\n\n\"\"\"") == ["\"\"", "END"])
        #expect(try lexDump("\"\"\"\n\n\n\"\"\"") == ["\"\n\"", "END"])
    }

    @Test func tokenLocationsAcrossLines() throws {
        #expect(try tokenLocations("ab cd\n  ef;gh") == ["1:1", "1:4", "1:6", "2:3", "2:5", "2:6", "2:8"])
        #expect(try tokenLocations("é 東 🎬 x") == ["1:1", "1:3", "1:5", "1:7", "1:8"])
        #expect(try tokenLocations("\"\"\"\na\nb\n\"\"\" x\ny") == ["1:1", "4:5", "4:6", "5:1", "5:2"])
        #expect(try tokenLocations("'東京' x") == ["1:1", "1:6", "1:7"])
    }

    @Test func lexerIsReusableForCompletion() throws {
        var lexer = Lexer(testSource("run goo"))
        let tokens = try lexer.tokens()
        #expect(tokens.count == 3)
        #expect(tokens[1].range == 4..<7)
        #expect(tokens[2].endsStatement)
    }
}
