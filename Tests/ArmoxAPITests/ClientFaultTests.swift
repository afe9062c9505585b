import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@Suite("Broken answers and connections")
struct ClientFaultTests {
    @Test func malformedJSONIsReportedWithAnExcerpt() async throws {
        try await withSandbox { server, client in
            await server.inject(.malformedJSON, on: .models)
            let error = await armoxError { _ = try await client.models() }
            guard case .malformedResponse(let m) = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(m.status == 200)
            #expect(!m.excerpt.isEmpty)
            #expect(error!.description.contains("malformed response"))
        }
    }

    @Test func truncatedJSONIsReported() async throws {
        try await withSandbox { server, client in
            await server.inject(.truncatedJSON, on: .account)
            let error = await armoxError { _ = try await client.account() }
            guard case .malformedResponse(let m) = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(m.reason.contains("truncated") || m.reason.contains("JSON"))
        }
    }

    @Test func droppedConnectionOnAGetIsRetried() async throws {
        try await withSandbox { server, client in
            await server.inject(.dropConnection, on: .apps)
            let apps = try await client.apps()
            #expect(apps.count >= 2)
        }
    }

    @Test func droppedConnectionsEverywhereGiveATransportError() async throws {
        try await withSandbox { server, client in
            await server.inject(.dropConnection, on: .apps, times: 10)
            let error = await armoxError { _ = try await client.apps() }
            guard case .transport = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(await server.requestCount(.apps) == 4)
        }
    }

    @Test func aLostReplyLeavesExactlyOneAcceptedRun() async throws {
        try await withSandbox { server, client in
            await server.inject(.lostReply, on: .modelsRun)
            let error = await armoxError { _ = try await client.run(model: "google/nano-banana", input: ["prompt": "x"]) }
            #expect(error != nil)
            #expect(error?.runMayHaveBeenAccepted == true)
            #expect(await server.requestCount(.modelsRun) == 1)
            #expect(await server.ledger().count == 1)
            // The accepted run is findable.
            let listed = try await client.jobs(limit: 5)
            #expect(listed.count == 1)
        }
    }

    @Test func aTruncatedRunReplyIsNotResent() async throws {
        try await withSandbox { server, client in
            await server.inject(.truncatedJSON, on: .modelsRun)
            let error = await armoxError { _ = try await client.run(model: "google/nano-banana", input: ["prompt": "x"]) }
            guard case .malformedResponse = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(error?.runMayHaveBeenAccepted == true)
            #expect(await server.requestCount(.modelsRun) == 1)
            #expect(await server.ledger().count == 1)
        }
    }

    @Test func aDroppedRunIsNotResent() async throws {
        try await withSandbox { server, client in
            await server.inject(.dropConnection, on: .modelsRun)
            let error = await armoxError { _ = try await client.run(model: "google/nano-banana", input: ["prompt": "x"]) }
            #expect(error?.runMayHaveBeenAccepted == true)
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }

    @Test func aSlowServerTimesOut() async throws {
        try await withSandbox(retry: .none, requestTimeout: .milliseconds(300)) { server, client in
            await server.inject(.delay(seconds: 3), on: .account)
            let started = ContinuousClock.now
            let error = await armoxError { _ = try await client.account() }
            guard case .timedOut = error else { Issue.record("got \(String(describing: error))"); return }
            // Before the server's 3 s answer (a loaded suite has taken 2.2 s to get there).
            #expect(ContinuousClock.now - started < .milliseconds(2_900))
        }
    }

    @Test func connectionRefusedIsNotSentAndSaysSo() async throws {
        // A port bound but never listening: connections to it are refused.
        let reserved = try ReservedPort()
        defer { reserved.release() }
        var configuration = ArmoxConfiguration(baseURL: "http://127.0.0.1:\(reserved.port)/api/v1", apiKey: SandboxKeys.valid)
        configuration.retry = .none
        configuration.connectTimeout = .seconds(2)
        let client = ArmoxClient(configuration: configuration)
        let error = await armoxError { _ = try await client.run(model: "google/nano-banana", input: ["prompt": "x"]) }
        await client.shutdown()
        guard case .transport(let failure) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(!failure.requestMayHaveBeenProcessed)
        #expect(failure.reason.contains("connect"))
    }

    @Test func aRunRefusedAtConnectIsResentOnceTheServerIsUp() async throws {
        // Nothing was written to a refused connection, so re-sending the run is
        // safe: the server that comes up on the same port accepts it once.
        // The port is held (refusing connections) until the server takes it.
        let reserved = try ReservedPort()
        let port = reserved.port
        var configuration = ArmoxConfiguration(baseURL: "http://127.0.0.1:\(port)/api/v1", apiKey: SandboxKeys.valid)
        configuration.retry = RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(100), maxDelay: .milliseconds(400))
        let client = ArmoxClient(configuration: configuration)
        let job = Task { try await client.run(model: "google/nano-banana", input: ["prompt": "x"]) }
        try await Task.sleep(for: .milliseconds(150))
        var again = SandboxConfiguration()
        again.speed = 0.01
        let second: SandboxServer
        do {
            second = try await reserved.startSandbox(again)
        } catch {
            job.cancel()
            _ = try? await job.value
            await client.shutdown()
            throw error
        }
        let result = try? await job.value
        #expect(result?.status == .completed)
        #expect(await second.ledger().count == 1)
        await client.shutdown()
        await second.stop()
    }
}
