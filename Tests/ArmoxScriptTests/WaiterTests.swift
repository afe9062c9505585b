import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxScript

/// The one waiter: jobs waited on together are polled in bulk, the ones the
/// list no longer shows one by one, and a poll that fails for a passing
/// reason never ends the wait or marks a job.
@Suite("The waiter")
struct WaiterTests {
    /// The statuses of the jobs `done = wait …` left in `$done` (none when it holds no list).
    static func statuses(_ evaluator: Evaluator) -> [JobStatus] {
        guard case .list(let items)? = evaluator.session.variables["done"] else { return [] }
        return items.compactMap { item in
            if case .job(let job) = item { return job.status }
            return nil
        }
    }

    /// At speed 100 a video takes 600 s: the jobs move only when the
    /// sandbox's clock is moved on, so what the waiter asks is exact.
    @Test func severalJobsArePolledInBulk() async throws {
        try await withEvaluator({ $0.speed = 100 }) { evaluator, _, server in
            try await evaluator.evaluate(#"for p in [a, b, c, d, e, f, g, h, i, j] { run google/veo-3 "clip $p" --detach }"#)
            server.advanceClock(by: 700)
            try await evaluator.evaluate("done = wait all")
            #expect(Self.statuses(evaluator) == Array(repeating: .completed, count: 10))
            // One list answers for all ten; none is asked about by id.
            #expect(await server.requestCount(.jobsList) == 1)
            #expect(await server.requestCount(.jobGet) == 0)
        }
    }

    /// A job older than the key's 100 newest is not in the list: it is asked
    /// about by id, and the list still covers the new one.
    @Test func jobsTheListNoLongerShowsAreAskedAboutOneByOne() async throws {
        try await withEvaluator({
            $0.speed = 100
            $0.rateLimitPerMinute = 10_000
            $0.startingCredits = 1_000_000
        }) { evaluator, _, server in
            try await evaluator.evaluate(
                """
                old = run google/veo-3 "the oldest" --detach
                for i in [\((1...100).map(String.init).joined(separator: ", "))] { run elevenlabs/music "filler $i" --detach }
                new = run google/veo-3 "the newest" --detach
                """)
            server.advanceClock(by: 700)
            try await evaluator.evaluate("done = wait [$old, $new]")
            guard case .list(let done)? = evaluator.session.variables["done"] else {
                Issue.record("wait gave no list")
                return
            }
            let statuses: [JobStatus?] = done.map { value in
                if case .job(let job) = value { return job.status }
                return nil
            }
            #expect(statuses == [.completed, .completed])
            // The new one through the one list, the old one (past the newest 100) by id.
            #expect(await server.requestCount(.jobsList) == 1)
            #expect(await server.requestCount(.jobGet) == 1)
        }
    }

    /// More runs than the window allows, then a wait on them all: the client
    /// waits for the window instead of running into the limiter, and the
    /// waiter's rounds leave room for the runs (the issue's 50 runs against
    /// 120 a minute, in the same proportions over a 3-second window).
    @Test func runsAndWaitsNeverProvokeA429() async throws {
        try await withEvaluator({
            $0.speed = 0.05
            $0.rateLimitPerMinute = 12
            $0.rateLimitWindow = 3
            $0.startingCredits = 1_000_000
        }) { evaluator, _, server in
            try await evaluator.evaluate(
                """
                for i in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] { run google/veo-3 "clip $i" --detach }
                done = wait all
                """)
            #expect(Self.statuses(evaluator).count == 20)
            #expect(await server.snapshot().rateLimited == 0)
        }
    }

    /// The issue's scale: 200 detached runs waited on together, against a
    /// limit of 120 a window (3 s here instead of a minute): no 429, and far
    /// under one poll request per job per round.
    @Test func twoHundredRunsWaitedOnTogether() async throws {
        try await withEvaluator({
            $0.speed = 0.05
            $0.rateLimitPerMinute = 120
            $0.rateLimitWindow = 3
            $0.startingCredits = 1_000_000
        }) { evaluator, _, server in
            let items = (1...200).map(String.init).joined(separator: ", ")
            try await evaluator.evaluate("for i in [\(items)] { run elevenlabs/music \"loop $i\" --detach }\ndone = wait all")
            #expect(Self.statuses(evaluator) == Array(repeating: .completed, count: 200))
            #expect(await server.snapshot().rateLimited == 0)
            let lists = await server.requestCount(.jobsList)
            let byID = await server.requestCount(.jobGet)
            // Each round asks once for the newest 100, then by id for the
            // older ones the list cannot show: at most 101 requests a round for
            // 200 jobs while the older half is pending, never 200.
            // A round with one job left asks for it by id alone, with no list:
            // those rounds (a few at the end, however the timing falls) add one GET each.
            #expect(byID <= lists * 100 + 10, "\(byID) by id over \(lists) rounds")
            #expect(Double(lists + byID - 10) / Double(lists) <= 101)
        }
    }

    /// 200 finished jobs: one round asks once for the newest 100 and by id
    /// for the 100 the list cannot show, never 200 requests by id.
    @Test func twoHundredFinishedJobsTakeOneListAndAHundredLookups() async throws {
        try await withEvaluator({
            $0.speed = 100
            $0.rateLimitPerMinute = 10_000
            $0.startingCredits = 1_000_000
        }) { evaluator, _, server in
            let items = (1...200).map(String.init).joined(separator: ", ")
            try await evaluator.evaluate("for i in [\(items)] { run elevenlabs/music \"loop $i\" --detach }")
            server.advanceClock(by: 400)
            try await evaluator.evaluate("done = wait all")
            #expect(Self.statuses(evaluator) == Array(repeating: .completed, count: 200))
            #expect(await server.requestCount(.jobsList) == 1)
            #expect(await server.requestCount(.jobGet) == 100)
        }
    }

    /// Failures injected on the poll itself, more than the client's own
    /// retries absorb: the wait goes on and every job finishes.
    @Test func failingPollsNeverEndTheWait() async throws {
        try await withEvaluator({ $0.speed = 100 }) { evaluator, _, server in
            try await evaluator.evaluate("for p in [a, b, c] { run google/veo-3 \"clip $p\" --detach }")
            await server.inject(.status(500, message: "boom"), on: .jobsList, times: 6)
            await server.inject(.dropConnection, on: .jobsList, times: 2)
            await server.inject(.malformedJSON, on: .jobsList, times: 2)
            server.advanceClock(by: 700)
            try await evaluator.evaluate("done = wait all")
            #expect(Self.statuses(evaluator) == Array(repeating: .completed, count: 3))
            // Two rounds' lists failed, each after the client's four attempts
            // (8 of the 10 faults); the third round asked each job by id, and
            // they had finished.
            let lists = await server.requestCount(.jobsList)
            #expect(lists == 2 * 4, "\(lists) lists")
            #expect(await server.requestCount(.jobGet) == 3)
        }
    }

    @Test func aJobFailingMidBatchIsReportedAndTheOthersFinish() async throws {
        try await withEvaluator({ $0.speed = 0.05 }) { evaluator, _, _ in
            let caught = await scriptError {
                try await evaluator.evaluate(
                    """
                    for p in [one, "sandbox:fail two", three] { run google/veo-3 "clip $p" --detach }
                    wait all
                    """, name: "batch.armox")
            }
            let failure = try #require(caught)
            #expect(failure.message.contains("failed"), "\(failure.message)")
            #expect(failure.location?.line == 2)
            let statuses = evaluator.session.startedJobs.compactMap { evaluator.session.jobs[$0]?.status }
            #expect(statuses == [.completed, .failed, .completed])
        }
    }

    @Test func passingFailuresAreTheOnesTheWaitOutlasts() {
        #expect(Evaluator.isPassing(.api(APIError(status: 500, message: "x", request: "GET /jobs"))))
        #expect(Evaluator.isPassing(.api(APIError(status: 429, message: "x", retryAfter: 1, request: "GET /jobs"))))
        #expect(Evaluator.isPassing(.timedOut(seconds: 1, request: "GET /jobs")))
        #expect(!Evaluator.isPassing(.api(APIError(status: 401, message: "Invalid API key", request: "GET /jobs"))))
        #expect(!Evaluator.isPassing(.api(APIError(status: 404, message: "Job not found", request: "GET /jobs/x"))))
        #expect(!Evaluator.isPassing(.missingAPIKey))
    }
}
