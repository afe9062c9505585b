import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@Suite("Errors keep the server's words")
struct ClientErrorTests {
    func apiError(_ error: ArmoxError?) -> APIError? {
        if case .api(let e) = error { return e }
        Issue.record("expected an API error, got \(String(describing: error))")
        return nil
    }

    @Test func missingKeyIsTold() async throws {
        try await withSandbox { server, _ in
            let client = ArmoxClient(configuration: ArmoxConfiguration(baseURL: server.baseURL, apiKey: nil))
            let error = await armoxError { _ = try await client.models() }
            #expect(error == .missingAPIKey)
            await client.shutdown()
        }
    }

    @Test func invalidKeyIs401AndTheKeyIsNeverInTheText() async throws {
        let key = "sk_live_not_a_real_key_98765"
        try await withSandbox(key: key) { _, client in
            let error = await armoxError { _ = try await client.account() }
            let e = try #require(apiError(error))
            #expect(e.status == 401)
            #expect(e.kind == .unauthorized)
            #expect(e.message == "Invalid API key")
            #expect(!(error?.description.contains(key) ?? true))
        }
    }

    @Test func planRestrictionIs403() async throws {
        try await withSandbox(key: SandboxKeys.noPlan) { _, client in
            let e = try #require(apiError(await armoxError { _ = try await client.models() }))
            #expect(e.kind == .forbidden)
            #expect(e.message == "Public API access requires Agency, Master/Business, or Enterprise plan.")
        }
    }

    @Test func insufficientCreditsIs402WithExactNumbers() async throws {
        try await withSandbox({ $0.startingCredits = 50 }) { server, client in
            let e = try #require(apiError(await armoxError { _ = try await client.run(model: "google/nano-banana", input: ["prompt": "x"]) }))
            #expect(e.kind == .paymentRequired)
            #expect(e.message == "Insufficient credits. Required 70, available 50")
            #expect(await server.ledger().isEmpty)
        }
    }

    @Test func badRequests() async throws {
        try await withSandbox { _, client in
            let missingPrompt = try #require(apiError(await armoxError { _ = try await client.run(model: "google/nano-banana") }))
            #expect(missingPrompt.kind == .badRequest)
            #expect(missingPrompt.message == "Missing required inputs: Prompt")
            let unknownModel = try #require(apiError(await armoxError { _ = try await client.run(model: "nope/nothing", input: ["prompt": "x"]) }))
            #expect(unknownModel.status == 400)
            #expect(unknownModel.message.contains("nope/nothing"))
        }
    }

    @Test func serverErrorKeepsItsMessage() async throws {
        try await withSandbox(retry: .none) { server, client in
            await server.inject(.status(500, message: "Internal server error"), on: .account)
            let e = try #require(apiError(await armoxError { _ = try await client.account() }))
            #expect(e.kind == .server)
            #expect(e.message == "Internal server error")
        }
    }

    @Test func getIsRetriedAfterA500() async throws {
        try await withSandbox { server, client in
            await server.inject(.status(500, message: "Internal server error"), on: .models, times: 2)
            let models = try await client.models()
            #expect(models.count >= 8)
            #expect(await server.requestCount(.models) == 3)
        }
    }

    @Test func runIsNotRetriedAfterA500() async throws {
        try await withSandbox { server, client in
            await server.inject(.status(500, message: "Internal server error"), on: .modelsRun)
            let error = await armoxError { _ = try await client.run(model: "google/nano-banana", input: ["prompt": "x"]) }
            #expect(apiError(error)?.status == 500)
            #expect(error?.runMayHaveBeenAccepted == true)
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }

    @Test func unknownStatusIsOther() async throws {
        try await withSandbox(retry: .none) { server, client in
            await server.inject(.status(418, message: "I'm a teapot"), on: .apps)
            let e = try #require(apiError(await armoxError { _ = try await client.apps() }))
            #expect(e.kind == .other)
            #expect(e.status == 418)
            #expect(e.message == "I'm a teapot")
        }
    }
}

@Suite("Rate limits")
struct RateLimitTests {
    @Test func a429IsWaitedOutAndTheGetRetried() async throws {
        try await withSandbox { server, client in
            await server.inject(.rateLimited(retryAfter: 1), on: .account)
            let started = ContinuousClock.now
            _ = try await client.account()
            #expect(ContinuousClock.now - started >= .seconds(1))
            #expect(await server.requestCount(.account) == 2)
        }
    }

    @Test func a429OnARunIsResentAndChargedOnce() async throws {
        try await withSandbox { server, client in
            await server.inject(.rateLimited(retryAfter: 1), on: .modelsRun)
            let job = try await client.run(model: "google/nano-banana", input: ["prompt": "x"])
            #expect(job.status == .completed)
            #expect(await server.requestCount(.modelsRun) == 2)
            #expect(await server.ledger().count == 1)
        }
    }

    /// The client never provokes a 429 itself: once the headers say the
    /// window is spent, the next request waits for a slot to free.
    @Test func aSpentWindowIsWaitedOutBeforeSending() async throws {
        try await withSandbox({
            $0.rateLimitPerMinute = 3
            $0.rateLimitWindow = 2
        }, retry: .none) { server, client in
            let started = ContinuousClock.now
            for _ in 0..<7 { _ = try await client.account() }
            #expect(await server.snapshot().rateLimited == 0, "a request ran into the limiter")
            #expect(ContinuousClock.now - started >= .seconds(2), "seven requests at three per two seconds fit in no less")
        }
    }

    @Test func aRetryAfterPastTheCapIsReportedNotWaited() async throws {
        try await withSandbox { server, client in
            await server.inject(.rateLimited(retryAfter: 600), on: .models)
            let started = ContinuousClock.now
            let error = await armoxError { _ = try await client.models() }
            guard case .api(let e) = error else { Issue.record("expected 429"); return }
            #expect(e.kind == .rateLimited)
            #expect(e.retryAfter == 600)
            // Reported, not waited (600 s): the bound is wide for a loaded machine.
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }

    @Test func theRealLimiterAnswers429WithHeaders() async throws {
        try await withSandbox({ $0.rateLimitPerMinute = 3 }, retry: .none) { _, client in
            for _ in 0..<3 { _ = try await client.account() }
            #expect(client.rateLimit?.remaining == 0)
            #expect(client.rateLimit?.limit == 3)
            // This client would now wait for the window; a second one, which
            // has not seen the headers, goes straight into the limiter.
            let other = ArmoxClient(configuration: client.configuration)
            defer { Task { await other.shutdown() } }
            let error = await armoxError { _ = try await other.account() }
            guard case .api(let e) = error else { Issue.record("expected 429"); return }
            #expect(e.status == 429)
            #expect(e.message == "Rate limit exceeded")
            // The rest of the 60 s window, in whole seconds.
            #expect((1...60).contains(e.retryAfter ?? 0), "\(String(describing: e.retryAfter))")
        }
    }
}
