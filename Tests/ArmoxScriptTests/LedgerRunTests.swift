import ArmoxAPI
import ArmoxLedger
import Crypto
import Foundation
import Testing

@testable import ArmoxScript

/// Runs through the evaluator leave their rows in a real ledger file, written
/// before each request; the ledger's commands read them back.
@Suite("runs in the ledger")
struct LedgerRunTests {
    static func scratch(_ name: String) throws -> URL {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("armox-ledger-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aRunIsWrittenCompletedAndFoundAgain() async throws {
        let folder = try Self.scratch("runs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = try RunLedger(path: folder.path + "/runs.sqlite3")
        let host = EvaluatorHost(ledger: LedgerSession(ledger: ledger, server: "test", id: "session-1"))
        try await withEvaluator(workingDirectory: folder.path, host: host) { evaluator, captured, _ in
            try await evaluator.evaluate(#"hero = run google/nano-banana "a red fox at dawn""#, name: "tour.armox")
            try await evaluator.evaluate(#"clip = run google/veo-3 "waves at night" --detach; wait $clip"#, name: "tour.armox")
            let runs = try ledger.runs(RunQuery(server: "test"))
            #expect(runs.map(\.prompt) == ["waves at night", "a red fox at dawn"])
            #expect(runs.allSatisfy { $0.state == .accepted && $0.status == "completed" && $0.session == "session-1" })
            #expect(runs.map(\.source) == ["tour.armox:1", "tour.armox:1"])
            #expect(runs[1].script == folder.path + "/tour.armox")
            #expect(runs[1].outputs.count == 1 && runs[1].creditsCharged == 70)

            captured.clear()
            try await evaluator.evaluate("found = runs fox")
            guard case .list(let found)? = evaluator.session.variables["found"], case .object(let first)? = found.first else {
                Issue.record("runs gave no list")
                return
            }
            #expect(found.count == 1 && first["prompt"]?.text == "a red fox at dawn" && first["source"]?.text == "tour.armox:1")

            try await evaluator.evaluate("total = spend")
            guard case .object(let total)? = evaluator.session.variables["total"] else {
                Issue.record("spend gave no object")
                return
            }
            #expect(total["credits"]?.text == String(runs.compactMap(\.creditsCharged).reduce(0, +)))
            #expect(total["runs"]?.text == "2")
        }
    }

    @Test func aRefusedRunIsOnRecordAndChargedNothing() async throws {
        let folder = try Self.scratch("refused")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = try RunLedger(path: folder.path + "/runs.sqlite3")
        let host = EvaluatorHost(ledger: LedgerSession(ledger: ledger, server: "test"))
        try await withEvaluator(host: host, { $0.startingCredits = 10 }) { evaluator, _, _ in
            await #expect(throws: (any Error).self) { try await evaluator.evaluate(#"run google/nano-banana "too dear""#) }
            let runs = try ledger.runs(RunQuery())
            #expect(runs.count == 1 && runs[0].state == .refused && runs[0].jobID == nil)
            #expect(try ledger.spend(SpendQuery()) == [])
        }
    }

    @Test func withoutALedgerItsCommandsSaySo() async throws {
        try await withEvaluator { evaluator, _, _ in
            for statement in ["runs", "spend", "wait pending"] {
                do {
                    try await evaluator.evaluate(statement)
                    Issue.record("\(statement) ran without a ledger")
                } catch let error as ScriptError {
                    #expect(error.message.contains("run ledger"), "\(error.message)")
                }
            }
        }
    }

    @Test func rerunSendsTheSameInputWithTheLinesOverrides() async throws {
        let folder = try Self.scratch("rerun")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = try RunLedger(path: folder.path + "/runs.sqlite3")
        let host = EvaluatorHost(ledger: LedgerSession(ledger: ledger, server: "test"))
        try await withEvaluator(host: host) { evaluator, captured, _ in
            try await evaluator.evaluate(#"use google/nano-banana; set output_format=png; h = run google/nano-banana "a red fox" aspect_ratio=16:9"#)
            try await evaluator.evaluate("unset output_format; again = rerun $h aspect_ratio=1:1")
            guard case .job(let first)? = evaluator.session.variables["h"], case .job(let again)? = evaluator.session.variables["again"] else {
                Issue.record("no jobs")
                return
            }
            #expect(again.id != first.id)
            // The same input as sent (the default set then included), with the line's key over it.
            #expect(again.input == .object(["prompt": .string("a red fox"), "aspect_ratio": .string("1:1"), "output_format": .string("png")]))

            // By id, from a session that never saw the job: the ledger has its input.
            let fresh = Evaluator(client: evaluator.client, output: captured.sink, polling: fastPolling, host: host)
            try await fresh.evaluate("third = rerun \(again.id) prompt=\"a grey wolf\"")
            guard case .job(let third)? = fresh.session.variables["third"] else {
                Issue.record("no third job")
                return
            }
            #expect(third.input == .object(["prompt": .string("a grey wolf"), "aspect_ratio": .string("1:1"), "output_format": .string("png")]))
            #expect(try ledger.runs(RunQuery(server: "test")).map(\.prompt) == ["a grey wolf", "a red fox", "a red fox"])

            // Checked like any run: a key the model does not take is refused, and nothing sent.
            await #expect(throws: ScriptError.self) { try await evaluator.evaluate("rerun $h bogus=1") }
            #expect(try ledger.runs(RunQuery(server: "test")).count == 3)
        }
    }

    @Test func rerunOfAnAppKeepsItsInputsAndTheBudgetApplies() async throws {
        let folder = try Self.scratch("rerun-app")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = try RunLedger(path: folder.path + "/runs.sqlite3")
        let host = EvaluatorHost(ledger: LedgerSession(ledger: ledger, server: "test"))
        try await withEvaluator(host: host) { evaluator, _, _ in
            try await evaluator.evaluate(#"a = run-app "Sketch to Render" image_input=[https://example.com/a.png] aspect_ratio=16:9 --detach"#)
            try await evaluator.evaluate("b = rerun $a aspect_ratio=1:1 --detach")
            guard case .job(let b)? = evaluator.session.variables["b"], case .object(let input)? = b.input else {
                Issue.record("no job")
                return
            }
            #expect(b.appID != nil)
            #expect(input.values.contains(.string("1:1")) && input.values.contains(.array([.string("https://example.com/a.png")])))
            try await evaluator.evaluate("budget 1")
            await #expect(throws: ScriptError.self) { try await evaluator.evaluate("rerun $a --detach") }
            #expect(try ledger.runs(RunQuery(server: "test")).count == 2)
        }
    }

    @Test func resumeReusesWhatAnEarlierRunOfTheScriptCompleted() async throws {
        let folder = try Self.scratch("resume")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = try RunLedger(path: folder.path + "/runs.sqlite3")
        let host = EvaluatorHost(ledger: LedgerSession(ledger: ledger, server: "test"))
        let script = folder.path + "/batch.armox"
        try """
            a = run google/nano-banana "one fox"
            for p in ["two fox", "three fox"] {
              run black-forest-labs/flux-schnell "$p"
            }
            """.write(toFile: script, atomically: true, encoding: .utf8)
        try await withEvaluator(workingDirectory: folder.path, host: host) { evaluator, captured, _ in
            try await evaluator.runFile(at: "batch.armox")
            #expect(try ledger.runs(RunQuery(server: "test")).count == 3)

            // One line changed: the other runs are reused, that one is sent.
            try String(contentsOfFile: script, encoding: .utf8).replacingOccurrences(of: "three fox", with: "four fox")
                .write(toFile: script, atomically: true, encoding: .utf8)
            let again = { Evaluator(client: evaluator.client, output: captured.sink, polling: fastPolling, workingDirectory: folder.path, host: host, resume: true) }
            let plan = await again().checkFile(at: script)
            #expect(plan.reusedRuns == 2 && plan.certainCredits == 30, "\(plan.rendered(name: "batch.armox"))")
            captured.clear()
            try await again().runFile(at: "./batch.armox")
            #expect(try ledger.runs(RunQuery(server: "test")).map(\.prompt) == ["four fox", "three fox", "two fox", "one fox"])
            #expect(captured.err.components(separatedBy: "--resume:").count == 3, "\(captured.err)")

            // Without --resume every run is new.
            try await Evaluator(client: evaluator.client, output: captured.sink, polling: fastPolling, workingDirectory: folder.path, host: host)
                .runFile(at: script)
            #expect(try ledger.runs(RunQuery(server: "test")).count == 7)
        }
    }

    @Test func aDownloadIsRecordedWithItsSizeAndHash() async throws {
        let folder = try Self.scratch("download")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = try RunLedger(path: folder.path + "/runs.sqlite3")
        let host = EvaluatorHost(ledger: LedgerSession(ledger: ledger, server: "test"))
        try await withEvaluator(workingDirectory: folder.path, host: host) { evaluator, _, _ in
            try await evaluator.evaluate(#"h = run black-forest-labs/flux-schnell "two foxes" num_outputs=2; download $h out/"#)
            let run = try #require(try ledger.runs(RunQuery(server: "test")).first)
            #expect(run.downloads.count == 2)
            for download in run.downloads {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: download.path))
                #expect(download.path.hasPrefix(folder.path + "/out/job_"))
                #expect(download.size == bytes.count && download.size > 0)
                #expect(download.sha256 == SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
                #expect(run.outputs.contains(download.url))
            }
        }
    }

    /// armox killed while a run's request was out: the ledger holds the run
    /// as sent, with no job. `wait pending` finds its job among the server's
    /// recent ones (same model, same input) and waits on it.
    @Test func waitPendingFindsTheJobOfARunWhoseAnswerWasLost() async throws {
        let folder = try Self.scratch("unanswered")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = try RunLedger(path: folder.path + "/runs.sqlite3")
        let host = EvaluatorHost(ledger: LedgerSession(ledger: ledger, server: "test", id: "now"))
        try await withEvaluator(host: host) { evaluator, captured, _ in
            func sent(_ prompt: String) throws -> Int64 {
                try ledger.begin(RunStart(
                    server: "test", session: "killed", source: "batch.armox:3", script: nil, kind: .model, subject: "google/veo-3",
                    appName: nil, input: .object(["prompt": .string(prompt)]), webhook: nil, estimatedCost: 900))
            }
            _ = try sent("waves at dawn")
            _ = try sent("never reached the server")
            let job = try await evaluator.client.run(model: "google/veo-3", input: ["prompt": .string("waves at dawn")])
            // A job of the same model and input that a run already holds is not taken twice.
            try await evaluator.evaluate(#"other = run google/veo-3 "waves at dawn" --detach"#)

            try await evaluator.evaluate("done = wait pending")
            guard case .list(let done)? = evaluator.session.variables["done"] else {
                Issue.record("wait pending gave no list")
                return
            }
            guard case .job(let other)? = evaluator.session.variables["other"] else {
                Issue.record("the detached run gave no job")
                return
            }
            // Either job may have finished before `wait pending` looked (the sandbox is fast, the machine may be
            // loaded): a finished one is not pending. Only these two may be waited on, and the lost one not twice.
            let waited = done.compactMap { value -> String? in if case .job(let record) = value { return record.id } else { return nil } }
            #expect(Set(waited).isSubset(of: [job.id, other.id]) && Set(waited).count == waited.count, "\(waited)")
            let found = try #require(try ledger.run(jobID: job.id, server: "test"))
            #expect(found.session == "killed" && found.state == .accepted && found.status == "completed")
            #expect(captured.err.contains("had no answer on record; the server has it as job \(job.id)"), "\(captured.err)")
            let open = try ledger.unanswered(server: "test")
            #expect(open.map(\.prompt) == ["never reached the server"])
        }
    }
}
