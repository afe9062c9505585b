import ArmoxRender

/// Text written back as a `"…"` string of the language, so the lexer reads
/// exactly that text again: what completion inserts and what `record`
/// writes. `\`, `"` and `$` (interpolation) are escaped; control characters
/// (C0, DEL, C1, bidirectional) become escapes, the same ones `TerminalText` shows.
public enum StringEscaping {
    /// The inside of a `"…"` string.
    public static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "\"", "$": result += "\\" + String(scalar)
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\0": result += "\\0"
            default:
                if TerminalText.isControl(scalar) {
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// The whole string, quotes included.
    public static func quoted(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }
}
