/// Text bound for a terminal or a pipe made safe to show: the one place
/// armox does it, for everything a server sent (ids, names, descriptions,
/// statuses, error texts) and for source lines echoed in error messages.
///
/// A server is hostile: a control character it puts in a name would reach
/// the terminal as a command (`ESC ] 0 ; … BEL` retitles the window,
/// `ESC [ 2 J` clears it, `ESC ] 52` writes the clipboard), and a line break
/// or carriage return would break a line that was measured as one, and a
/// bidirectional override (U+202E) would show an id, a name or a URL in
/// another order than its characters ("Trojan Source"). So every C0 control
/// character, DEL, every C1 control character and every bidirectional
/// formatting control is shown in the form the language's own strings write
/// it (see `StringEscaping`): `\n`,
/// `\t`, `\r`, `\0`, else `\u{HEX}` — ESC is `\u{1B}`, BEL `\u{7}`, CSI
/// `\u{9B}`. Visible, inert, and what a user pastes into a `"…"` string to
/// get the same text back. Everything else, any valid Unicode, is unchanged.
///
/// armox's own colours are added after this, around text already made safe
/// (see `Tint`), so they are the only escape sequences armox writes.
/// `echo` and `print` of a string print the value exactly: a user's own
/// escape sequences are theirs to write (see docs/shell.md, "Server text").
public enum TerminalText {
    /// `text` with every control character shown as its escape.
    /// - `keepingLineBreaks`: `\n` stays a line break, for values that are
    ///   several lines by design (a description, an error message).
    /// - `keepingTabs`: `\t` stays a tab, for the user's own source lines
    ///   (the caret under them is padded with the same tabs).
    public static func printable(_ text: String, keepingLineBreaks: Bool = false, keepingTabs: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !isControl(scalar) || (keepingLineBreaks && scalar == "\n") || (keepingTabs && scalar == "\t") {
                result.append(scalar)
            } else {
                result.append(contentsOf: escape(scalar).unicodeScalars)
            }
        }
        return String(result)
    }

    /// How a control character shows: `\n`, `\t`, `\r`, `\0`, else `\u{HEX}`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\t": return "\\t"
        case "\r": return "\\r"
        case "\0": return "\\0"
        default: return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// C0 (U+0000–U+001F), DEL (U+007F), C1 (U+0080–U+009F), and the
    /// bidirectional formatting controls: the Arabic letter mark (U+061C),
    /// the left-to-right and right-to-left marks (U+200E, U+200F), the
    /// embeddings and overrides (U+202A–U+202E) and the isolates
    /// (U+2066–U+2069).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0xA0 { return value < 0x20 || value >= 0x7F }
        return value == 0x061C || value == 0x200E || value == 0x200F
            || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }
}
