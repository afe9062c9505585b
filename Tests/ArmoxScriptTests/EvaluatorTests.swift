import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Synchronization
import Testing

@testable import ArmoxScript

/// Collects what the evaluator prints.
final class Captured: Sendable {
    let out = Mutex("")
    let err = Mutex("")
    var sink: OutputSink {
        OutputSink(out: { text in self.out.withLock { $0 += text } }, err: { text in self.err.withLock { $0 += text } })
    }
}

@Suite("Foundation evaluator")
struct EvaluatorTests {
    func withEvaluator(json: Bool = false, _ body: (Evaluator, Captured) async throws -> Void) async throws {
        try await withSandbox { _, client in
            let captured = Captured()
            try await body(Evaluator(client: client, output: captured.sink, json: json), captured)
        }
    }

    @Test func statementsSplitOnSemicolonsNewlinesAndComments() {
        #expect(Evaluator.statements(in: "models; models video # all videos\n\n  # only a comment\nhelp") == [["models"], ["models", "video"], ["help"]])
    }

    @Test func modelsFiltersByTextAndModality() async throws {
        try await withEvaluator { evaluator, captured in
            try await evaluator.evaluate("models --modality=video")
            let out = captured.out.withLock { $0 }
            #expect(out.contains("google/veo-3"))
            #expect(!out.contains("google/nano-banana"))
        }
    }

    @Test func noMatchSaysSoInsteadOfAnEmptyTable() async throws {
        try await withEvaluator { evaluator, captured in
            try await evaluator.evaluate("models 東京")
            #expect(captured.out.withLock { $0 }.isEmpty)
            #expect(captured.err.withLock { $0 } == "no models match \"東京\"\n")
        }
    }

    @Test func unknownCommandNamesTheKnownOnes() async throws {
        try await withEvaluator { evaluator, _ in
            await #expect(throws: ScriptError.self) { try await evaluator.evaluate("modles") }
        }
    }

    @Test func tableAlignsNonASCII() {
        let table = TextTable(headers: ["ID", "COST"], rows: [["東京", "5"], ["a", "120"]], rightAligned: [1])
        #expect(table.render() == "ID    COST\n東京     5\na      120\n")
    }
}

@Suite("Display width")
struct DisplayWidthTests {
    @Test(arguments: [("abc", 3), ("Straße", 6), ("東京", 4), ("🎬", 2), ("é", 1), ("e\u{301}", 1), ("", 0)])
    func columns(_ text: String, _ width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }
}
