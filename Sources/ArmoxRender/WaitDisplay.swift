import ArmoxAPI

/// The live lines a wait draws while it goes on (one per job, or a summary),
/// erased when it ends however it ends.
public protocol WaitDisplay: AnyObject {
    /// Redraws the lines for `jobs`, each waited on for `elapsed` seconds.
    func show(_ jobs: [Job], elapsed: Double)
    /// The same, headed by a line saying why the wait is (`parallel N`'s slot).
    func show(_ jobs: [Job], elapsed: Double, title: String?)
    /// Erases what `show` drew; nothing when nothing is drawn.
    func clear()
}

extension WaitDisplay {
    public func show(_ jobs: [Job], elapsed: Double, title: String?) {
        show(jobs, elapsed: elapsed)
    }
}
