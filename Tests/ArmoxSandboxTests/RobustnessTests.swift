import ArmoxSandbox
import Foundation
import ArmoxTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Robustness")
struct RobustnessTests {
    /// Bodies no client should send; each must get a 4xx, never a 5xx or a crash.
    static let hostileBodies: [[UInt8]] = {
        var bodies: [[UInt8]] = [
            [], [0], [0xFF, 0xFE, 0xFD], Array("{".utf8), Array("}".utf8), Array("null".utf8), Array("\"text\"".utf8),
            Array("{\"model\": \"\\ud800\"}".utf8), Array("{\"model\": \"google/nano-banana\", \"input\": {\"prompt\": \"\u{0}\"}}".utf8),
            Array("{\"model\": [1e999]}".utf8), Array("{\"a\": 1e308, \"input\": {\"num_outputs\": -1e308}}".utf8),
            Array("{\"model\": \"black-forest-labs/flux-schnell\", \"input\": {\"prompt\": \"x\", \"num_outputs\": 1e300}}".utf8),
            Array("{\"model\": \"black-forest-labs/flux-schnell\", \"input\": {\"prompt\": \"x\", \"num_outputs\": NaN}}".utf8),
            Array("{\"app_id\": {\"nested\": true}, \"inputs\": null}".utf8),
            Array((String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)).utf8),
            Array((String(repeating: "{\"a\":", count: 5_000) + "1" + String(repeating: "}", count: 5_000)).utf8),
            [0xC3, 0x28, 0x7B, 0x7D],
        ]
        var generator = SplitMix64(seed: 42)
        for length in [1, 7, 64, 1_000, 20_000] {
            bodies.append((0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        return bodies
    }()

    @Test("hostile bodies get 4xx answers and the server keeps serving")
    func hostileBodiesAreRejected() async throws {
        try await SandboxHarness.with { sandbox in
            for body in Self.hostileBodies {
                for path in ["/models/run", "/apps/run", "/jobs/job_x/cancel", "\(sandbox.origin)/_sandbox/faults"] {
                    let reply = try await sandbox.send("POST", path, rawBody: body, headers: [("Content-Type", "application/json")])
                    #expect((400..<500).contains(reply.status), "\(path) with \(body.prefix(20)): \(reply.status) \(reply.text)")
                    #expect((try? reply.errorMessage()) != nil, "\(path): error shape")
                }
            }
            #expect(try await sandbox.get("/models").status == 200)
            #expect(await sandbox.server.ledger().isEmpty)
        }
    }

    @Test("a body over 1 MiB is refused with 413")
    func tooLarge() async throws {
        try await SandboxHarness.with { sandbox in
            let body = Array("{\"model\": \"google/nano-banana\", \"input\": {\"prompt\": \"".utf8)
                + [UInt8](repeating: 0x61, count: 1 << 20) + Array("\"}}".utf8)
            let reply = try await sandbox.send("POST", "/models/run", rawBody: body)
            #expect(reply.status == 413)
            #expect(try await sandbox.get("/models").status == 200)
        }
    }

    @Test("malformed HTTP on a raw socket does not take the server down")
    func malformedHTTP() async throws {
        try await SandboxHarness.with { sandbox in
            let garbage: [String] = [
                "GARBAGE\r\n\r\n",
                "GET /api/v1/models HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n",
                "POST /api/v1/models/run HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nnot chunked\r\n",
                "GET /api/v1/models HTTP/9.9\r\n\r\n",
                String(repeating: "A", count: 100_000),
                "\u{1}\u{2}\u{3}\r\n\r\n",
            ]
            for request in garbage {
                let answer = await RawSocket.exchange(port: sandbox.server.port, bytes: Array(request.utf8))
                let text = String(decoding: answer.prefix(12), as: UTF8.self)
                #expect(answer.isEmpty || text.hasPrefix("HTTP/1.1 4"), "\(request.prefix(30)) → \(text)")
            }
            // Half a request, then the client goes away.
            _ = await RawSocket.exchange(port: sandbox.server.port, bytes: Array("POST /api/v1/models/run HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"mo".utf8), readTimeout: 0.2)
            let alive = try await sandbox.get("/models")
            #expect(alive.status == 200)
        }
    }
}


/// TCP exchange with the loopback server: send bytes, read until the server
/// closes or the read times out. Enough to speak broken HTTP.
enum RawSocket {
    /// Runs the blocking socket calls on a thread of their own: blocking a
    /// thread of the cooperative pool would starve the server under test.
    static func exchange(port: Int, bytes: [UInt8], readTimeout: Double = 2) async -> [UInt8] {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: blockingExchange(port: port, bytes: bytes, readTimeout: readTimeout))
            }
        }
    }

    private static func blockingExchange(port: Int, bytes: [UInt8], readTimeout: Double) -> [UInt8] {
        #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return [] }
        var timeout = timeval()
        timeout.tv_sec = .init(Int(readTimeout))
        timeout.tv_usec = .init(Int((readTimeout - Double(Int(readTimeout))) * 1_000_000))
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var noSigPipe: Int32 = 1
        #if !os(Linux)
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &noSigPipe, socklen_t(MemoryLayout<Int32>.size))
        #endif
        _ = noSigPipe
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { buffer -> Int in
                #if os(Linux)
                return send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
                #else
                return send(fd, buffer.baseAddress, buffer.count, 0)
                #endif
            }
            if count <= 0 { break }
            sent += count
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return answer
    }
}
