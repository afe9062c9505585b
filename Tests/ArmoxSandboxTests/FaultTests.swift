import ArmoxSandbox
import AsyncHTTPClient
import Foundation
import Testing

@Suite("Injected faults")
struct FaultTests {
    static let run = #"{"model": "google/nano-banana", "input": {"prompt": "a cat"}}"#

    @Test("status faults answer in the error shape, then the endpoint recovers")
    func status() async throws {
        try await SandboxHarness.with { sandbox in
            await sandbox.server.inject(.status(500, message: "Internal server error"), on: .models, times: 2)
            for _ in 0..<2 {
                let reply = try await sandbox.get("/models")
                #expect(reply.status == 500)
                #expect(try reply.errorMessage() == "Internal server error")
            }
            #expect(try await sandbox.get("/models").status == 200)
        }
    }

    @Test("faults come before authentication, like an outage")
    func beforeAuth() async throws {
        try await SandboxHarness.with(key: nil) { sandbox in
            await sandbox.server.inject(.status(503, message: "Service unavailable"), on: .account)
            let faulted = try await sandbox.get("/account")
            #expect(faulted.status == 503)
            let unauthenticated = try await sandbox.get("/account")
            #expect(unauthenticated.status == 401)
        }
    }

    @Test("delay: answers normally, after the delay")
    func delay() async throws {
        try await SandboxHarness.with { sandbox in
            await sandbox.server.inject(.delay(seconds: 0.3), on: .models)
            let clock = ContinuousClock()
            let start = clock.now
            let reply = try await sandbox.get("/models")
            #expect(clock.now - start >= .milliseconds(290))
            #expect(reply.status == 200)
            #expect(try reply.object().string("object") == "list")
        }
    }

