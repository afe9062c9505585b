@testable import ArmoxScript
import Testing
@testable import ArmoxRender

/// `TerminalText.printable`, the one place text bound for a terminal is made
/// safe: every C0, DEL and C1 control character shown as the language's
/// escape for it; everything else, multi-byte UTF-8 included, unchanged.
@Suite("Terminal text")
struct TerminalTextTests {
    static let controls: [UInt32] = Array(0x00..<0x20) + [0x7F] + Array(0x80..<0xA0)

    @Test func everyControlCharacterIsShownAsItsEscape() {
        for value in Self.controls {
            let scalar = Unicode.Scalar(value)!
            let shown = TerminalText.printable("a" + String(scalar) + "b")
            let expected: String
            switch value {
            case 0x0A: expected = #"\n"#
            case 0x09: expected = #"\t"#
            case 0x0D: expected = #"\r"#
            case 0x00: expected = #"\0"#
            default: expected = #"\u{"# + String(value, radix: 16, uppercase: true) + "}"
            }
            #expect(shown == "a" + expected + "b", "U+\(String(value, radix: 16))")
            #expect(!shown.unicodeScalars.contains(where: TerminalText.isControl), "U+\(String(value, radix: 16))")
        }
    }

    @Test func escapeSequencesAreInert() {
        #expect(TerminalText.printable("\u{1B}]0;pwned\u{07}") == #"\u{1B}]0;pwned\u{7}"#)
        #expect(TerminalText.printable("\u{1B}[2J\u{9B}6n") == #"\u{1B}[2J\u{9B}6n"#)
    }

    @Test func printableTextIsUnchanged() {
        for text in ["", "google/nano-banana", "東京 café 🎬 👩‍👩‍👧", "a\u{301}", "\u{A0}non-breaking", "\u{2028}", "\\u{1B} typed", "\u{10FFFF}"] {
            #expect(TerminalText.printable(text) == text)
        }
    }

    @Test func lineBreaksAndTabsAreKeptOnlyWhenAsked() {
        #expect(TerminalText.printable("a\nb\tc") == #"a\nb\tc"#)
        #expect(TerminalText.printable("a\nb\tc\r", keepingLineBreaks: true) == "a\nb\\tc\\r")
        #expect(TerminalText.printable("a\nb\tc", keepingTabs: true) == "a\\nb\tc")
    }
}
