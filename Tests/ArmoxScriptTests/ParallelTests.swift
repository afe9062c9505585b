import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxScript

/// `parallel N`: a run waits for a slot while N of the session's jobs are
/// unfinished; the sandbox, sampled while a loop sends, never holds more.
@Suite("parallel: a running cap")
struct ParallelTests {
    struct Handoff: @unchecked Sendable { let evaluator: Evaluator }

    @Test func parallelTwoNeverLetsThreeJobsRunAtOnce() async throws {
        try await withEvaluator({ $0.speed = 0.1 }) { evaluator, captured, server in
            let program = try evaluator.parse(SourceText(name: "t.armox", text: """
                parallel 2
                made = for p in [a, b, c, d, e, f] { run elevenlabs/music "loop $p" --detach }
                wait all
                parallel
                """))
            let handoff = Handoff(evaluator: evaluator)
            let task = Task { try await handoff.evaluator.run(program) }
            var most = 0
            var samples = 0
            while !task.isCancelled {
                let snapshot = await server.snapshot()
                most = max(most, snapshot.unfinished)
                samples += 1
                if snapshot.jobs == 6 && snapshot.unfinished == 0 { break }
                try await Task.sleep(for: .milliseconds(5))
                if samples > 20_000 { break }
            }
            try await task.value
            #expect(most == 2, "the sandbox held \(most) unfinished jobs at once (\(samples) samples)")
            #expect(await server.requestCount(.modelsRun) == 6)
            #expect(captured.out.contains("parallel: at most 2 jobs unfinished at once (0 now)"))
        }
    }

    /// Ctrl-C while a run waits for its slot: the run is never sent.
    @Test func interruptedWhileWaitingForASlotSendsNothingMore() async throws {
        try await withEvaluator({ $0.speed = SandboxConfiguration.maxSpeed }) { evaluator, _, server in
            let program = try evaluator.parse(SourceText(name: "t.armox", text: """
                parallel 1
                run google/veo-3 "one" --detach
                run google/veo-3 "two" --detach
                """))
            let handoff = Handoff(evaluator: evaluator)
            let task = Task { try await handoff.evaluator.run(program) }
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(20)
            // The second run is waiting once the first job is being polled.
            while await server.requestCount(.jobsList) + server.requestCount(.jobGet) == 0, clock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            task.cancel()
            let result = await task.result
            #expect(throws: CancellationError.self) { try result.get() }
            try await Task.sleep(for: .milliseconds(200))
            #expect(await server.requestCount(.modelsRun) == 1)
            #expect(evaluator.session.startedJobs.count == 1)
        }
    }

    @Test func aLimitIsAWholeNumberOrOff() async throws {
        try await withOfflineEvaluator { evaluator, captured in
            for bad in ["0", "2.5", "lots", "1001"] {
                do {
                    try await evaluator.evaluate("parallel \(bad)", name: "t.armox")
                    Issue.record("parallel \(bad) was taken")
                } catch let error as ScriptError {
                    #expect(error.message == "parallel takes a whole number of jobs from 1 to 1000, or off")
                    #expect(error.location?.description == "t.armox:1:10")
                }
            }
            try await evaluator.evaluate("parallel 3; parallel off", name: "t.armox")
            #expect(evaluator.session.parallel == nil)
            #expect(captured.out.contains("parallel: off"))
        }
    }
}
