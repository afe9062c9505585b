/// The process exit codes of armox, one per class of failure (documented in the README).
public enum ExitStatus: Int32, Sendable {
    case success = 0
    /// The server refused (4xx/5xx) or could not be reached.
    case apiError = 1
    /// A statement could not be parsed or evaluated (unknown command, bad argument).
    case scriptError = 2
    /// Bad command-line flags.
    case usage = 64
    /// Interrupted by Ctrl-C (128 + SIGINT).
    case interrupted = 130
}
