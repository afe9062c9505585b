import Hummingbird
import NIOCore

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
    private let serverTask: Task<Void, any Error>

    private init(port: Int, baseURL: String, state: SandboxState, serverTask: Task<Void, any Error>) {
        self.port = port
        self.baseURL = baseURL
        self.state = state
        self.serverTask = serverTask
    }

    /// Starts listening and returns once connections are accepted.
    /// Throws if the address cannot be bound (a port in use, say).
    public static func start(_ configuration: SandboxConfiguration = .init()) async throws -> SandboxServer {
        let state = SandboxState(configuration: configuration)
        let (events, continuation) = AsyncStream.makeStream(of: Result<Int, any Error>.self)
        let app = makeApplication(configuration, state: state, listening: continuation)
        let serverTask = Task {
            do {
                try await app.run()
                continuation.yield(.failure(CancellationError()))
            } catch {
                continuation.yield(.failure(error))
                throw error
            }
        }
        let port: Int
        do {
            port = try await firstPort(from: events)
        } catch {
            serverTask.cancel()
            _ = await serverTask.result
            throw error
        }
        return SandboxServer(
            port: port, baseURL: origin(host: configuration.host, port: port) + "/api/v1", state: state,
            serverTask: serverTask)
    }

    /// Stops listening, closes open connections and cancels pending webhook
    /// deliveries. Returns once the server is down; safe to call more than once.
    public func stop() async {
        serverTask.cancel()
        _ = await serverTask.result
        await state.shutDown()
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

    /// Serves in the foreground until SIGINT or SIGTERM, then shuts down
    /// gracefully (for `armox sandbox --port N`). `onReady` receives the base
    /// URL once the server is listening. Throws if the address cannot be bound.
    public static func runForeground(
        _ configuration: SandboxConfiguration, onReady: @Sendable (String) -> Void
    ) async throws {
        let state = SandboxState(configuration: configuration)
        let (events, continuation) = AsyncStream.makeStream(of: Result<Int, any Error>.self)
        let app = makeApplication(configuration, state: state, listening: continuation)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await app.runService()
                    continuation.finish()
                } catch {
                    continuation.yield(.failure(error))
                    throw error
                }
            }
            // `onReady` is not escaping: call it from here, not from the server.
            let port = try await firstPort(from: events)
            onReady(origin(host: configuration.host, port: port) + "/api/v1")
            try await group.waitForAll()
        }
        await state.shutDown()
    }

    // MARK: Assembly

    private static func makeApplication(
        _ configuration: SandboxConfiguration, state: SandboxState,
        listening: AsyncStream<Result<Int, any Error>>.Continuation
    ) -> some ApplicationProtocol {
        var app = Application(
            responder: SandboxResponder(state: state),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "armox-sandbox"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                await state.setOrigin(origin(host: configuration.host, port: port))
                listening.yield(.success(port))
            })
        // Hummingbird logs "Server started" at info level to the console: the
        // sandbox runs inside the shell, whose output must stay the user's.
        app.logger.logLevel = .critical
        return app
    }

    private static func firstPort(from events: AsyncStream<Result<Int, any Error>>) async throws -> Int {
        for await event in events {
            return try event.get()
        }
        throw CancellationError()
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
