import ArmoxAPI
import ArmoxTestSupport
import Testing

/// No text armox writes holds 8 characters in a row of the key's secret,
/// whether the key is whole, cut by an excerpt, or echoed in part.
@Suite("The key scrubbed whole and in part")
struct KeyPartScrubTests {
    static let key = "sk_live_Q7vN2mXc9LpR4tYb8WzK3hJd6FgS1aEu5oIy0nM"

    /// True when `text` holds a run of 8 of the secret's characters.
    static func leaks(_ text: String, key: String = key) -> Bool {
        let secret = Array(key.dropFirst(8))
        let chars = Array(text)
        guard chars.count >= 8 else { return false }
        for start in 0...(secret.count - 8) {
            let part = String(secret[start..<(start + 8)])
            if text.contains(part) { return true }
        }
        return false
    }

    @Test func theWholeKeyReadsAsItsRedactedForm() {
        #expect(APIKeyRedaction.scrub("Bearer \(Self.key).", key: Self.key) == "Bearer sk_live_….")
        #expect(APIKeyRedaction.scrub("no key here, 2026-12-02T00:00:00.000Z", key: Self.key) == "no key here, 2026-12-02T00:00:00.000Z")
    }

    @Test func aKeyCutByAnExcerptShowsNoPart() {
        let cut = "{\"error\": \"bad key " + Self.key.prefix(42)
        let scrubbed = APIKeyRedaction.scrub(cut, key: Self.key)
        #expect(!Self.leaks(scrubbed), "\(scrubbed)")
        #expect(scrubbed == "{\"error\": \"bad key sk_live_…")
        let tail = String(Self.key.suffix(20)) + " was refused"
        #expect(APIKeyRedaction.scrub(tail, key: Self.key) == "… was refused")
    }

    /// A combining mark after a key makes its last character and the mark
    /// one `Character`: the key is still found, byte for byte.
    @Test func aKeyFollowedByACombiningMarkIsStillScrubbed() {
        for key in [Self.key, "sk_live_short", "k3y"] {
            for mark in ["\u{301}", "\u{35E}", "\u{20DD}"] {
                let scrubbed = APIKeyRedaction.scrub("refused: \(key)\(mark) (bad)", key: key)
                #expect(Array(scrubbed.utf8).firstRange(of: Array(key.utf8)) == nil, "\(scrubbed)")
            }
        }
    }

    /// Random texts with random parts of the key (and whole keys) inside.
    @Test func noRunOfEightSurvivesInRandomText() {
        var random = SplitMix64(seed: 0xA4_5E)
        let alphabet = Array("abcXYZ0189 _-/:\"{}…東京\n\t")
        let secret = Array(Self.key.dropFirst(8))
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<Int(random.next() % 6) {
                for _ in 0..<Int(random.next() % 12) { text.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
                let from = Int(random.next() % UInt64(secret.count))
                let length = Int(random.next() % UInt64(secret.count - from + 1))
                text += String(secret[from..<(from + length)])
                if random.next() % 5 == 0 { text += Self.key }
            }
            let scrubbed = APIKeyRedaction.scrub(text, key: Self.key)
            #expect(!Self.leaks(scrubbed), "\(text) → \(scrubbed)")
            // Scrubbing twice changes nothing more.
            #expect(APIKeyRedaction.scrub(scrubbed, key: Self.key) == scrubbed)
        }
    }
}