    @Test("dropConnection: the client gets an error and the run is not accepted")
    func drop() async throws {
        try await SandboxHarness.with { sandbox in
            await sandbox.server.inject(.dropConnection, on: .modelsRun)
            // AsyncHTTPClient sees the peer close before any response byte.
            await #expect(throws: HTTPClientError.remoteConnectionClosed) {
                _ = try await sandbox.post("/models/run", Self.run)
            }
            #expect(await sandbox.server.ledger().isEmpty)
            #expect(await sandbox.server.credits() == 10_000)
            #expect(await sandbox.server.requestCount(.modelsRun) == 1)
            // The server is fine afterwards.
            let next = try await sandbox.post("/models/run", Self.run)
            #expect(next.status == 200)
        }
    }

    @Test("lostReply: the client gets an error but the run was accepted, once")
    func lostReply() async throws {
        try await SandboxHarness.with { sandbox in
            await sandbox.server.inject(.lostReply, on: .modelsRun)
            await #expect(throws: HTTPClientError.remoteConnectionClosed) {
                _ = try await sandbox.post("/models/run", Self.run)
            }
            let ledger = await sandbox.server.ledger()
            #expect(ledger.count == 1)
            #expect(ledger.first?.model == "google/nano-banana" && ledger.first?.refunded == false)
            #expect(await sandbox.server.credits() == 9_930)
            #expect(await sandbox.server.requestCount(.modelsRun) == 1)
            // The job exists and can be found by listing.
            let jobs = try await sandbox.get("/jobs").object()["data"] as? [[String: Any]]
            #expect(jobs?.first?.string("id") == ledger.first?.jobId)
        }
    }

    @Test("malformedJSON: 200 with a body that does not parse")
    func malformed() async throws {
        try await SandboxHarness.with { sandbox in
            await sandbox.server.inject(.malformedJSON, on: .modelsRun)
            let reply = try await sandbox.post("/models/run", Self.run)
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "application/json")
            #expect((try? JSONSerialization.jsonObject(with: Data(reply.body))) == nil)
            #expect(await sandbox.server.ledger().isEmpty)
        }
    }

    @Test("truncatedJSON: a complete response whose JSON is cut in half")
    func truncated() async throws {
        try await SandboxHarness.with { sandbox in
            let full = try await sandbox.get("/models")
            await sandbox.server.inject(.truncatedJSON, on: .models)
            let cut = try await sandbox.get("/models")
            #expect(cut.status == 200)
            #expect(cut.header("Content-Length") == String(cut.body.count))
            #expect(cut.body.count == full.body.count / 2)
            #expect(Array(full.body.prefix(cut.body.count)) == cut.body)
            #expect((try? JSONSerialization.jsonObject(with: Data(cut.body))) == nil)
        }
    }

    @Test("body: exactly the status and body given, nothing carried out")
    func rawBody() async throws {
        try await SandboxHarness.with { sandbox in
            let text = #"{"id": 42, "object": "job", "status": "completed", "credits_charged": "seventy"}"#
            await sandbox.server.inject(.body(status: 200, body: text), on: .modelsRun)
            let reply = try await sandbox.post("/models/run", Self.run)
            #expect(reply.status == 200)
            #expect(reply.text == text)
            #expect(reply.header("Content-Type") == "application/json")
            #expect(await sandbox.server.ledger().isEmpty)
            // Any status, error ones included, and no rate-limit headers: nothing was admitted.
            await sandbox.server.inject(.body(status: 503, body: "upstream says no"), on: .account)
            let account = try await sandbox.get("/account")
            #expect(account.status == 503 && account.text == "upstream says no")
            #expect(account.header("X-RateLimit-Limit") == nil)
        }
    }

    @Test("body with carryOut: the run is accepted, and {{id}} is its job")
    func rawBodyCarriedOut() async throws {
        try await SandboxHarness.with { sandbox in
            let text = #"{"id": "{{id}}", "object": "job", "status": "queued", "created_at": 17}"#
            await sandbox.server.inject(.body(status: 202, body: text, carryOut: true), on: .modelsRun)
            let reply = try await sandbox.run("google/veo-3", input: #"{"prompt": "waves"}"#)
            let ledger = await sandbox.server.ledger()
            #expect(ledger.count == 1)
            let id = try #require(ledger.first?.jobId)
            #expect(reply.status == 202)
            #expect(reply.text == text.replacingOccurrences(of: "{{id}}", with: id))
            #expect(reply.header("X-RateLimit-Limit") != nil, "the real answer's headers are kept")
            // On a poll: the job's real record is read, and answered for with the raw body.
            await sandbox.server.inject(
                .body(status: 200, body: #"{"id": "{{id}}", "status": "succeeded"}"#, carryOut: true), on: .jobGet)
            let poll = try await sandbox.get("/jobs/\(id)")
            #expect(try poll.object().string("status") == "succeeded")
            #expect(try poll.object().string("id") == id)
            #expect(try await sandbox.get("/jobs/\(id)").object().string("id") == id)
        }
    }

    @Test("oversized: 200 with well-formed JSON of exactly the size asked, nothing carried out", arguments: [2, 13, 14, 15, 3 * 65_536 + 7])
    func oversized(bytes: Int) async throws {
        try await SandboxHarness.with { sandbox in
            await sandbox.server.inject(.oversized(bytes: bytes), on: .modelsRun)
            let reply = try await sandbox.post("/models/run", Self.run)
            #expect(reply.status == 200)
            #expect(reply.body.count == bytes)
            #expect(reply.header("Content-Length") == String(bytes))
            #expect((try? JSONSerialization.jsonObject(with: Data(reply.body))) is [String: Any])
            #expect(await sandbox.server.ledger().isEmpty)
        }
    }

    @Test("slowBody: the head at once, the body trickled over the time given; the run is accepted")
    func slowBody() async throws {
        try await SandboxHarness.with { sandbox in
            let full = try await sandbox.get("/models")
            await sandbox.server.inject(.slowBody(seconds: 2), on: .models)
            var request = HTTPClientRequest(url: sandbox.server.baseURL + "/models")
            request.headers.add(name: "Authorization", value: "Bearer \(SandboxKeys.valid)")
            let clock = ContinuousClock()
            let start = clock.now
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let head = clock.now - start
            var pieces = 0
            var body: [UInt8] = []
            for try await chunk in response.body {
                pieces += 1
                body += chunk.readableBytesView
            }
            let whole = clock.now - start
            #expect(head < .milliseconds(1_000), "the head came after \(head)")
            #expect(whole >= .milliseconds(1_900), "the body came whole after \(whole)")
            #expect(pieces > 1)
            #expect(body == full.body, "the same bytes, only slower")

            await sandbox.server.inject(.slowBody(seconds: 0.2), on: .modelsRun)
            #expect(try await sandbox.post("/models/run", Self.run).status == 200)
            #expect(await sandbox.server.ledger().count == 1)
        }
    }

    @Test("the new kinds read and write their JSON form, and refuse bad values")
    func newKindsJSON() throws {
        let decoder = JSONDecoder()
        let cases: [(String, SandboxFault)] = [
            (#"{"kind": "body", "status": 200, "body": "{}"}"#, .body(status: 200, body: "{}")),
            (#"{"kind": "body", "status": 202, "body": "x", "carryOut": true}"#, .body(status: 202, body: "x", carryOut: true)),
            (#"{"kind": "oversized", "bytes": 17000000}"#, .oversized(bytes: 17_000_000)),
            (#"{"kind": "slowBody", "seconds": 2.5}"#, .slowBody(seconds: 2.5)),
        ]
        for (text, fault) in cases {
            let decoded = try decoder.decode(SandboxFault.self, from: Data(text.utf8))
            #expect(decoded == fault)
            #expect(try decoder.decode(SandboxFault.self, from: JSONEncoder().encode(decoded)) == fault)
        }
        for bad in [
            #"{"kind": "body", "status": 200}"#, #"{"kind": "body", "status": 700, "body": ""}"#,
            #"{"kind": "oversized", "bytes": 1}"#, #"{"kind": "oversized", "bytes": 2000000000000}"#,
            #"{"kind": "slowBody", "seconds": -1}"#, #""slowBody""#, #""oversized""#,
        ] {
            #expect(throws: DecodingError.self, "\(bad)") { try decoder.decode(SandboxFault.self, from: Data(bad.utf8)) }
        }
    }

    @Test("the new kinds over the control surface")
    func newKindsOverHTTP() async throws {
        try await SandboxHarness.with { sandbox in
            let injected = try await sandbox.send(
                "POST", sandbox.origin + "/_sandbox/faults",
                body: #"{"endpoint": "jobsList", "fault": {"kind": "body", "status": 200, "body": "{\"object\": \"list\", \"data\": 7}"}}"#)
            #expect(injected.status == 200)
            #expect(try await sandbox.get("/jobs").text == #"{"object": "list", "data": 7}"#)
            let refused = try await sandbox.send(
                "POST", sandbox.origin + "/_sandbox/faults", body: #"{"endpoint": "models", "fault": {"kind": "oversized", "bytes": 0}}"#)
            #expect(refused.status == 400)
            #expect(try refused.errorMessage()?.contains("bytes must be between 2") == true)
        }
    }

    @Test("faults can be cleared before they are played")
    func clear() async throws {
        try await SandboxHarness.with { sandbox in
            await sandbox.server.inject(.dropConnection, on: .jobsList, times: 5)
            #expect(await sandbox.server.snapshot().pendingFaults["jobsList"] == 5)
            await sandbox.server.clearFaults()
            let jobs = try await sandbox.get("/jobs")
            #expect(jobs.status == 200)
        }
    }

    @Test(
        "stop is prompt even with a request held by a long delay or a slow body, and safe twice",
        arguments: [SandboxFault.delay(seconds: 30), .slowBody(seconds: 30)])
    func stopWhileDelayed(fault: SandboxFault) async throws {
        let server = try await SandboxServer.start(SandboxHarness.fast)
        await server.inject(fault, on: .models)
        let harness = SandboxHarness(server: server, key: SandboxKeys.valid)
        let pending = Task { try? await harness.get("/models") }
        try await Task.sleep(for: .milliseconds(100))
        let clock = ContinuousClock()
        let start = clock.now
        await server.stop()
        await server.stop()
        #expect(clock.now - start < .seconds(5))
        _ = await pending.value
    }
}
