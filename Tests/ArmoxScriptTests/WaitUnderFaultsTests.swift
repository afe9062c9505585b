import ArmoxAPI
@testable import ArmoxHost
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxScript
@testable import ArmoxRender

/// A wait through what a run's own matrix does not cover: a status no
/// client knows, and polls that keep failing. Neither ends the wait; each is
/// said once on stderr.
@Suite("Waiting through faults")
struct WaitUnderFaultsTests {
    /// A status no client knows never ends a wait: it counts as running, is
    /// shown as it came, and stderr says so once.
    @Test func anUnknownStatusKeepsTheWaitGoingUntilItsTimeout() async throws {
        try await OnceOnlyTests.withFaults { evaluator, captured, server in
            try await evaluator.evaluate(#"clip = run google/veo-3 "waves" --detach"#)
            let id = try #require(evaluator.session.startedJobs.first)
            await server.inject(.body(status: 200, body: #"{"id": "\#(id)", "object": "job", "status": "succeeded"}"#), on: .jobGet, times: 1_000)
            let clock = ContinuousClock()
            let started = clock.now
            let error = await scriptError { try await evaluator.evaluate("wait $clip --timeout=0.5", name: "t.armox") }
            #expect(clock.now - started < .seconds(3))
            let failure = try #require(error)
            #expect(failure.message == "still running after 0.5 s: \(id) (succeeded)", "\(failure.message)")
            let notes = captured.err.components(separatedBy: "reports status \"succeeded\", which armox does not know").count - 1
            #expect(notes == 1, "\(captured.err)")
            #expect(await server.requestCount(.jobGet) > 2, "it kept polling")
            captured.clear()
            try await evaluator.evaluate("job $clip")
            #expect(captured.out.contains("succeeded"), "\(captured.out)")
            #expect(await server.ledger().count == 1)
        }
    }

    /// Polls that keep failing: the wait says so once on stderr and goes on.
    @Test func failingPollsAreReportedOnceAndOutlasted() async throws {
        try await OnceOnlyTests.withFaults { evaluator, captured, server in
            await server.inject(.status(503, message: "Service unavailable"), on: .jobGet, times: 4 * Evaluator.failingRoundsNote)
            try await evaluator.evaluate(#"run google/veo-3 "waves""#)
            #expect(captured.err.components(separatedBy: "note: polls are failing").count - 1 == 1, "\(captured.err)")
            #expect(captured.err.contains("GET /jobs/job_"), "\(captured.err)")
            #expect(captured.err.contains("HTTP 503: Service unavailable"), "\(captured.err)")
            #expect(await server.ledger().count == 1)
        }
    }

    /// Past a screenful the summary line counts every status, unknown ones by their own name.
    @Test func theSummaryLineCountsUnknownStatuses() {
        let jobs = [
            Job(id: "job_1", status: .completed, model: "google/veo-3"),
            Job(id: "job_2", status: JobStatus("queued"), model: "google/veo-3"),
            Job(id: "job_3", status: JobStatus("queued"), model: "google/veo-3"),
        ]
        let lines = WaitProgress.lines(jobs, elapsed: 5, room: 2)
        #expect(lines == ["waiting on 3 jobs: 1 completed, 2 queued — 5s; oldest still running job_2 (google/veo-3)"])
    }
}
