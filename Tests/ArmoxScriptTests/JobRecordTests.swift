import ArmoxAPI
import Testing

@testable import ArmoxScript

/// A job is kept once: every value naming it holds the session's record,
/// so a copy made before a wait reads what the wait learnt.
@Suite("one record per job")
struct JobRecordTests {
    @Test func everyValueNamingAJobHoldsTheSessionsRecord() async throws {
        try await withEvaluator { evaluator, captured, _ in
            try await evaluator.evaluate(#"a = run google/veo-3 "a clip" --detach; kept = [$a]; copy = $a"#)
            guard case .job(let a)? = evaluator.session.variables["a"],
                case .list(let kept)? = evaluator.session.variables["kept"], case .job(let item)? = kept.first,
                case .job(let copy)? = evaluator.session.variables["copy"]
            else {
                Issue.record("no job values")
                return
            }
            let record = try #require(evaluator.session.jobs[a.id])
            #expect(a === record && item === record && copy === record)
            #expect(!record.status.isTerminal)

            try await evaluator.evaluate("wait $a")
            #expect(record.status == .completed)
            captured.clear()
            try await evaluator.evaluate("print $kept[0].status; print $copy.status; print $copy.output")
            #expect(captured.out == "completed\ncompleted\n\(record.outputURLs[0])\n")
            guard case .job(let last)? = evaluator.session.variables["job"] else {
                Issue.record("no $job")
                return
            }
            #expect(last === record)
        }
    }

    /// An answer that leaves out what the job was started as keeps what an
    /// earlier answer said; what changes (status, outputs) is taken.
    @Test func aLaterAnswerKeepsWhatTheJobWasStartedAs() {
        var session = Session()
        let started = Job(id: "j1", status: .pending, runType: "app", appID: "app_1", appName: "Product hero",
                          input: .object(["prompt": .string("a bottle")]), createdAt: "2026-12-02T10:00:00Z")
        let record = session.record(started, started: true)
        let listed = Job(id: "j1", status: .completed, output: .object(["images": .array([.string("https://x/1.png")])]))
        #expect(session.record(listed) === record)
        #expect(record.status == .completed && record.outputURLs == ["https://x/1.png"])
        #expect(record.appName == "Product hero" && record.appID == "app_1" && record.runType == "app")
        #expect(record.createdAt == "2026-12-02T10:00:00Z" && record.input?["prompt"]?.stringValue == "a bottle")
        #expect(session.startedJobs == ["j1"])
    }
}
