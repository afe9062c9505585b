import ArmoxRender
import ArmoxScript

/// Whether the terminal armox writes to shows images inline, and through
/// which protocol: read from the environment the terminal set, never guessed
/// and never asked (a query would be answered on stdin, in the middle of
/// what the user types).
///
/// What each terminal documents:
/// - kitty sets `TERM=xterm-kitty` and `KITTY_WINDOW_ID` in every window and
///   speaks its graphics protocol (sw.kovidgoyal.net/kitty/graphics-protocol).
/// - Ghostty sets `TERM=xterm-ghostty` and lists the kitty graphics protocol
///   among its features (ghostty.org/docs/features).
/// - iTerm2 sets `TERM_PROGRAM=iTerm.app`, and `LC_TERMINAL=iTerm2`, which
///   SSH passes on (`LC_*`); its inline images protocol is `OSC 1337 ; File=`
///   (iterm2.com/documentation-images.html).
/// - WezTerm sets `TERM_PROGRAM=WezTerm` and implements iTerm2's protocol
///   (wezterm.org/imgcat.html); its kitty graphics are off unless configured
///   (`enable_kitty_graphics`), so they are not assumed.
///
/// tmux and screen sit between armox and the terminal and drop these
/// sequences unless tmux's `allow-passthrough` is on, which armox cannot see
/// from here; inside them (`TMUX`, `STY`) nothing is attempted, even when the
/// variables of the terminal outside leaked in.
extension InlineImageSupport {
    public static func detect(in environment: [String: String]) -> InlineImageSupport {
        func value(_ name: String) -> String { environment[name] ?? "" }
        let term = value("TERM")
        if !value("TMUX").isEmpty || term.hasPrefix("tmux") { return .multiplexer("tmux") }
        if !value("STY").isEmpty { return .multiplexer("screen") }
        if term == "xterm-kitty" || term == "xterm-ghostty" || !value("KITTY_WINDOW_ID").isEmpty { return .kitty }
        if ["iTerm.app", "WezTerm"].contains(value("TERM_PROGRAM")) || value("LC_TERMINAL") == "iTerm2" { return .iTerm2 }
        return .none
    }
}
