import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Hummingbird
import Synchronization
import Testing

/// A throwaway HTTP server on a free loopback port, for answers the sandbox
/// has no reason to give (redirects).
struct ScratchServer {
    let server: LoopbackServer
    var port: Int { server.port }

    static func start(_ build: (Router<BasicRequestContext>) -> Void) async throws -> ScratchServer {
        let router = Router()
        build(router)
        return ScratchServer(server: try await LoopbackServer.start(router.buildResponder()))
    }

    func stop() async { await server.stop() }
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
        let origin = try await ScratchServer.start { router in
            router.get("/api/v1/models") { _, _ -> Response in
                // Same machine, other origin: "localhost" is not "127.0.0.1", and the port differs.
                Response(status: .found, headers: [.location: "http://localhost:\(target.port)/api/v1/models"])
            }
        }
        let client = ArmoxClient(configuration: ArmoxConfiguration(baseURL: "http://127.0.0.1:\(origin.port)/api/v1", apiKey: key))
        let models = try await client.models()
        await client.shutdown()
        await origin.stop()
        await target.stop()
        #expect(models.map(\.id) == ["moved/model"])
        #expect(seen.withLock { $0 } == [nil])
    }

    /// The other origin asks for a key armox kept back: the error names the
    /// redirect, not the key (which is fine).
    @Test func aKeyAskedForAfterARedirectToAnotherHostNamesTheRedirect() async throws {
        let target = try await ScratchServer.start { router in
            router.get("/api/v1/models") { _, _ -> Response in
                Response(status: .unauthorized, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"error":"Missing Authorization Bearer token"}"#)))
            }
        }
        let origin = try await ScratchServer.start { router in
            router.get("/api/v1/models") { _, _ -> Response in
                Response(status: .temporaryRedirect, headers: [.location: "http://localhost:\(target.port)/api/v1/models"])
            }
        }
        let client = ArmoxClient(configuration: ArmoxConfiguration(baseURL: "http://127.0.0.1:\(origin.port)/api/v1", apiKey: key))
        let error = await #expect(throws: ArmoxError.self) { try await client.models() }
        await client.shutdown()
        await origin.stop()
        await target.stop()
        let text = error.map { String(describing: $0) } ?? ""
        #expect(text.contains("the server redirected to localhost, another origin, which asks for a key (HTTP 401)"), "\(text)")
        #expect(!text.contains("Missing Authorization"))
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
        let client = ArmoxClient(configuration: ArmoxConfiguration(baseURL: "http://127.0.0.1:\(server.port)/api/v1", apiKey: key))
        let models = try await client.models()
        await client.shutdown()
        await server.stop()
        #expect(models.isEmpty)
        #expect(seen.withLock { $0 } == ["Bearer \(key)"])
    }

    @Test func aRunRedirectedToAnotherHostIsRefused() async throws {
        let server = try await ScratchServer.start { router in
            router.post("/api/v1/models/run") { _, _ -> Response in
                Response(status: .temporaryRedirect, headers: [.location: "http://localhost:1/api/v1/models/run"])
            }
        }
        let client = ArmoxClient(configuration: ArmoxConfiguration(baseURL: "http://127.0.0.1:\(server.port)/api/v1", apiKey: key))
        let error = await armoxError { _ = try await client.run(model: "m", input: ["prompt": "x"]) }
        await client.shutdown()
        await server.stop()
        guard case .refused(let why) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(why.contains("localhost"))
        #expect(!why.contains(key))
    }
}
