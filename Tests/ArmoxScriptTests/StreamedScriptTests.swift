import ArmoxAPI
import ArmoxSandbox
import Foundation
import Testing

@testable import ArmoxScript

/// A script over `EntryStatements.heldLimit` bytes is parsed a top-level
/// statement at a time by each pass, never held whole: it must run, and be
/// checked, exactly as a held one is.
@Suite("Large scripts, streamed")
struct StreamedScriptTests {
    /// Runs `text` streamed (whatever its size) through the whole-entry check and the run.
    func runStreamed(_ text: String, _ evaluator: Evaluator, name: String = "big.armox") async throws {
        let entry = try evaluator.entry(SourceText(name: name, text: text), streamingPast: 0)
        guard case .streamed = entry else {
            Issue.record("a script past the limit was held")
            return
        }
        try await evaluator.run(entry)
    }

    static let program = """
        greeting = hello
        items = [one, two, three]
        for item in $items {
            if $item == two {
                echo "$greeting $item (the second)"
            } else if $item == three {
                for n in [a, b] { echo "$item-$n" }
            } else {
                echo $item
            }
        }
        last = $items[2]; echo "last: $last"
        flag = ""
        if $flag { echo never } else { echo "no \\$flag" }
        """

    @Test func aStreamedScriptPrintsWhatTheHeldOneDoes() async throws {
        var outputs: [String] = []
        for streamed in [false, true] {
            try await withEvaluator { evaluator, captured, _ in
                if streamed {
                    try await runStreamed(Self.program, evaluator)
                } else {
                    try await evaluator.evaluate(Self.program, name: "big.armox")
                }
                outputs.append(captured.out)
            }
        }
        #expect(outputs[0] == "one\nhello two (the second)\nthree-a\nthree-b\nlast: three\nno $flag\n")
        #expect(outputs[1] == outputs[0])
    }

    @Test func aSyntaxErrorOnTheLastLineStopsItBeforeTheFirstRun() async throws {
        try await withEvaluator { evaluator, captured, server in
            let text = "run google/nano-banana \"a fox\"\necho ran\nif $x {\n  echo open\n"
            let error = try #require(await scriptError { try await runStreamed(text, evaluator) })
            #expect(error.message.hasPrefix("unterminated block"))
            #expect(error.location == SourceLocation(file: "big.armox", line: 3, column: 7))
            #expect(error.rendered().contains("if $x {\n"))
            #expect(captured.out.isEmpty)
            #expect(await server.requestCount(.modelsRun) == 0)
        }
    }

    @Test func aStreamedScriptIsCheckedWholeBeforeItsFirstRun() async throws {
        try await withEvaluator { evaluator, captured, server in
            let text = "run google/nano-banana \"a fox\"\necho between\nrn \"a cat\"\n"
            let error = try #require(await scriptError { try await runStreamed(text, evaluator) })
            #expect(error.message == "unknown command \"rn\"")
            #expect(error.location == SourceLocation(file: "big.armox", line: 3, column: 1))
            #expect(error.rendered().hasSuffix("nothing was run: 1 error found before the first statement\n"))
            #expect(captured.out.isEmpty)
            #expect(await server.requestCount(.modelsRun) == 0)
            #expect(await server.ledger().isEmpty)
        }
    }

    @Test func itsBudgetIsWeighedBeforeItsFirstRun() async throws {
        try await withEvaluator(budget: 100) { evaluator, _, server in
            let text = "run google/nano-banana \"a\"\nrun google/nano-banana \"b\"\n"
            let error = try #require(await scriptError { try await runStreamed(text, evaluator) })
            #expect(error.message == "budget: these runs are sure to cost 140 credits in all, past the 100-credit budget")
            #expect(await server.ledger().isEmpty)
        }
    }

    @Test func itsRunsAreSentOnceEach() async throws {
        try await withEvaluator { evaluator, captured, server in
            let text = "for p in [a, b] {\n  run google/nano-banana $p\n}\ns = $job.status; echo \"ran $s\"\n"
            try await runStreamed(text, evaluator)
            #expect(await server.requestCount(.modelsRun) == 2)
            #expect(await server.ledger().count == 2)
            #expect(captured.out.hasSuffix("ran completed\n"))
        }
    }

    @Test func aScriptPastTheLimitIsStreamedAndOneAtItIsHeld() async throws {
        try await withEvaluator { evaluator, captured, _ in
            func source(_ bytes: Int) -> SourceText {
                let tail = "\necho done\n"
                let comment = "#" + String(repeating: "x", count: bytes - 1 - tail.utf8.count)
                return SourceText(name: "big.armox", text: comment + tail)
            }
            guard case .held = try evaluator.entry(source(EntryStatements.heldLimit)) else {
                Issue.record("a script at the limit was streamed")
                return
            }
            let large = try evaluator.entry(source(EntryStatements.heldLimit + 1))
            guard case .streamed = large else {
                Issue.record("a script past the limit was held")
                return
            }
            try await evaluator.run(large)
            #expect(captured.out == "done\n")
        }
    }
}
