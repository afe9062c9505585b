import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one thread that talks to the terminal: libedit is not thread-safe
/// and blocks while it reads, so it gets a thread of its own rather than a
/// thread of Swift's cooperative pool (two on a two-core machine, serving the
/// in-process sandbox and background refreshes).
public final class TerminalThread: Sendable {
    /// Work waiting for the thread.
    private final class Inbox: Sendable {
        let items = Mutex<[@Sendable () -> Void]>([])
        let ready = DispatchSemaphore(value: 0)
    }

    private let inbox = Inbox()

    private static let started = Mutex<TerminalThread?>(nil)

    /// The terminal thread, started on first use.
    public static var shared: TerminalThread {
        started.withLock { current in
            if let current { return current }
            let thread = TerminalThread()
            current = thread
            return thread
        }
    }

    private init() {
        let thread = Thread { [inbox] in
            while true {
                inbox.ready.wait()
                let next = inbox.items.withLock { $0.isEmpty ? nil : $0.removeFirst() }
                next?()
            }
        }
        thread.name = "armox-terminal"
        thread.start()
    }

    /// Runs `body` on the terminal thread and waits for it there, without
    /// holding a thread of Swift's cooperative pool.
    public func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            submit { continuation.resume(returning: body()) }
        }
    }

    /// Runs `body` on the terminal thread, blocking the caller until it is done.
    public func sync<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<T?>(nil)
        submit {
            let value = body()
            result.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }

    private func submit(_ body: @escaping @Sendable () -> Void) {
        inbox.items.withLock { $0.append(body) }
        inbox.ready.signal()
    }
}
