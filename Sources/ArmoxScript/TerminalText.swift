/// Text from a server made safe to draw: what it sends is hostile, and a
/// control character in an id or a prompt (an escape sequence, a carriage
/// return, a line break) would move the cursor or break a line that was
/// measured as one.
enum TerminalText {
    /// `text` with every C0 and C1 control character and DEL replaced: blanks
    /// (tab, line break, carriage return) by a space, the rest by `�`.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !isControl(scalar) {
                result.append(scalar)
            } else {
                result.append(scalar == "\t" || scalar == "\n" || scalar == "\r" ? " " : "\u{FFFD}")
            }
        }
        return String(result)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
    }
}
