import ArmoxAPI
import ArmoxTestSupport
import Foundation
import Hummingbird
import Synchronization
import Testing

/// A throwaway HTTP server on a free loopback port, for answers the sandbox
/// has no reason to give (redirects).
struct ScratchServer {
    let port: Int
    let task: Task<Void, any Error>

    static func start(_ build: (Router<BasicRequestContext>) -> Void) async throws -> ScratchServer {
        let router = Router()
        build(router)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }
        )
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return ScratchServer(port: port, task: task)
    }

    func stop() { task.cancel() }
}

@Suite("Redirects")
struct RedirectTests {
    let key = "sk_live_redirect_test_key_5555"

    @Test func aRedirectToAnotherHostNeverCarriesTheKey() async throws {
        let seen = Mutex<[String?]>([])
        let target = try await ScratchServer.start { router in
            router.get("/api/v1/models") { request, _ -> Response in
                seen.withLock { $0.append(request.headers[.authorization]) }
                return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"object":"list","data":[{"id":"moved/model"}]}"#)))
            }
        }
        defer { target.stop() }
        let origin = try await ScratchServer.start { router in
            router.get("/api/v1/models") { _, _ -> Response in
                // Same machine, other origin: "localhost" is not "127.0.0.1", and the port differs.
                Response(status: .found, headers: [.location: "http://localhost:\(target.port)/api/v1/models"])
            }
        }
        defer { origin.stop() }
        let client = ArmoxClient(configuration: ArmoxConfiguration(baseURL: "http://127.0.0.1:\(origin.port)/api/v1", apiKey: key))
        let models = try await client.models()
        await client.shutdown()
        #expect(models.map(\.id) == ["moved/model"])
        #expect(seen.withLock { $0 } == [nil])
    }

    @Test func aRedirectWithinTheOriginKeepsTheKey() async throws {
        let seen = Mutex<[String?]>([])
        let server = try await ScratchServer.start { router in
            router.get("/api/v1/models") { _, _ -> Response in
                Response(status: .movedPermanently, headers: [.location: "/api/v2/models"])
            }
            router.get("/api/v2/models") { request, _ -> Response in
                seen.withLock { $0.append(request.headers[.authorization]) }
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: #"{"data":[]}"#)))
            }
        }
        defer { server.stop() }
        let client = ArmoxClient(configuration: ArmoxConfiguration(baseURL: "http://127.0.0.1:\(server.port)/api/v1", apiKey: key))
        #expect(try await client.models().isEmpty)
        await client.shutdown()
        #expect(seen.withLock { $0 } == ["Bearer \(key)"])
    }

    @Test func aRunRedirectedToAnotherHostIsRefused() async throws {
        let server = try await ScratchServer.start { router in
            router.post("/api/v1/models/run") { _, _ -> Response in
                Response(status: .temporaryRedirect, headers: [.location: "http://localhost:1/api/v1/models/run"])
            }
        }
        defer { server.stop() }
        let client = ArmoxClient(configuration: ArmoxConfiguration(baseURL: "http://127.0.0.1:\(server.port)/api/v1", apiKey: key))
        let error = await armoxError { _ = try await client.run(model: "m", input: ["prompt": "x"]) }
        await client.shutdown()
        guard case .refused(let why) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(why.contains("localhost"))
        #expect(!why.contains(key))
    }
}
