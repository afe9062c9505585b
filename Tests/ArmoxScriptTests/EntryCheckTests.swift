import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxScript

/// Every entry is checked whole before its first statement runs: an error
/// checking can know means nothing runs and nothing is spent.
@Suite("The whole-entry check")
struct EntryCheckTests {
    /// Runs `text` as one entry and returns its error, asserting the sandbox saw no run.
    func refused(_ text: String, name: String = "t.armox", _ evaluator: Evaluator, _ server: SandboxServer) async throws -> ScriptError {
        let error = try #require(await scriptError { try await evaluator.evaluate(text, name: name) })
        #expect(await server.requestCount(.modelsRun) == 0)
        #expect(await server.requestCount(.appsRun) == 0)
        #expect(await server.ledger().isEmpty)
        return error
    }

    @Test func aTypoOnTheLastLineStopsTheRunBeforeIt() async throws {
        try await withEvaluator { evaluator, captured, server in
            let error = try await refused("run google/nano-banana \"a fox\"\nrn \"a cat\"", evaluator, server)
            #expect(error.message == "unknown command \"rn\"")
            #expect(error.location == SourceLocation(file: "t.armox", line: 2, column: 1))
            #expect(error.exitStatus == .scriptError)
            #expect(error.rendered().hasSuffix("nothing was run: 1 error found before the first statement\n"))
            #expect(captured.out.isEmpty)
        }
    }

    @Test func everyErrorIsListedWithItsLineAndCaret() async throws {
        try await withEvaluator { evaluator, _, server in
            let script = """
                run google/nano-banana "a fox"
                run google/nano-bananna "typo in the model"
                run google/nano-banana "bad ratio" aspect_ratio=7:7
                run google/nano-banana
                jobs --sesion
                """
            let error = try await refused(script, evaluator, server)
            let all = [error] + error.also
            #expect(all.map { $0.location?.line } == [2, 3, 4, 5])
            #expect(all[0].message == "unknown model \"google/nano-bananna\"")
            #expect(all[1].message.hasPrefix("7:7 is not an allowed value for aspect_ratio"))
            #expect(all[2].message == "google/nano-banana needs a prompt")
            #expect(all[3].message == "jobs has no flag --sesion")
            let text = error.rendered()
            #expect(text.contains("t.armox:3:49: error: 7:7 is not an allowed value"))
            #expect(text.contains("run google/nano-banana \"bad ratio\" aspect_ratio=7:7\n"))
            #expect(text.hasSuffix("nothing was run: 4 errors found before the first statement\n"))
        }
    }

    @Test func aLiteralLoopIsCheckedForEveryItem() async throws {
        try await withEvaluator { evaluator, _, server in
            let error = try await refused(
                #"for r in ["1:1", "16:9", "7:7"] { run google/nano-banana "x" aspect_ratio=$r }"#, name: Evaluator.promptSourceName,
                evaluator, server)
            #expect(error.message.hasPrefix("7:7 is not an allowed value"))
            // One statement at the prompt: its error reads as it always did.
            #expect(error.closing == nil)
        }
    }

    @Test func aSourcedFileIsCheckedWithTheStatementThatSourcesIt() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "run google/nano-banana \"first\"\nrun google/veo-3 \"x\" duration=99\n"
            .write(to: folder.appendingPathComponent("batch.armox"), atomically: true, encoding: .utf8)
        try await withEvaluator { evaluator, _, server in
            let error = try await refused("source \(folder.path)/batch.armox", name: Evaluator.promptSourceName, evaluator, server)
            #expect(error.location?.file == "\(folder.path)/batch.armox")
            #expect(error.location?.line == 2)
            #expect(error.sourceLine == "run google/veo-3 \"x\" duration=99")
        }
    }

    @Test func theBudgetIsWeighedAgainstTheSureRunsFirst() async throws {
        try await withEvaluator { evaluator, _, server in
            // `budget N` before the script's runs counts, as --budget=N does.
            let error = try await refused(
                "budget 100\nrun google/nano-banana \"one\"\nrun google/nano-banana \"two\"", evaluator, server)
            #expect(error.message == "budget: these runs are sure to cost 140 credits in all, past the 100-credit budget")
            #expect(error.location?.line == 3)
            // The failed entry changed nothing: no budget was set.
            #expect(evaluator.budget == nil)
        }
        try await withEvaluator(budget: 100) { evaluator, _, server in
            // A run only a condition on a result makes is not counted as sure.
            try await evaluator.evaluate(
                "a = run google/nano-banana \"one\"\nif $a.status == failed { run google/nano-banana \"again\" }", name: "t.armox")
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }

    @Test func aFailedCheckLeavesTheSessionAsItWas() async throws {
        try await withEvaluator { evaluator, _, server in
            try await evaluator.evaluate("use google/nano-banana", name: "t")
            _ = try await refused("use google/veo-3\nx = 1\nset aspect_ratio=16:9\nrun \"a\"\nrun no/such \"b\"", evaluator, server)
            #expect(evaluator.session.currentModel == "google/nano-banana")
            #expect(evaluator.session.variables["x"] == nil)
            #expect(evaluator.session.defaults.isEmpty)
            #expect(evaluator.session.startedJobs.isEmpty)
            // The catalogue the check fetched is kept: running fetches it no more.
            #expect(await server.requestCount(.models) == 1)
            try await evaluator.evaluate("run \"a fox\"", name: "t")
            #expect(await server.requestCount(.models) == 1)
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }

    /// What only running can know is not guessed into an error.
    @Test func valuesKnownOnlyAtRunTimeAreNotErrors() async throws {
        try await withEvaluator { evaluator, captured, server in
            let folder = try makeScratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            try await evaluator.evaluate(
                """
                hero = run google/nano-banana "a fox"
                echo "error: ${hero.error} credits: ${hero.credits}"
                if $hero.outputs.count == 2 { echo ${hero.outputs[1]} }
                saved = download $hero \(folder.path)/out/
                echo "saved ${saved[0]}"
                clip = run xai/grok-video-image-to-video "pan" image_input=$hero.output duration=5 --detach
                done = wait $clip
                echo ${done.status}
                """, name: "t.armox")
            #expect(await server.requestCount(.modelsRun) == 2)
            #expect(captured.out.contains("credits: 70"))
            #expect(captured.out.hasSuffix("completed\n"), "\(captured.out)")
        }
    }

    @Test func anEntryThatSendsNothingHasItsCommandsShapesChecked() async throws {
        try await withOfflineEvaluator { evaluator, captured in
            let error = try #require(await scriptError { try await evaluator.evaluate("echo one\nx = 2\nrn\nvars --al", name: "t.armox") })
            #expect(([error] + error.also).map(\.message) == ["unknown command \"rn\"", "vars has no flag --al"])
            #expect(captured.out.isEmpty)
        }
    }
}
