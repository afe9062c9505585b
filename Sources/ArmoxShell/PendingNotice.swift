import Foundation
import Synchronization

/// A line computed on a thread of its own and taken, once, when it is ready.
final class PendingNotice: Sendable {
    private enum State { case reading, ready(String?), taken }
    private let state = Mutex(State.reading)
    private let settled = DispatchSemaphore(value: 0)

    /// How long the first prompt waits for the line. Reading a ledger's
    /// count takes milliseconds; a prompt drawn before it would show the
    /// line only after the next Enter. A file another process holds locked
    /// costs the first prompt this much, never the busy timeout.
    static let firstPromptWait: DispatchTimeInterval = .milliseconds(500)

    init(_ read: (@Sendable () -> String?)?) {
        guard let read else {
            state.withLock { $0 = .taken }
            settled.signal()
            return
        }
        // A thread, not a task: a slow disk must not hold one of the
        // cooperative pool's few threads while the prompt starts.
        Thread.detachNewThread { self.settle(read()) }
    }

    private func settle(_ line: String?) {
        state.withLock { if case .reading = $0 { $0 = .ready(line) } }
        settled.signal()
    }

    /// The line, when it is ready (waiting up to `wait` for it) and was not
    /// taken before; nil otherwise.
    func take(waitingUpTo wait: DispatchTimeInterval? = nil) -> String? {
        if let wait, case .reading = state.withLock({ $0 }) {
            // Signalled once: whoever waits first consumes it, and the state says the rest.
            _ = settled.wait(timeout: .now() + wait)
        }
        return state.withLock { current in
            guard case .ready(let line) = current else { return nil }
            current = .taken
            return line
        }
    }
}
