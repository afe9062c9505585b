import Foundation
import Synchronization

/// A line computed on a thread of its own and taken, once, when it is ready:
/// `take()` never waits for it.
final class PendingNotice: Sendable {
    private enum State { case reading, ready(String?), taken }
    private let state = Mutex(State.reading)

    init(_ read: (@Sendable () -> String?)?) {
        guard let read else {
            state.withLock { $0 = .taken }
            return
        }
        // A thread, not a task: a slow disk must not hold one of the
        // cooperative pool's few threads while the prompt starts.
        Thread.detachNewThread { self.settle(read()) }
    }

    private func settle(_ line: String?) {
        state.withLock { if case .reading = $0 { $0 = .ready(line) } }
    }

    /// The line, when it is ready and was not taken before; nil otherwise.
    func take() -> String? {
        state.withLock { current in
            guard case .ready(let line) = current else { return nil }
            current = .taken
            return line
        }
    }
}
