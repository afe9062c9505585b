import Foundation
import Testing

@testable import ArmoxSandbox

/// The pure parts, without a server.
@Suite("Units")
struct UnitTests {
    @Test(
        "SandboxFault round-trips through its JSON form",
        arguments: [
            SandboxFault.status(500, message: "Internal server error"), .delay(seconds: 1.5), .dropConnection,
            .malformedJSON, .truncatedJSON, .lostReply, .rateLimited(retryAfter: 30),
        ])
    func faultJSON(fault: SandboxFault) throws {
        let data = try JSONEncoder().encode(fault)
        #expect(try JSONDecoder().decode(SandboxFault.self, from: data) == fault)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["kind"] is String)
    }

    @Test("SandboxFault JSON shorthands and defaults")
    func faultShorthands() throws {
        let decode = { (text: String) in try JSONDecoder().decode(SandboxFault.self, from: Data(text.utf8)) }
        #expect(try decode(#""lostReply""#) == .lostReply)
        #expect(try decode(#"{"kind": "status", "status": 502}"#) == .status(502, message: "Bad gateway"))
        #expect(try decode(#"{"kind": "rateLimited"}"#) == .rateLimited(retryAfter: 60))
        #expect(throws: (any Error).self) { try decode(#""delay""#) }
    }

    @Test("the rate limiter's window, reset and Retry-After")
    func rateLimiter() throws {
        var limiter = RateLimiter(limit: 2)
        let start = Date(timeIntervalSince1970: 1_000)
        let first = try limiter.admit(key: "k", at: start).get()
        #expect(first == .init(limit: 2, remaining: 1, reset: 1_060))
        let second = try limiter.admit(key: "k", at: start.addingTimeInterval(10)).get()
        #expect(second == .init(limit: 2, remaining: 0, reset: 1_060))
        #expect(limiter.admit(key: "other", at: start.addingTimeInterval(10)).isSuccess)
        // Full: a slot frees when the first request leaves the window, at 1060.
        #expect(limiter.admit(key: "k", at: start.addingTimeInterval(20.5)).failure?.headers.first?.1 == "40")
        #expect(limiter.admit(key: "k", at: start.addingTimeInterval(59.9)).failure?.headers.first?.1 == "1")
        // Rejections were not logged: at 60 s the first slot is free again.
        let third = try limiter.admit(key: "k", at: start.addingTimeInterval(60)).get()
        #expect(third == .init(limit: 2, remaining: 0, reset: 1_070))
    }

    @Test("faults are played first in, first out, per endpoint")
    func faultQueue() {
        var queue = FaultQueue()
        queue.add(.lostReply, on: .models, times: 2)
        queue.add(.malformedJSON, on: .models, times: 1)
        queue.add(.dropConnection, on: .account, times: Int.max)
        queue.add(.dropConnection, on: .account, times: 5)
        #expect(queue.pendingCount(for: .models) == 3)
        #expect(queue.pendingCount(for: .account) == Int.max)
        #expect(queue.take(for: .models) == .lostReply)
        #expect(queue.take(for: .models) == .lostReply)
        #expect(queue.take(for: .models) == .malformedJSON)
        #expect(queue.take(for: .models) == nil)
        #expect(queue.take(for: .account) == .dropConnection)
    }

    @Test("routes")
    func routes() {
        #expect(SandboxRoute.resolve(method: .get, path: "/api/v1/models") == .endpoint(.models))
        #expect(SandboxRoute.resolve(method: .get, path: "/api/v1/models/") == .endpoint(.models))
        #expect(SandboxRoute.resolve(method: .post, path: "/api/v1/models/run") == .endpoint(.modelsRun))
        #expect(SandboxRoute.resolve(method: .get, path: "/api/v1/jobs/job_1") == .endpoint(.jobGet, jobId: "job_1"))
        #expect(SandboxRoute.resolve(method: .post, path: "/api/v1/jobs/job_1/cancel") == .endpoint(.jobCancel, jobId: "job_1"))
        #expect(SandboxRoute.resolve(method: .get, path: "/files/job_1/output.png") == .endpoint(.files, jobId: "job_1", fileName: "output.png"))
        #expect(SandboxRoute.resolve(method: .put, path: "/api/v1/jobs") == .methodNotAllowed(allowed: ["GET"]))
        #expect(SandboxRoute.resolve(method: .get, path: "/api/v1") == .notFound)
        #expect(SandboxRoute.resolve(method: .get, path: "/_sandbox/state") == .control(.state))
    }

    @Test("JSON writing: integers without fractions, escapes, order kept")
    func jsonWriter() {
        let value: JSONValue = ["b": 70, "a": 2.5, "s": "q\"\\\n\u{1}é", "n": nil, "l": [true, false], "inf": .number(.infinity)]
        #expect(JSONWriter.string(value) == #"{"b":70,"a":2.5,"s":"q\"\\\n\u0001é","n":null,"l":[true,false],"inf":null}"#)
        #expect(JSONValue.parse(Array(#"{"x": [1, "y", null, {"z": false}]}"#.utf8)) == ["x": [1, "y", nil, ["z": false]]])
        #expect(JSONValue.parse(Array("{".utf8)) == nil)
    }

    @Test("checksums and stored deflate")
    func checksums() {
        #expect(Checksums.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Checksums.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        let big = [UInt8](repeating: 7, count: 70_000)
        let stream = PNGEncoder.zlibStored(big)
        // Header, two stored blocks (5-byte headers), data, Adler-32.
        #expect(stream.count == 2 + 5 + 65_535 + 5 + (70_000 - 65_535) + 4)
        #expect(stream[2] == 0 && stream[2 + 5 + 65_535] == 1)
    }

    @Test("output image sizes follow the aspect ratio")
    func imageSizes() {
        #expect(OutputPlan.imageSize(aspectRatio: "16:9") == (64, 36))
        #expect(OutputPlan.imageSize(aspectRatio: "9:16") == (36, 64))
        #expect(OutputPlan.imageSize(aspectRatio: "match_input_image") == (64, 64))
        #expect(OutputPlan.imageSize(aspectRatio: "0:5") == (64, 64))
    }

    @Test("origins for clients")
    func origins() {
        #expect(SandboxServer.origin(host: "0.0.0.0", port: 80) == "http://127.0.0.1:80")
        #expect(SandboxServer.origin(host: "::1", port: 80) == "http://[::1]:80")
        #expect(SandboxServer.origin(host: "localhost", port: 80) == "http://localhost:80")
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }

    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
