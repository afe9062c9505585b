import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

/// What the client does with each class of fault the sandbox can play, one
/// test each: the error it gives (naming the request, the status, the cap,
/// the timeout) or the retry that gets through, and how long it takes.
@Suite("Each class of fault")
struct FaultClassTests {
    @Test func fiveHundredsOnAGetAreRetriedThenNamedWithTheRequestAndStatus() async throws {
        try await withSandbox { server, client in
            await server.inject(.status(500, message: "Internal server error"), on: .models, times: 10)
            let error = await armoxError { _ = try await client.models() }
            guard case .api(let api) = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(api.status == 500)
            #expect(error?.description == "GET /models: HTTP 500: Internal server error")
            #expect(await server.requestCount(.models) == 4, "4 attempts in all")
        }
    }

    @Test func aFiveHundredWithoutTheErrorShapeShowsItsBody() async throws {
        try await withSandbox(retry: .none) { server, client in
            await server.inject(.body(status: 502, body: "<html><h1>502 Bad Gateway</h1></html>"), on: .account)
            let error = await armoxError { _ = try await client.account() }
            #expect(error?.description == "GET /account: HTTP 502 Bad Gateway: <html><h1>502 Bad Gateway</h1></html>")
        }
    }

    @Test func aFourHundredKeepsTheServersOwnMessageAlone() async throws {
        try await withSandbox(key: "sk_live_not_a_real_key_000000") { _, client in
            let error = await armoxError { _ = try await client.account() }
            #expect(error?.description == "Invalid API key")
        }
    }

    /// A storm of 429s: each Retry-After is waited out, then the error says
    /// the request, the status and the Retry-After.
    @Test func aStormOf429sIsWaitedOutThenReported() async throws {
        try await withSandbox { server, client in
            await server.inject(.rateLimited(retryAfter: 1), on: .account, times: 10)
            let clock = ContinuousClock()
            let started = clock.now
            let error = await armoxError { _ = try await client.account() }
            let took = clock.now - started
            #expect(error?.description == "GET /account: HTTP 429: Rate limit exceeded (retry after 1 s)")
            #expect(await server.requestCount(.account) == 4)
            // Three waits of Retry-After (1 s each, plus up to 250 ms of jitter);
            // the upper bound is wide for a loaded 2-core machine.
            #expect(took >= .seconds(3) && took < .seconds(12), "\(took)")
        }
    }

