import Hummingbird
import NIOCore
import ServiceLifecycle
import UnixSignals

/// A running sandbox: a local stand-in of the whole Armox API over real HTTP.
///
/// ```swift
/// let sandbox = try await SandboxServer.start(.init(speed: 0.01))
/// // point a client at sandbox.baseURL with SandboxKeys.valid
/// await sandbox.stop()
/// ```
/// Keep a reference for as long as it should serve and call `stop()` when
/// done: dropping the last reference does not stop it (Swift may release an
/// object before the end of its scope, and a server that vanished mid-test
/// would be a worse surprise than one left running).
public final class SandboxServer: Sendable {
    /// The port it listens on (the one picked when configured with 0).
    public let port: Int
    /// `http://127.0.0.1:PORT/api/v1`: what a client's base URL should be.
    public let baseURL: String

    private let state: SandboxState
    private let server: LoopbackServer

    private init(configuration: SandboxConfiguration, state: SandboxState, server: LoopbackServer) {
        self.port = server.port
        self.baseURL = SandboxServer.origin(host: configuration.host, port: server.port) + "/api/v1"
        self.state = state
        self.server = server
    }

    /// Starts listening and returns once connections are accepted.
    /// Throws if the address cannot be bound (a port in use, say).
    public static func start(_ configuration: SandboxConfiguration = .init()) async throws -> SandboxServer {
        try await start(configuration, shutdownSignals: [])
    }

    private static func start(_ configuration: SandboxConfiguration, shutdownSignals: [UnixSignal]) async throws -> SandboxServer {
        let state = SandboxState(configuration: configuration)
        let server = try await LoopbackServer.start(
            SandboxResponder(state: state), host: configuration.host, port: configuration.port,
            serverName: "armox-sandbox", idleTimeout: configuration.effectiveIdleTimeout, shutdownSignals: shutdownSignals
        ) { port in
            await state.setOrigin(origin(host: configuration.host, port: port))
        }
        return SandboxServer(configuration: configuration, state: state, server: server)
    }

    /// Stops listening, closes open connections and cancels pending webhook
    /// deliveries. Returns once the server is down; safe to call more than once.
    public func stop() async {
        await server.stop()
        await state.shutDown()
    }

    /// Moves the sandbox's clock on by `seconds`: jobs, rate-limit windows
    /// and timestamps go on as if that much time had passed, at once.
    public func advanceClock(by seconds: Double) {
        state.clock.advance(by: seconds)
    }

    /// Queues a fault for the next `times` requests that reach `endpoint`.
    public func inject(_ fault: SandboxFault, on endpoint: SandboxEndpoint, times: Int = 1) async {
        await state.inject(fault, on: endpoint, times: times)
    }

    /// Forgets every fault not yet played.
    public func clearFaults() async {
        await state.clearFaults()
    }

    /// Every accepted run, in order, with its refund status.
    public func ledger() async -> [LedgerEntry] {
        await state.ledgerEntries()
    }

    /// The account balance.
    public func credits() async -> Int {
        await state.credits()
    }

    /// Requests that reached the endpoint, authenticated or not, faulted or not.
    public func requestCount(_ endpoint: SandboxEndpoint) async -> Int {
        await state.requestCount(endpoint)
    }

    /// Credits, request counts, job count and pending faults at once
    /// (what `GET /_sandbox/state` returns).
    public func snapshot() async -> SandboxSnapshot {
        await state.snapshot()
    }

    /// Serves in the foreground until SIGINT or SIGTERM (or until the calling
    /// task is cancelled), then shuts down gracefully (for `armox sandbox
    /// --port N`). `onReady` receives the base URL once the server is
    /// listening. Throws if the address cannot be bound.
    public static func runForeground(
        _ configuration: SandboxConfiguration, onReady: @Sendable (String) -> Void
    ) async throws {
        let sandbox = try await start(configuration, shutdownSignals: [.sigint, .sigterm])
        onReady(sandbox.baseURL)
        do {
            try await sandbox.server.waitUntilStopped()
        } catch {
            await sandbox.state.shutDown()
            throw error
        }
        await sandbox.state.shutDown()
    }

    /// `http://host:port` as clients should use it: wildcard addresses become
    /// loopback, IPv6 literals get brackets.
    static func origin(host: String, port: Int) -> String {
        var host = host
        if host.isEmpty || host == "0.0.0.0" || host == "::" { host = "127.0.0.1" }
        if host.contains(":"), !host.hasPrefix("[") { host = "[\(host)]" }
        return "http://\(host):\(port)"
    }
}
