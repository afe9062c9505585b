/// Where the evaluator writes: results to `out`, diagnostics to `err`.
/// The evaluator never writes to a terminal directly; the entry point decides.
public struct OutputSink: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.out = out
        self.err = err
    }

    /// Prints nothing.
    public static let silent = OutputSink(out: { _ in }, err: { _ in })
}
