import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxScript

/// A job the server accepted stays the session's job: a poll that cannot
/// find it (or refuses the key) right after the 202 is polled through, and
/// a wait that ends for good names the job and how to resume it.
@Suite("An accepted job is never lost")
struct AcceptedJobTests {
    /// The first polls of a just-accepted job answer 404, 401, 403 or 503:
    /// the wait outlasts them and the run is neither lost nor sent again.
    @Test("a just-accepted job outlasts its first polls failing", arguments: [404, 401, 403, 503])
    func firstPollsFailing(_ status: Int) async throws {
        try await withEvaluator { evaluator, captured, server in
            try await evaluator.evaluate("models")
            await server.inject(.status(status, message: status == 404 ? "Job not found" : "HTTP \(status)"), on: .jobGet, times: 3)
            let error = await scriptError { try await evaluator.evaluate(#"run google/veo-3 "waves at dusk""#, name: "t.armox") }
            #expect(error == nil, "\(error?.rendered() ?? "")")
            #expect(await server.ledger().count == 1)
            #expect(await server.requestCount(.modelsRun) == 1)
            #expect(await server.snapshot().pendingFaults["jobGet"] == 0, "the poll never met the fault")
            guard case .job(let job)? = evaluator.session.variables["job"] else {
                Issue.record("no $job; stderr: \(captured.err)")
                return
            }
            #expect(job.status == .completed)
        }
    }

    /// The same from `wait all` on detached runs, through the bulk list.
    @Test func aWaitOnDetachedRunsOutlastsA401OnTheList() async throws {
        try await withEvaluator { evaluator, _, server in
            try await evaluator.evaluate(#"a = run google/veo-3 "one" --detach; b = run google/veo-3 "two" --detach"#)
            await server.inject(.status(401, message: "Invalid API key"), on: .jobsList, times: 3)
            try await evaluator.evaluate("done = wait all")
            guard case .list(let done)? = evaluator.session.variables["done"] else {
                Issue.record("no $done")
                return
            }
            #expect(done.count == 2)
            #expect(await server.ledger().count == 2)
        }
    }

    /// Past the settling time a 404 ends the wait, but the error names the
    /// job, says it was accepted and how to resume; `$job` is the job, and
    /// `wait` alone picks it up once the server finds it again.
    @Test func aWaitThatEndsForGoodNamesTheJobAndHowToResume() async throws {
        try await withSandbox { server, client in
            let captured = Captured()
            let evaluator = Evaluator(
                client: client, output: captured.sink,
                polling: PollingPolicy(initial: 0.01, factor: 1.5, maximum: 0.05, settling: 2))
            try await evaluator.evaluate("models")
            await server.inject(.status(404, message: "Job not found"), on: .jobGet, times: 100_000)
            let failure = try #require(await scriptError { try await evaluator.evaluate(#"run google/veo-3 "waves""#, name: "t.armox") })
            let id = try #require(evaluator.session.startedJobs.first)
            let text = failure.rendered()
            #expect(failure.message.contains(id), "\(text)")
            #expect(failure.message.contains("Job not found"), "\(text)")
            #expect(text.contains("accepted"), "\(text)")
            #expect(text.contains("wait \(id)"), "\(text)")
            #expect(text.contains("job \(id)"), "\(text)")
            #expect(!text.contains("may have been accepted"), "the run was accepted; it is the wait that stopped: \(text)")
            guard case .job(let kept)? = evaluator.session.variables["job"] else {
                Issue.record("$job is not the accepted job")
                return
            }
            #expect(kept.id == id)
            #expect(await server.requestCount(.jobGet) > 1, "polled through the first 404s")
            await server.clearFaults()
            try await evaluator.evaluate("wait")
            guard case .job(let done)? = evaluator.session.variables["job"] else {
                Issue.record("wait gave no job")
                return
            }
            #expect(done.id == id)
            #expect(done.status == .completed)
            #expect(await server.ledger().count == 1)
        }
    }

    /// An id this session never started is not passed off as accepted, but
    /// the error still names it.
    @Test func aWaitOnAnUnknownIDNamesIt() async throws {
        try await withEvaluator { evaluator, _, _ in
            let failure = try #require(await scriptError { try await evaluator.evaluate("wait job_nope", name: "t.armox") })
            #expect(failure.message.contains("job_nope"), "\(failure.rendered())")
            #expect(!failure.rendered().contains("accepted"), "\(failure.rendered())")
        }
    }
}
