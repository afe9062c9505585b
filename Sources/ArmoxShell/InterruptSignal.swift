import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C while a statement runs at the prompt: SIGINT cancels the task
/// running it, so a `run` or `wait` stops waiting (the job goes on, and the
/// session keeps it) and the prompt comes back. A script is ended the same
/// way by SIGINT, SIGTERM and SIGHUP: its task is cancelled, so a download
/// removes its partial file and the script can say which jobs run on.
///
/// A signal handler may do almost nothing, so it only writes a byte to a
/// pipe; a thread of its own reads the pipe and cancels the running task.
/// While a line is being edited Ctrl-C is a key, not a signal (LineEditor
/// turns ISIG off while editing), so this only ever sees statements.
public final class InterruptSignal: Sendable {
    private let running = Mutex<Task<Void, any Error>?>(nil)
    private let count = Atomic<Int>(0)
    private let last = Atomic<Int32>(0)

    /// Installs the handler of `signals` (SIGINT alone by default) for the
    /// rest of the process.
    public static func install(_ signals: [Int32] = [SIGINT]) -> InterruptSignal? {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        interruptPipe = fds[1]
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { signo in
            var byte = UInt8(truncatingIfNeeded: signo)
            _ = write(interruptPipe, &byte, 1)
        }
        #else
        action.__sigaction_u.__sa_handler = { signo in
            var byte = UInt8(truncatingIfNeeded: signo)
            _ = write(interruptPipe, &byte, 1)
        }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        for signo in signals {
            guard sigaction(signo, &action, nil) == 0 else { return nil }
        }
        let signal = InterruptSignal()
        let reader = fds[0]
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let n = read(reader, &byte, 1)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                signal.fire(Int32(byte))
            }
        }
        thread.start()
        return signal
    }

    /// How many interrupts arrived so far.
    public var interrupts: Int { count.load(ordering: .relaxed) }

    /// The signal that arrived last (0: none yet).
    public var lastSignal: Int32 { last.load(ordering: .relaxed) }

    func fire(_ signo: Int32) {
        last.store(signo, ordering: .relaxed)
        count.add(1, ordering: .relaxed)
        running.withLock { $0?.cancel() }
    }

    /// Runs `body` in a task of its own that Ctrl-C cancels; returns (or
    /// throws) what it does. One statement at a time.
    public func run(_ body: @escaping @Sendable () async throws -> Void) async throws {
        let task = Task { try await body() }
        running.withLock { $0 = task }
        defer { running.withLock { $0 = nil } }
        try await task.value
    }
}

/// The pipe's write end, for the handler (which can capture nothing).
/// Written once before the handler is installed, only read afterwards.
nonisolated(unsafe) private var interruptPipe: Int32 = -1
