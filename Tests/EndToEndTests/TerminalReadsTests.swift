import ArmoxTestSupport
import Testing

/// What a pseudo-terminal test reads is the text the program wrote, however
/// the kernel cut it into reads: `help`'s "…" once arrived as E2 | 80 A6, and
/// a line that fitted 60 columns read as 61 characters.
@Suite("Terminal reads")
struct TerminalReadsTests {
    static let text = "  read      A value from a data file: CSV or TSV rows as ob… é 漢 🦊 e\u{301}"

    @Test func aCharacterCutBetweenTwoReadsIsReadWhole() {
        let bytes = Array(Self.text.utf8)
        for cut in 0...bytes.count {
            var pieces = UTF8Pieces()
            let read = pieces.decode(bytes[..<cut]) + pieces.decode(bytes[cut...])
            #expect(read == Self.text, "cut at byte \(cut)")
        }
        // Decoding each read on its own is what broke the width check.
        let ellipsis = bytes.firstIndex(of: 0xE2)! + 1
        let eachOnItsOwn = String(decoding: bytes[..<ellipsis], as: UTF8.self) + String(decoding: bytes[ellipsis...], as: UTF8.self)
        #expect(eachOnItsOwn != Self.text)
    }

    @Test func readsOfOneByteEachAddUpToTheText() {
        var pieces = UTF8Pieces()
        let read = Self.text.utf8.map { pieces.decode([$0]) }.joined()
        #expect(read == Self.text)
    }

    @Test func bytesThatAreNotUTF8AreReplacedAndNotHeld() {
        var pieces = UTF8Pieces()
        #expect(pieces.decode([0x61, 0xFF, 0x62]) == "a\u{FFFD}b")
        #expect(pieces.decode([0x80, 0x80, 0x80, 0x80]) == String(repeating: "\u{FFFD}", count: 4))
        // A lead byte with enough bytes behind it, even wrong ones, is not held back.
        #expect(pieces.decode([0xE2, 0x80, 0x41]) == "\u{FFFD}A")
        #expect(pieces.decode([0xE2]) == "")
        #expect(pieces.decode([0x80, 0xA6]) == "…")
    }
}
