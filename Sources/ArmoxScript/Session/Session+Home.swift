import Foundation

extension Session {
    /// `~` and `~/…` from the session's home: its environment's `HOME` (what
    /// a script was given), else the process's, else the account's.
    /// Any other path, `~user` included, is returned as it is.
    func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = [environment["HOME"], ProcessInfo.processInfo.environment["HOME"]]
            .compactMap { $0 }.first { !$0.isEmpty } ?? NSHomeDirectory()
        return home + path.dropFirst()
    }
}
