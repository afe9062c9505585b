/// Whether the terminal armox writes to shows images inline, and through
/// which protocol. The host tells (see `OutputStyle.inlineImages`); the
/// evaluator never looks at a terminal itself.
public enum InlineImageSupport: Equatable, Sendable {
    case kitty
    case iTerm2
    /// Inside tmux or screen (named).
    case multiplexer(String)
    case none
}
