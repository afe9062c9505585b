import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxScript

/// Ctrl-C at the prompt cancels the task running a statement. The evaluator
/// must stop promptly, and a run already on its way must keep its job: it may
/// have been accepted and charged.
@Suite("Cancellation (Ctrl-C at the prompt)")
struct CancellationTests {
    /// The evaluator handed to the task the test cancels; the test awaits that
    /// task before touching the evaluator again.
    struct Handoff: @unchecked Sendable { let evaluator: Evaluator }

    @Test func aLoopStopsBetweenStatements() async throws {
        try await withOfflineEvaluator { evaluator, _ in
            let items = (1...200_000).map(String.init).joined(separator: ", ")
            let program = try evaluator.parse(SourceText(name: "t", text: "for x in [\(items)] { y = $x }"))
            let handoff = Handoff(evaluator: evaluator)
            let task = Task { try await handoff.evaluator.run(program) }
            task.cancel()
            let result = await task.result
            #expect(throws: CancellationError.self) { try result.get() }
            #expect(evaluator.session.variables["y"]?.text != "200000", "the loop ran to its end")
        }
    }

    /// The run request is held up by the server; Ctrl-C arrives meanwhile.
    /// The request still completes, its job is kept, `$job` is it, and
    /// nothing is sent twice.
    @Test func aRunOnItsWayKeepsItsJob() async throws {
        try await withEvaluator({ $0.speed = 1 }) { evaluator, _, server in
            await server.inject(.delay(seconds: 0.5), on: .modelsRun)
            // The catalogue first, so the run's only request is the POST.
            try await evaluator.run(SourceText(name: "t", text: "models"))
            let program = try evaluator.parse(SourceText(name: "t", text: "clip = run google/veo-3 \"a clip\""))
            let handoff = Handoff(evaluator: evaluator)
            let task = Task { try await handoff.evaluator.run(program) }
            // Ctrl-C once the server holds the request.
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(10)
            while await server.requestCount(.modelsRun) == 0, clock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            task.cancel()
            let result = await task.result
            #expect(throws: CancellationError.self) { try result.get() }
            let session = evaluator.session
            #expect(session.startedJobs.count == 1)
            guard case .job(let job)? = session.variables["job"] else {
                Issue.record("$job is not the interrupted run's job")
                return
            }
            #expect(job.id == session.startedJobs.first)
            #expect(!job.status.isTerminal, "it keeps running")
            // The name holds the job too: the run went out, and the job runs on.
            guard case .job(let held)? = session.variables["clip"] else {
                Issue.record("$clip is not the interrupted run's job")
                return
            }
            #expect(held.id == job.id)
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }

    /// Waiting stops at once; the job is untouched and a later wait finds it.
    @Test func aWaitStopsAndTheJobGoesOn() async throws {
        try await withEvaluator({ $0.speed = 0.2 }) { evaluator, captured, _ in
            try await evaluator.run(SourceText(name: "t", text: "clip = run google/veo-3 \"a clip\" --detach"))
            let program = try evaluator.parse(SourceText(name: "t", text: "wait $clip"))
            let handoff = Handoff(evaluator: evaluator)
            let clock = ContinuousClock()
            let started = clock.now
            let task = Task { try await handoff.evaluator.run(program) }
            try await Task.sleep(for: .milliseconds(100))
            task.cancel()
            let result = await task.result
            #expect(throws: CancellationError.self) { try result.get() }
            #expect(clock.now - started < .seconds(1), "the wait did not stop promptly")
            try await evaluator.run(SourceText(name: "t", text: "done = wait $clip; echo ${done.status}"))
            #expect(captured.out.hasSuffix("completed\n"), "\(captured.out)")
        }
    }
}

/// A wait that ends at its --timeout leaves the name bound to the job, as Ctrl-C does.
@Suite("An assignment whose wait stops")
struct InterruptedAssignmentTests {
    @Test func aTimedOutRunIsStillNamed() async throws {
        try await withEvaluator({ $0.speed = 1 }) { evaluator, _, server in
            let error = await scriptError { try await evaluator.evaluate(#"clip = run google/veo-3 "waves" --timeout=0.2"#, name: "t") }
            #expect(error?.message.hasPrefix("still running after 0.2 s") == true, "\(String(describing: error))")
            guard case .job(let job)? = evaluator.session.variables["clip"] else {
                Issue.record("$clip is not the job")
                return
            }
            #expect(job.id == evaluator.session.startedJobs.first)
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }
}
