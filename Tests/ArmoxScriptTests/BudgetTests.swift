import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Testing

@testable import ArmoxScript

/// `budget N`: a run that would pass the cap is refused before it is sent.
@Suite("budget: a cap on what a session spends")
struct BudgetTests {
    @Test func aRunPastTheBudgetIsRefusedBeforeSending() async throws {
        try await withEvaluator { evaluator, _, server in
            try await evaluator.evaluate("budget 250", name: "t")
            let error = await scriptError {
                try await evaluator.evaluate(#"for p in [1, 2, 3, 4] { run google/nano-banana "fox $p" }"#, name: "t.armox")
            }
            // 4 × 70 pass 250: the loop is refused whole, before its first run.
            #expect(await server.ledger().isEmpty)
            #expect(await server.requestCount(.modelsRun) == 0)
            let failure = try #require(error)
            #expect(failure.message == "budget: these runs are sure to cost 280 credits in all, past the 250-credit budget")
            #expect(failure.hint?.contains("budget off") == true)
            #expect(failure.location?.line == 1)
            // One run at a time, the fourth is refused as it is sent, with what was spent.
            try await evaluator.evaluate(#"for p in [1, 2, 3] { run google/nano-banana "fox $p" }"#, name: "t.armox")
            let fourth = try #require(await scriptError { try await evaluator.evaluate(#"run google/nano-banana "fox 4""#, name: "t.armox") })
            #expect(fourth.message == "budget: google/nano-banana costs 70 credits, and this session has spent 210 of its 250-credit budget (40 left)")
            #expect(await server.requestCount(.modelsRun) == 3)
        }
    }

    /// A negative cost from a server is no credit handed back: it once made
    /// the session's spending -4500 and let every later run past the budget.
    @Test func aNegativeCostIsUnknownAndTheBudgetRefusesTheRun() async throws {
        try await withEvaluator(budget: 100) { evaluator, _, server in
            await server.inject(
                .body(status: 200, body: #"{"object": "list", "data": [{"id": "google/nano-banana", "modality": "image", "cost": -4500}], "has_more": false}"#),
                on: .models, times: 5)
            let refused = await scriptError { try await evaluator.evaluate(#"run google/nano-banana "a fox""#, name: "t") }
            #expect(refused?.message.hasPrefix("budget: the catalogue gives no cost for google/nano-banana") == true, "\(String(describing: refused))")
            #expect(await server.requestCount(.modelsRun) == 0)
            #expect(evaluator.session.spentCredits == 0)
        }
    }

    /// A server that answers a new run with an earlier job's id charged for
    /// both: the budget once counted one, and let a third run past the cap.
    @Test func aRunAnsweredWithAnEarlierJobsIdIsCountedAgain() async throws {
        try await withEvaluator(budget: 200) { evaluator, captured, server in
            let answer = #"{"id": "job_same", "object": "job", "status": "completed", "model": "google/nano-banana", "output": {"outputImage": "https://x.test/a.png"}, "credits_charged": 70}"#
            await server.inject(.body(status: 200, body: answer), on: .modelsRun, times: 3)
            try await evaluator.evaluate(#"run google/nano-banana "one"; run google/nano-banana "two""#, name: "t")
            #expect(evaluator.session.spentCredits == 140)
            #expect(captured.err.contains("job_same, the id of a job this session already holds"), "\(captured.err)")
            let third = await scriptError { try await evaluator.evaluate(#"run google/nano-banana "three""#, name: "t") }
            #expect(third?.message.hasPrefix("budget:") == true, "\(String(describing: third))")
            #expect(await server.requestCount(.modelsRun) == 2)
        }
    }

    @Test func aFailedRunIsRefundedAndNoLongerCounts() async throws {
        try await withEvaluator(budget: 120) { evaluator, _, server in
            try await evaluator.evaluate(#"run google/nano-banana "sandbox:fail" --allow-failure"#, name: "t")
            #expect(evaluator.session.spentCredits == 0)
            try await evaluator.evaluate(#"run google/nano-banana "a fox""#, name: "t")
            #expect(evaluator.session.spentCredits == 70)
            #expect(await server.ledger().count == 2)
        }
    }

    @Test func aRunThatMayHaveBeenAcceptedCountsAsSpent() async throws {
        try await withEvaluator(budget: 100) { evaluator, captured, server in
            await server.inject(.lostReply, on: .modelsRun)
            let lost = await scriptError { try await evaluator.evaluate(#"run google/nano-banana "a fox""#, name: "t") }
            #expect(lost?.hint?.contains("may have been accepted") == true)
            #expect(evaluator.session.spentCredits == 70)
            // 70 may be gone already: another 70 would pass 100, so it is not sent.
            let refused = await scriptError { try await evaluator.evaluate(#"run google/nano-banana "again""#, name: "t") }
            #expect(refused?.message.hasPrefix("budget:") == true)
            #expect(await server.requestCount(.modelsRun) == 1)
            try await evaluator.evaluate("budget", name: "t")
            #expect(captured.out.contains("70 of it for runs that may have been accepted: google/nano-banana at t:1:1"))
        }
    }

    @Test func budgetShowsSetsAndLifts() async throws {
        try await withEvaluator { evaluator, captured, _ in
            try await evaluator.evaluate("budget", name: "t")
            #expect(captured.out == "no budget; spent this session: 0 credits\n")
            try await evaluator.evaluate(#"budget 100; run google/nano-banana "x"; b = budget"#, name: "t")
            #expect(evaluator.budget == 100)
            guard case .object(let fields)? = evaluator.session.variables["b"] else {
                Issue.record("budget gave no object")
                return
            }
            #expect(fields["spent"]?.text == "70")
            #expect(fields["left"]?.text == "30")
            try await evaluator.evaluate("budget off", name: "t")
            #expect(evaluator.budget == nil)
            let bad = await scriptError { try await evaluator.evaluate("budget lots", name: "t") }
            #expect(bad?.message == "budget takes a whole number of credits, or off")
        }
    }

    @Test func aZeroBudgetSendsNothing() async throws {
        try await withEvaluator(budget: 0) { evaluator, _, server in
            let error = await scriptError { try await evaluator.evaluate(#"run-app "Sketch to Render" image_input=[https://example.com/a.png] aspect_ratio=auto"#, name: "t") }
            #expect(error?.message.hasPrefix("budget: Sketch to Render costs") == true)
            #expect(await server.requestCount(.appsRun) == 0)
        }
    }
}
