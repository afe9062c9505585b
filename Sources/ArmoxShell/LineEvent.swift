/// How reading one line at the prompt ended.
public enum LineEvent: Sendable, Equatable {
    /// Enter: the line, without its newline (a recalled multi-line entry keeps its inner newlines).
    case line(String)
    /// Ctrl-C: the line was abandoned.
    case interrupted
    /// Ctrl-D on an empty line, or the terminal went away.
    case end
}