    @Test func aRetryAfterPastTheLongestWaitIsReportedAtOnce() async throws {
        try await withSandbox { server, client in
            await server.inject(.rateLimited(retryAfter: 600), on: .modelsRun, times: 10)
            let clock = ContinuousClock()
            let started = clock.now
            let error = await armoxError { _ = try await client.run(model: "google/nano-banana", input: ["prompt": "x"]) }
            #expect(clock.now - started < .seconds(5), "it waited")
            #expect(error?.description == "POST /models/run: HTTP 429: Rate limit exceeded (retry after 600 s)")
            #expect(error?.runMayHaveBeenAccepted == false, "a 429 was certainly not accepted")
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }

    /// A slow server gives a timeout within the configured timeout, not four
    /// of them: a timed-out request is not tried again, even a GET.
    @Test(arguments: [SandboxFault.delay(seconds: 5), .slowBody(seconds: 5)])
    func aSlowAnswerTimesOutOnceWithinTheTimeout(_ fault: SandboxFault) async throws {
        try await withSandbox(requestTimeout: .milliseconds(500)) { server, client in
            await server.inject(fault, on: .jobsList, times: 10)
            let clock = ContinuousClock()
            let started = clock.now
            let error = await armoxError { _ = try await client.jobs() }
            let took = clock.now - started
            guard case .timedOut = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(error?.description == "GET /jobs: no complete answer within 0.5 s")
            // Well under the 5 s the server takes: the timeout ended it, once
            // (the bound is wide for a loaded 2-core machine).
            #expect(took >= .milliseconds(450) && took < .milliseconds(4_000), "\(took)")
            // On a loaded machine the server may start handling the request
            // after the client gave up on it: wait for it to be seen, then
            // it must have been sent exactly once.
            let deadline = clock.now + .seconds(3)
            while await server.requestCount(.jobsList) == 0, clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            let sent = await server.requestCount(.jobsList)
            #expect(sent == 1, "sent \(sent) times")
        }
    }

    @Test func aSlowRunIsAcceptedOnceAndSaidToBeAmbiguous() async throws {
        try await withSandbox(requestTimeout: .milliseconds(500)) { server, client in
            await server.inject(.slowBody(seconds: 3), on: .modelsRun)
            let error = await armoxError { _ = try await client.run(model: "google/nano-banana", input: ["prompt": "x"]) }
            guard case .timedOut = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(error?.runMayHaveBeenAccepted == true)
            #expect(await server.ledger().count == 1)
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }

    /// Over the cap for its kind: refused as soon as the head announces it,
    /// as "too large", naming the size and the cap, never read whole and
    /// never called malformed. A catalogue's cap is far above a job's.
    @Test func anOversizedAnswerIsTooLargeNotMalformed() async throws {
        try await withSandbox { server, client in
            var configuration = client.configuration
            configuration.maxCatalogueBytes = 1 << 20
            let small = ArmoxClient(configuration: configuration)
            defer { Task { await small.shutdown() } }
            await server.inject(.oversized(bytes: (1 << 20) + 1), on: .apps)
            let error = await armoxError { _ = try await small.apps() }
            guard case .tooLarge(let o) = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(o.bytes == (1 << 20) + 1)
            #expect(o.cap == 1 << 20)
            #expect(error?.description == "GET /apps: the answer is too large (1048577 bytes, the cap is 1048576 bytes, 1 MiB)")
            #expect(await server.requestCount(.apps) == 1, "an answer too large is not asked for again")
            // Streamed past the cap, with no length announced.
            await server.inject(.endless(pieceBytes: 65536, pause: 0), on: .models)
            let streamed = await armoxError { _ = try await small.models() }
            #expect(streamed?.description == "GET /models: the answer is too large (more than 1048576 bytes, the cap is 1048576 bytes, 1 MiB)")
            // A job's cap is a few MiB; the catalogue's, hundreds.
            #expect(client.configuration.maxResponseBytes == 4 << 20)
            #expect(client.configuration.maxCatalogueBytes == 256 << 20)
            await server.inject(.oversized(bytes: (4 << 20) + 1), on: .account)
            let account = await armoxError { _ = try await client.account() }
            guard case .tooLarge = account else { Issue.record("got \(String(describing: account))"); return }
            // Under the cap it is read (and found not to be an account).
            await server.inject(.oversized(bytes: 1024), on: .account)
            let read = await armoxError { _ = try await client.account() }
            guard case .malformedResponse(let m) = read else { Issue.record("got \(String(describing: read))"); return }
            #expect(m.reason == #"missing field "credits""#)
        }
    }

    /// An error status's body is read only as far as its message needs:
    /// the status and message still come through from a huge body.
    @Test func aHugeErrorBodyStillGivesItsStatus() async throws {
        try await withSandbox { server, client in
            let padding = String(repeating: "x", count: 200_000)
            await server.inject(.body(status: 503, body: #"{"error": "down for maintenance", "padding": "\#(padding)"}"#, carryOut: false), on: .account, times: 10)
            let error = await armoxError { _ = try await client.account() }
            guard case .api(let api) = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(api.status == 503)
        }
    }

    /// Wrong types in fields a job can do without are let go; in the one it
    /// cannot (its id), a clear error naming the field.
    @Test func wrongTypesAreToleratedWhereOptionalAndNamedWhereEssential() async throws {
        try await withSandbox { server, client in
            await server.inject(
                .body(
                    status: 200,
                    body: #"{"id": "job_1", "object": "job", "status": "processing", "credits_charged": "lots", "model_id": 7, "created_at": [], "output_data": "none", "webhook_delivered": "yes"}"#),
                on: .jobGet)
            let job = try await client.job(id: "job_1")
            #expect(job.id == "job_1" && job.status == .processing)
            #expect(job.creditsCharged == nil && job.createdAt == nil && job.webhookDelivered == nil)

            await server.inject(.body(status: 200, body: #"{"id": 42, "object": "job", "status": "completed"}"#), on: .jobGet)
            let error = await armoxError { _ = try await client.job(id: "job_1") }
            guard case .malformedResponse(let m) = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(m.reason == #"field "id" is not a String"#)
            #expect(m.excerpt.contains(#""id": 42"#))

            // In a list, an entry without a readable id is skipped, the others kept.
            await server.inject(
                .body(status: 200, body: #"{"object": "list", "data": [{"id": 5, "status": "completed"}, {"id": "job_2", "status": "queued"}]}"#),
                on: .jobsList)
            let jobs = try await client.jobs()
            #expect(jobs.map(\.id) == ["job_2"])
        }
    }

    @Test(arguments: ["queued", "succeeded", "RUNNING", ""])
    func anUnknownStatusIsKeptAsItCameAndIsNotTerminal(_ status: String) async throws {
        try await withSandbox { server, client in
            await server.inject(.body(status: 200, body: #"{"id": "job_1", "status": "\#(status)"}"#), on: .jobGet)
            let job = try await client.job(id: "job_1")
            #expect(job.status.rawValue == status)
            #expect(!job.status.isTerminal)
        }
    }

    // MARK: ARMOX_TIMEOUT

    @Test func armoxTimeoutSetsTheRequestTimeoutAndBoundsTheConnectTimeout() {
        var warnings: [String] = []
        let short = ArmoxConfiguration.resolve(environment: ["ARMOX_TIMEOUT": "2.5"]) { warnings.append($0) }
        #expect(short.requestTimeout == .milliseconds(2_500))
        #expect(short.connectTimeout == .milliseconds(2_500))
        let long = ArmoxConfiguration.resolve(environment: ["ARMOX_TIMEOUT": " 120 "]) { warnings.append($0) }
        #expect(long.requestTimeout == .seconds(120))
        #expect(long.connectTimeout == .seconds(10))
        let unset = ArmoxConfiguration.resolve(environment: ["ARMOX_TIMEOUT": ""]) { warnings.append($0) }
        #expect(unset.requestTimeout == .seconds(60))
        #expect(warnings.isEmpty)
    }

    @Test(arguments: ["abc", "0", "-5", "nan", "inf", "90000", "10s"])
    func anInvalidArmoxTimeoutIsIgnoredWithAWarning(_ value: String) {
        var warnings: [String] = []
        let configuration = ArmoxConfiguration.resolve(environment: ["ARMOX_TIMEOUT": value]) { warnings.append($0) }
        #expect(configuration.requestTimeout == .seconds(60))
        #expect(configuration.connectTimeout == .seconds(10))
        #expect(warnings == ["ARMOX_TIMEOUT=\(value) is not a number of seconds above 0 and at most 86400; using the default 60 s"])
    }
}
