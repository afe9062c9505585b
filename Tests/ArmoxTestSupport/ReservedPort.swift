import Foundation
import ArmoxSandbox

#if canImport(Glibc)
import Glibc
#endif

/// A loopback port bound by a socket that never listens: a connection to it
/// is refused, and no other test (or server) can take the port while it is
/// held. Safer than stopping a server and hoping its port stays free.
public final class ReservedPort: @unchecked Sendable {
    public let port: Int
    private var fd: Int32

    /// Ports taken from below the kernel's ephemeral range (32768–60999 on
    /// Linux): once released, a port from that range can be handed at once
    /// to another test's outgoing connection as its local port, and the
    /// server meant to come up on it fails with "Address already in use".
    /// No socket of the suite is ever given one of these unasked.
    static let range = 20_000..<32_000

    public init() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let candidate = Int.random(in: Self.range, using: &generator)
            if let fd = Self.bind(port: candidate) {
                self.fd = fd
                port = candidate
                return
            }
        }
        throw POSIXError(.EADDRINUSE)
    }

    /// A socket bound to 127.0.0.1:`port`, or nil when the port is taken.
    private static func bind(port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    /// Frees the port (for a server that should come up on it).
    public func release() {
        if fd >= 0 { close(fd) }
        fd = -1
    }

    deinit { release() }
}

extension ReservedPort {
    /// Releases the port and starts a sandbox on it. A bind refused as in
    /// use is tried again for up to two seconds: under the full suite's load
    /// the port, just closed, was once refused for a moment, and the tests
    /// that use this assert what the client does, not how fast a port frees.
    public func startSandbox(_ settings: SandboxConfiguration) async throws -> SandboxServer {
        var settings = settings
        settings.port = port
        release()
        let deadline = ContinuousClock.now + .seconds(2)
        while true {
            do {
                return try await SandboxServer.start(settings)
            } catch where ContinuousClock.now < deadline && "\(error)".contains("in use") {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}
