import ArmoxAPI
import ArmoxLedger
import ArmoxRender
import ArmoxScript

/// Opens the session's run ledger at start: the file `LedgerLocation` names
/// (none when `ARMOX_LEDGER=off`), for the server the session talks to.
///
/// The file is opened on a thread of its own, off the path to the first
/// prompt; the first statement that needs it waits for it. A file that
/// cannot be opened, is corrupt or stays locked past the busy timeout is one
/// warning on stderr (at the first prompt, or where a statement first needs
/// it) and a session without a ledger: the ledger never stops a run.
enum LedgerStart {
    /// How the ledger names the built-in sandbox: every `--sandbox` session
    /// is one server, whatever port it was given.
    static let sandboxServer = "sandbox"

    static func open(environment: [String: String], sandbox: Bool, baseURL: String, keys: KeyScrubber) -> LedgerSession? {
        guard let path = LedgerLocation.path(environment: environment, sandbox: sandbox) else { return nil }
        // Scrubbed once here, so every lookup by server matches what was written.
        let server = sandbox ? sandboxServer : keys.scrub(baseURL)
        return LedgerSession(opening: path, server: server) {
            let ledger = try RunLedger(path: path, scrub: { keys.scrub($0) })
            // The sandbox's jobs ended with the process that served them:
            // they are never waited on again.
            if sandbox { try ledger.markUnfinishedGone(server: server) }
            return ledger
        }
    }

    /// The line an interactive session starts with when the ledger knows
    /// jobs of this server that earlier sessions left unfinished.
    /// Or, when the file cannot be used, the session's one warning about it.
    static func pendingLine(_ ledger: LedgerSession, colour: Bool) -> String? {
        let count: Int
        do {
            count = try ledger.ledger.unfinishedCount(server: ledger.server)
        } catch {
            guard ledger.claimWarning() else { return nil }
            return "armox: " + Evaluator.ledgerWarning(path: ledger.path, error: error, colour: colour)
        }
        guard count > 0 else { return nil }
        let jobs = count == 1 ? "1 job from an earlier session is" : "\(count) jobs from earlier sessions are"
        return "\(jobs) still running: wait pending\n"
    }
}
