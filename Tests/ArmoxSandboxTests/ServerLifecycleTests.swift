import ArmoxSandbox
import AsyncHTTPClient
import Foundation
import Testing

@Suite("Server lifecycle")
struct ServerLifecycleTests {
    @Test("many sandboxes start in parallel on distinct free ports")
    func parallel() async throws {
        let servers = try await withThrowingTaskGroup(of: SandboxServer.self) { group in
            for _ in 0..<8 { group.addTask { try await SandboxServer.start(SandboxHarness.fast) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(servers.map(\.port)).count == 8)
        for server in servers {
            #expect(server.baseURL == "http://127.0.0.1:\(server.port)/api/v1")
            let reply = try await SandboxHarness(server: server, key: SandboxKeys.valid).get("/account")
            #expect(reply.status == 200)
        }
        for server in servers { await server.stop() }
    }

    @Test("a port in use is an error; a stopped sandbox refuses connections")
    func portInUse() async throws {
        let first = try await SandboxServer.start(SandboxHarness.fast)
        var configuration = SandboxHarness.fast
        configuration.port = first.port
        await #expect(throws: (any Error).self) {
            let second = try await SandboxServer.start(configuration)
            await second.stop()
        }
        await #expect(throws: (any Error).self) {
            try await SandboxServer.runForeground(configuration) { _ in }
        }
        let request = Array("GET /api/v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8)
        let live = await RawSocket.exchange(port: first.port, bytes: request)
        #expect(String(decoding: live.prefix(12), as: UTF8.self) == "HTTP/1.1 401")
        await first.stop()
        // Refused at once. (AsyncHTTPClient would keep retrying a refused
        // connection until its deadline, so ask the socket directly.)
        let stopped = await RawSocket.exchange(port: first.port, bytes: request)
        #expect(stopped.isEmpty)
    }

    @Test("runForeground reports its base URL once listening and serves until cancelled")
    func foreground() async throws {
        let (urls, continuation) = AsyncStream.makeStream(of: String.self)
        let task = Task {
            try await SandboxServer.runForeground(SandboxHarness.fast) { continuation.yield($0) }
        }
        var baseURL = ""
        for await url in urls {
            baseURL = url
            break
        }
        #expect(baseURL.hasPrefix("http://127.0.0.1:") && baseURL.hasSuffix("/api/v1"))
        var request = HTTPClientRequest(url: baseURL + "/models")
        request.headers.add(name: "Authorization", value: "Bearer \(SandboxKeys.valid)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        #expect(response.status.code == 200)
        _ = try await response.body.collect(upTo: 1 << 20)
        task.cancel()
        _ = await task.result
    }
}
