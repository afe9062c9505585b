import ArmoxAPI
import ArmoxLedger
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
}
