import ArmoxLedger
import Dispatch
import Foundation
import Synchronization

/// The ledger a session writes its runs to, the server they go to (its base
/// URL, or `sandbox` for the built-in one) and the session's own id. The
/// host opens the file (`armox` at start) and hands this in.
///
/// The file may still be opening when the session starts: opening (SQLite,
/// the schema's migrations, a sandbox's jobs marked gone) takes a few
/// milliseconds that the first prompt does not wait for. The first use of
/// `ledger` waits for it; a file that could not be opened throws there, as
/// any later failure of the ledger does.
public struct LedgerSession: Sendable {
    public let server: String
    public let id: String
    /// Where the file is, for the warning when it cannot be used.
    public let path: String
    private let opening: Opening

    /// The open ledger: waits for an opening under way; throws what made it fail.
    public var ledger: RunLedger {
        get throws { try opening.result().get() }
    }

    /// A session on a ledger already open.
    public init(ledger: RunLedger, server: String, id: String = UUID().uuidString.lowercased()) {
        self.server = server
        self.id = id
        path = ledger.path
        opening = Opening(.success(ledger))
    }

    /// A session whose ledger `open` makes on a thread of its own, started now.
    public init(
        opening path: String, server: String, id: String = UUID().uuidString.lowercased(),
        _ open: @escaping @Sendable () throws -> RunLedger
    ) {
        self.server = server
        self.id = id
        self.path = path
        opening = Opening(open)
    }

    /// True the first time it is asked only: a session's ledger gets one
    /// warning, whoever meets its failure first (the first prompt's notice,
    /// or a statement).
    public func claimWarning() -> Bool { opening.claimWarning() }

    private final class Opening: Sendable {
        private let state: Mutex<Result<RunLedger, any Error>?>
        private let warned = Mutex(false)
        private let done = DispatchGroup()

        init(_ result: Result<RunLedger, any Error>) {
            state = Mutex(result)
        }

        init(_ open: @escaping @Sendable () throws -> RunLedger) {
            state = Mutex(nil)
            done.enter()
            // A thread, not a task: a slow disk must not hold one of the
            // cooperative pool's few threads while the session starts.
            Thread.detachNewThread { [self] in
                let result = Result { try open() }
                state.withLock { $0 = result }
                done.leave()
            }
        }

        func result() -> Result<RunLedger, any Error> {
            if let result = state.withLock({ $0 }) { return result }
            done.wait()
            return state.withLock { $0 }!
        }

        func claimWarning() -> Bool {
            warned.withLock { warned in
                defer { warned = true }
                return !warned
            }
        }
    }
}
