import Foundation
import Synchronization

/// The sandbox's time: the wall clock, plus however far a test moved it on
/// (`SandboxServer.advanceClock`). Jobs, rate-limit windows and timestamps all
/// read it, so a test can let minutes pass at once and count exactly what a
/// client asked in between.
final class SandboxClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    func advance(by seconds: TimeInterval) {
        offset.withLock { $0 += max(0, seconds) }
    }
}
