import ArmoxAPI
import Testing

@testable import ArmoxScript
@testable import ArmoxRender

/// The language's semantics, evaluated without a network.
@Suite("Evaluator: values, variables, control flow")
struct EvaluatorTests {
    /// What `lines` print on stdout.
    func output(of lines: String, arguments: [String] = [], environment: [String: String] = [:]) async throws -> String {
        var printed = ""
        try await withOfflineEvaluator(arguments: arguments, environment: environment) { evaluator, captured in
            try await evaluator.evaluate(lines)
            printed = captured.out
        }
        return printed
    }

    func failure(of lines: String, name: String = "<input>") async throws -> ScriptError? {
        var failure: ScriptError?
        try await withOfflineEvaluator { evaluator, _ in
            failure = await scriptError { try await evaluator.evaluate(lines, name: name) }
        }
        return failure
    }

    @Test func assignmentAndInterpolation() async throws {
        let out = try await output(of: """
            subject = "a fox"
            style = 'raw $not'
            echo "$subject, ${style}!" done
            """)
        #expect(out == "a fox, raw $not! done\n")
    }

    @Test func numbersPrintAsWritten() async throws {
        #expect(try await output(of: "x = 2.50; y = 2; z = -1e3; echo $x $y $z; print $x") == "2.50 2 -1e3\n2.50\n")
    }

    @Test func listsFieldsAndIndexes() async throws {
        let out = try await output(of: """
            sizes = [1:1, "16:9", [a, b]]
            echo "${sizes[0]} ${sizes[-1][1]}" $sizes.count
            print $sizes[2]
            """)
        #expect(out == "1:1 b 3\na\nb\n")
    }

    @Test func forLoopsGoOverLists() async throws {
        let out = try await output(of: """
            for p in ["a cat", "a dog"] {
                echo "run $p"
            }
            for x in [] { echo never }
            """)
        #expect(out == "run a cat\nrun a dog\n")
    }

    @Test func ifElseWithComparisonsAndTruthiness() async throws {
        let out = try await output(of: """
            status = completed
            if $status == "completed" { echo yes } else { echo no }
            if $status != completed { echo bad } else if $status == completed { echo elif }
            n = 5
            if $n == "5" { echo five }
            for v in [0, "", [], null, false, x, 1, true] { if $v { echo "$v is true" } }
            """)
        #expect(out == "yes\nelif\nfive\nx is true\n1 is true\ntrue is true\n")
    }

    @Test func scriptArgumentsAndEnvironment() async throws {
        let out = try await output(
            of: "echo $1 \"${2}\" $args.count; echo $env.ARMOX_TEST_NAME; if $env.UNSET_THING { echo set } else { echo unset }",
            arguments: ["first", "second"], environment: ["ARMOX_TEST_NAME": "Straße 東京 🎬"])
        #expect(out == "first second 2\nStraße 東京 🎬\nunset\n")
    }

