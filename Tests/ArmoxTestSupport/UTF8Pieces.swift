/// Decodes UTF-8 that arrives in pieces, as reads from a terminal do: a
/// character whose bytes straddle two reads is held back until its last byte
/// comes, instead of turning into replacement characters on both sides.
public struct UTF8Pieces: Sendable {
    private var held: [UInt8] = []

    public init() {}

    /// The text `piece` completes; the bytes of a character it leaves
    /// unfinished wait for the next piece.
    public mutating func decode(_ piece: some Collection<UInt8>) -> String {
        var bytes = held
        bytes.append(contentsOf: piece)
        let unfinished = Self.unfinishedTail(bytes)
        held = Array(bytes.suffix(unfinished))
        return String(decoding: bytes.dropLast(unfinished), as: UTF8.self)
    }

    /// How many bytes at the end begin a character that needs more bytes.
    static func unfinishedTail(_ bytes: [UInt8]) -> Int {
        var start = bytes.count
        while start > 0, bytes.count - start < 3, bytes[start - 1] & 0xC0 == 0x80 { start -= 1 }
        guard start > 0 else { return 0 }
        let lead = bytes[start - 1]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        let have = bytes.count - start + 1
        return have < length ? have : 0
    }
}
