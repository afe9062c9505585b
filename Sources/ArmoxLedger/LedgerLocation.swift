/// Where the ledger lives: `$XDG_STATE_HOME/armox/runs.sqlite3` (XDG's
/// default `~/.local/state` when unset), `ARMOX_LEDGER=PATH` to move it,
/// `ARMOX_LEDGER=off` for none. The built-in sandbox keeps its own file beside
/// it (`runs-sandbox.sqlite3`), so trying armox never mixes with real spend.
public enum LedgerLocation {
    /// The file for a session, or nil when the ledger is off (or no home is known).
    public static func path(environment: [String: String], sandbox: Bool) -> String? {
        let chosen = environment["ARMOX_LEDGER"].flatMap { $0.isEmpty ? nil : $0 }
        if let chosen, ["off", "none", "0", "false", "no"].contains(chosen.lowercased()) { return nil }
        let path: String
        if let chosen {
            path = chosen
        } else if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            path = state + "/armox/runs.sqlite3"
        } else if let home = environment["HOME"], !home.isEmpty {
            path = home + "/.local/state/armox/runs.sqlite3"
        } else {
            return nil
        }
        return sandbox ? sandboxPath(beside: path) : path
    }

    /// `runs.sqlite3` → `runs-sandbox.sqlite3`, in the same folder.
    static func sandboxPath(beside path: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = path[slash...]
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return path + "-sandbox" }
        return String(path[..<dot]) + "-sandbox" + String(path[dot...])
    }
}
