import Foundation

extension Session {
    /// `~` and `~/…` from the session's home: its environment's `HOME` (what
    /// a script was given), else the account's.
    /// Any other path, `~user` included, is returned as it is.
    func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + path.dropFirst()
    }
}
