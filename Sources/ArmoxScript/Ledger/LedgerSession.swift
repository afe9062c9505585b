import ArmoxLedger
import Foundation

/// The ledger a session writes its runs to, the server they go to (its base
/// URL, or `sandbox` for the built-in one) and the session's own id. The
/// host opens the file (`armox` at start) and hands this in.
public struct LedgerSession: Sendable {
    public let ledger: RunLedger
    public let server: String
    public let id: String

    public init(ledger: RunLedger, server: String, id: String = UUID().uuidString.lowercased()) {
        self.ledger = ledger
        self.server = server
        self.id = id
    }
}