    @Test func printShowsReadableFormsAndJSON() async throws {
        let out = try await output(of: #"x = [a, 2.50, true, null, [1]]; print $x --json; print [b, c]"#)
        #expect(out == "[\n  \"a\",\n  2.50,\n  true,\n  null,\n  [\n    1\n  ]\n]\nb\nc\n")
    }

    @Test func lastResultIsKeptInUnderscore() async throws {
        #expect(try await output(of: "echo hello; echo again $_") == "hello\nagain hello\n")
    }

    @Test func keyValueWordsEchoAsWritten() async throws {
        #expect(try await output(of: "echo size=16:9 https://x.test/a.jpg?w=1") == "size=16:9 https://x.test/a.jpg?w=1\n")
    }

    @Test func undefinedVariableSuggestsTheNearest() async throws {
        let error = try #require(try await failure(of: "subject = fox\necho $subjet"))
        #expect(error.message == "undefined variable $subjet")
        #expect(error.hint == "did you mean $subject?")
        #expect(error.location == ArmoxScript.SourceLocation(file: "<input>", line: 2, column: 6))
    }

    @Test func sessionNamesCannotBeAssigned() async throws {
        let error = try #require(try await failure(of: "model = google/veo-3"))
        #expect(error.message == "cannot assign to $model")
        #expect(error.hint?.contains("use <model-id>") == true)
    }

    @Test func indexOutOfRangeSaysHowLongTheListIs() async throws {
        let error = try #require(try await failure(of: "x = [a]; echo $x[3]"))
        #expect(error.message == "index 3 is out of range in $x[3]: the list has 1 item")
    }

    @Test func unknownCommandSuggestsTheNearest() async throws {
        let error = try #require(try await failure(of: "echo ok\nrn \"a cat\"", name: "demo.armox"))
        #expect(error.message == "unknown command \"rn\"")
        #expect(error.hint == "did you mean run, runs?")
        #expect(error.rendered() == "demo.armox:2:1: error: unknown command \"rn\"\nrn \"a cat\"\n^\nhint: did you mean run, runs?\nnothing was run: 1 error found before the first statement\n")
    }

    @Test func armoxsOwnWordsAtThePromptSayWhereTheyAre() async throws {
        let check = try #require(try await failure(of: "check prices.armox"))
        #expect(check.message == "unknown command \"check\"")
        #expect(check.hint == "check is a word of armox's command line: armox check FILE, in your shell, prices a script and sends nothing")
        let sandbox = try #require(try await failure(of: "sandbox"))
        #expect(sandbox.hint == "sandbox is a word of armox's command line: armox sandbox, in your shell, serves one; armox --sandbox starts a shell on one")
    }

    @Test func unknownFlagListsTheCommandsFlags() async throws {
        let error = try #require(try await failure(of: "jobs --sesion"))
        #expect(error.message == "jobs has no flag --sesion")
        #expect(error.hint?.hasPrefix("did you mean --session? flags of jobs:") == true)
        #expect(error.location?.column == 6)
    }

    @Test func aScriptStopsAtItsFirstFailingStatement() async throws {
        try await withOfflineEvaluator { evaluator, captured in
            let error = await scriptError { try await evaluator.evaluate("echo one\nfor x in notalist { echo no }\necho three") }
            #expect(error?.message.hasPrefix("for needs a list") == true)
            #expect(captured.out == "one\n")
        }
    }

    @Test func aSyntaxErrorAnywhereMeansNothingRuns() async throws {
        try await withOfflineEvaluator { evaluator, captured in
            let error = await scriptError { try await evaluator.evaluate("echo one\necho \"two") }
            #expect(error?.location?.line == 2)
            #expect(captured.out.isEmpty)
        }
    }

    @Test func caretLinesUpUnderWideCharacters() {
        var error = ScriptError("x", at: ArmoxScript.SourceLocation(file: "f", line: 1, column: 9))
        error.sourceLine = "echo 東京 $x"
        #expect(error.rendered() == "f:1:9: error: x\necho 東京 $x\n          ^\n")
    }

    @Test func exitCarriesItsCode() async throws {
        try await withOfflineEvaluator { evaluator, captured in
            do {
                try await evaluator.evaluate("echo before; exit 3; echo after")
                Issue.record("exit did not stop the script")
            } catch let exit as ExitRequest {
                #expect(exit.code == 3)
            }
            #expect(captured.out == "before\n")
        }
    }

    @Test func helpListsEveryCommandGroupedAndEachHasAnExample() async throws {
        let out = try await output(of: "help")
        for spec in CommandCatalog.all {
            #expect(out.contains("  \(spec.name) "), "help misses \(spec.name)")
            #expect(!spec.examples.isEmpty)
            let detail = try await output(of: "help \(spec.name)")
            #expect(detail.hasPrefix(spec.synopsis))
            #expect(detail.contains("example"))
        }
        for group in CommandSpec.Group.allCases { #expect(out.contains(group.rawValue + ":")) }
    }
}

@Suite("Nearest names")
struct NearestTests {
    @Test func typosAndFragmentsFindModels() {
        let ids = ["google/nano-banana", "google/veo-3", "black-forest-labs/flux-schnell", "elevenlabs/music"]
        #expect(Nearest.matches(for: "google/nano-banan", among: ids) == ["google/nano-banana"])
        #expect(Nearest.matches(for: "banana", among: ids) == ["google/nano-banana"])
        #expect(Nearest.matches(for: "veo3", among: ids).first == "google/veo-3")
        #expect(Nearest.matches(for: "zzzzzz", among: ids).isEmpty)
    }
}

@Suite("Display")
struct DisplayTests {
    @Test func tableAlignsNonASCII() {
        let table = TextTable(headers: ["ID", "COST"], rows: [["東京", "5"], ["a", "120"]], rightAligned: [1])
        #expect(table.render() == "ID    COST\n東京     5\na      120\n")
    }

    @Test(arguments: [("abc", 3), ("Straße", 6), ("東京", 4), ("🎬", 2), ("é", 1), ("e\u{301}", 1), ("", 0)])
    func columns(_ text: String, _ width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }
}
