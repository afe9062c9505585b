/// The process exit codes of armox, one per class of failure (documented in
/// the README). A struct, not an enum, because `exit N` in a script may end
/// with any status from 0 to 255.
public struct ExitStatus: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let success = ExitStatus(rawValue: 0)
    /// The server refused (4xx/5xx), could not be reached, or a job failed.
    public static let apiError = ExitStatus(rawValue: 1)
    /// A statement could not be parsed or evaluated (syntax, unknown command,
    /// bad argument, a run refused before sending).
    public static let scriptError = ExitStatus(rawValue: 2)
    /// Bad command-line flags, or a script file that cannot be read.
    public static let usage = ExitStatus(rawValue: 64)
    /// Interrupted by Ctrl-C (128 + SIGINT).
    public static let interrupted = ExitStatus(rawValue: 130)
}
