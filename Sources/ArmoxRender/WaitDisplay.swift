import ArmoxAPI

/// The live lines a wait draws while it goes on (one per job, or a summary),
/// erased when it ends however it ends.
public protocol WaitDisplay: AnyObject {
    /// Redraws the lines for `jobs`, each waited on for `elapsed` seconds.
    func show(_ jobs: [Job], elapsed: Double)
    /// Erases what `show` drew; nothing when nothing is drawn.
    func clear()
}
