import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Testing

@testable import ArmoxScript

/// Several jobs are polled through `GET /jobs`; when that keeps failing and
/// each job still answers by id, the wait goes on by id instead of running
/// to its timeout.
@Suite("Waiting when the jobs list fails")
struct ListFallbackTests {
    @Test func aFailingListFallsBackToPollsByID() async throws {
        try await withEvaluator({ $0.speed = 0.05 }) { evaluator, captured, server in
            try await evaluator.evaluate(#"for p in [a, b, c] { run google/veo-3 "clip $p" --detach }"#, name: "t")
            await server.inject(.status(500, message: "list is down"), on: .jobsList, times: 10_000)
            try await evaluator.evaluate("done = wait all --timeout=30", name: "t")
            guard case .list(let jobs)? = evaluator.session.variables["done"] else {
                Issue.record("wait all gave no list")
                return
            }
            #expect(jobs.count == 3)
            #expect(evaluator.session.startedJobs.allSatisfy { evaluator.session.jobs[$0]?.status == .completed })
            #expect(await server.requestCount(.jobGet) >= 3)
            let notes = captured.err.components(separatedBy: "the jobs list is failing").count - 1
            #expect(notes == 1, "\(captured.err)")
            #expect(await server.ledger().count == 3)
        }
    }
}
