import Synchronization

/// How many terminal rows the live wait lines take right now. A signal that
/// ends armox outright (SIGTERM, SIGHUP, SIGQUIT at the prompt: see
/// `TerminalRestore`) erases them from its handler, which can read an
/// atomic and write(2) but do nothing more, so they never stay behind.
public enum LiveLineRows {
    private static let rows = Atomic<Int>(0)

    /// The rows drawn now (0: none).
    public static var current: Int { rows.load(ordering: .relaxed) }

    static func set(_ count: Int) { rows.store(count, ordering: .relaxed) }
}
