import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// Runs a Hummingbird responder on a loopback port and stops it gracefully.
///
/// Why not `Task { try await app.run() }` and `task.cancel()`: cancelling the
/// serving task can drop a connection that was accepted but not yet handed to
/// the server loop, and NIO then traps ("Deinited NIOAsyncWriter without
/// calling finish()", swift-nio#2637). Seen here as a rare crash of the whole
/// test process. A graceful shutdown closes the listening socket first and
/// drains what was accepted; only requests still running after a short grace
/// (a sandbox `delay` fault, say) are then cancelled.
public final class LoopbackServer: Sendable {
    /// The port it listens on (the one picked when asked for 0).
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.group = group
        self.task = task
    }

    /// Starts serving and returns once connections are accepted; throws if the
    /// address cannot be bound. `onRunning` sees the port before this returns.
    /// With `shutdownSignals` (SIGINT, SIGTERM), those signals stop it gracefully.
    /// With `idleTimeout`, a connection idle that long is closed.
    public static func start<Responder: HTTPResponder>(
        _ responder: Responder, host: String = "127.0.0.1", port: Int = 0, serverName: String? = nil,
        idleTimeout: TimeAmount? = nil, shutdownSignals: [UnixSignal] = [],
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> LoopbackServer where Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
        let (events, continuation) = AsyncStream.makeStream(of: Result<Int, any Error>.self)
        var logger = Logger(label: "armox.loopback")
        // Hummingbird logs "Server started" at info level: servers run inside
        // the shell and the tests, whose output stays their own.
        logger.logLevel = .critical
        let app = Application(
            responder: responder,
            server: .http1(configuration: .init(idleTimeout: idleTimeout)),
            configuration: .init(address: .hostname(host, port: port), serverName: serverName),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                await onRunning(bound)
                continuation.yield(.success(bound))
            },
            logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: shutdownSignals, logger: logger))
        let task = Task {
            do {
                try await group.run()
                continuation.yield(.failure(CancellationError()))
            } catch {
                continuation.yield(.failure(error))
                throw error
            }
        }
        do {
            for await event in events {
                return LoopbackServer(port: try event.get(), group: group, task: task)
            }
            throw CancellationError()
        } catch {
            task.cancel()
            _ = await task.result
            throw error
        }
    }

    /// Stops listening, lets requests in flight finish for up to `grace`, then
    /// cancels the rest. Returns once the server is down; safe to call twice.
    public func stop(grace: Duration = .milliseconds(500)) async {
        await group.triggerGracefulShutdown()
        let task = self.task
        let deadline = Task {
            try await Task.sleep(for: grace)
            task.cancel()
        }
        _ = await task.result
        deadline.cancel()
    }

    /// Waits until the server stops (a shutdown signal, or `stop()`); when the
    /// waiting task is cancelled, stops the server gracefully first.
    public func waitUntilStopped() async throws {
        try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            Task { await self.stop() }
        }
    }
}
