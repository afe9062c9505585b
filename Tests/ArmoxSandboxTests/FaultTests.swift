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

    @Test("stop is prompt even with a request held by a long delay, and safe twice")
    func stopWhileDelayed() async throws {
        let server = try await SandboxServer.start(SandboxHarness.fast)
        await server.inject(.delay(seconds: 30), on: .models)
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
