import ArmoxAPI
import ArmoxSandbox
import Foundation
import Testing

@testable import ArmoxScript
@testable import ArmoxRender

/// `jobs --session`: the session's jobs newest first, the unfinished ones
/// brought up to date by one bulk poll; and the PROMPT column of job tables.
@Suite("jobs --session")
struct SessionJobsTests {
    /// Until the sandbox reports every one of `ids` finished (at most 20 s).
    static func settle(_ ids: [String], _ client: ArmoxClient) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let recent = try await client.jobs(limit: 100)
            if ids.allSatisfy({ id in recent.contains { $0.id == id && $0.status.isTerminal } }) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the sandbox did not finish \(ids)")
    }

    @Test func newestFirstAndRefreshedByOneBulkPoll() async throws {
        try await withEvaluator { evaluator, captured, server in
            try await evaluator.evaluate(#"a = run google/veo-3 "the first clip" --detach; b = run google/veo-3 "the second clip" --detach"#)
            guard case .job(let a)? = evaluator.session.variables["a"], case .job(let b)? = evaluator.session.variables["b"] else {
                Issue.record("no jobs")
                return
            }
            #expect(!a.status.isTerminal && !b.status.isTerminal)
            try await Self.settle([a.id, b.id], evaluator.client)
            let (lists, gets) = (await server.requestCount(.jobsList), await server.requestCount(.jobGet))
            try await evaluator.evaluate("listed = jobs --session")
            #expect(await server.requestCount(.jobsList) == lists + 1, "one bulk poll")
            #expect(await server.requestCount(.jobGet) == gets, "no poll by id")
            guard case .list(let items)? = evaluator.session.variables["listed"] else {
                Issue.record("not a list")
                return
            }
            let listed = items.compactMap { item -> Job? in if case .job(let job) = item { job.job } else { nil } }
            #expect(listed.map(\.id) == [b.id, a.id], "newest first")
            #expect(listed.allSatisfy { $0.status == .completed }, "\(listed.map(\.status))")
            captured.clear()
            try await evaluator.evaluate("jobs --session")
            let lines = captured.out.split(separator: "\n")
            #expect(lines.first?.contains("PROMPT") == true, "\(captured.out)")
            #expect(lines.count == 3)
            #expect(lines.dropFirst().first?.contains("the second clip") == true, "\(captured.out)")
            #expect(lines.last?.contains("the first clip") == true)
            #expect(!captured.out.contains("processing"), "\(captured.out)")
        }
    }

    @Test func finishedJobsNeedNoPoll() async throws {
        try await withEvaluator { evaluator, captured, server in
            try await evaluator.evaluate(#"x = run google/nano-banana "a fox"; jobs --session"#)
            #expect(await server.requestCount(.jobsList) == 0)
            #expect(await server.requestCount(.jobGet) == 0)
            #expect(captured.out.contains("a fox"))
        }
    }

    /// A long prompt is cut to fit; the ids and the output URL stay whole.
    @Test func thePromptIsCutToFit() async throws {
        try await withEvaluator(host: scriptHost(style: { OutputStyle(width: 220) })) { evaluator, captured, _ in
            let prompt = "a lighthouse on a cliff at dusk, " + String(repeating: "waves breaking below, ", count: 12)
            try await evaluator.evaluate("x = run google/nano-banana \"\(prompt)\"")
            guard case .job(let job)? = evaluator.session.variables["x"] else { return }
            try await evaluator.evaluate("jobs --session")
            #expect(captured.out.contains("a lighthouse on a cliff"), "\(captured.out)")
            #expect(captured.out.contains("…"))
            #expect(captured.out.contains(job.id))
            #expect(captured.out.contains(job.outputURLs[0]))
            for line in captured.out.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 220, "\(line)") }
        }
    }
}
