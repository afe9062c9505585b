import ArmoxHost
import Foundation
import Testing

@testable import ArmoxScript
@testable import ArmoxRender

/// The inline-image protocols as pure text, and the terminal told from the environment.
@Suite("Inline images: encoders and detection")
struct InlineImageTests {
    /// A 1×1 RGBA PNG (70 bytes) and its base64, worked out apart from the code under test.
    static let tinyPNG: [UInt8] = hexBytes(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
            + "0000000d49444154789c63f8cfc0f01f00050001ff89993d1d0000000049454e44ae426082")
    static let tinyPNGBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=="

    static func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    @Test func kittySendsASmallPNGInOneSequence() {
        #expect(Self.tinyPNG.count == 70)
        #expect(KittyGraphics.displayPNG(Self.tinyPNG) == "\u{1B}_Ga=T,f=100,q=2,m=0;\(Self.tinyPNGBase64)\u{1B}\\")
    }

    /// The APC sequences of a kitty transmission: (control keys, payload).
    static func kittyChunks(_ text: String) -> [(keys: String, payload: String)] {
        let body = text.split(separator: "\u{1B}\\", omittingEmptySubsequences: true)
        return body.map { part in
            #expect(part.hasPrefix("\u{1B}_G"))
            let inside = part.dropFirst(3)
            let semicolon = inside.firstIndex(of: ";")!
            return (String(inside[..<semicolon]), String(inside[inside.index(after: semicolon)...]))
        }
    }

    @Test func kittyChunksAt4096Base64BytesWithMOneThenMZero() {
        // 3072 bytes are exactly 4096 base64 bytes: still one chunk.
        let exact = [UInt8](repeating: 0xAB, count: 3072)
        let one = Self.kittyChunks(KittyGraphics.displayPNG(exact))
        #expect(one.count == 1)
        #expect(one.first?.keys == "a=T,f=100,q=2,m=0")
        #expect(one.first?.payload.count == 4096)

        // One byte more: a second chunk of 4 ("qw==").
        let over = Self.kittyChunks(KittyGraphics.displayPNG(exact + [0xAB]))
        #expect(over.map(\.keys) == ["a=T,f=100,q=2,m=1", "m=0,q=2"])
        #expect(over.map(\.payload.count) == [4096, 4])
        #expect(over.last?.payload == "qw==")

        // 10,000 bytes: 13,336 base64 bytes in 4096 + 4096 + 4096 + 1048; only
        // the first chunk carries the image's keys, every chunk q=2.
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let chunks = Self.kittyChunks(KittyGraphics.displayPNG(bytes))
        #expect(chunks.map(\.payload.count) == [4096, 4096, 4096, 1048])
        #expect(chunks.map(\.keys) == ["a=T,f=100,q=2,m=1", "m=1,q=2", "m=1,q=2", "m=0,q=2"])
        #expect(chunks.map(\.payload).joined() == Data(bytes).base64EncodedString())
        #expect(chunks.dropLast().allSatisfy { $0.payload.count % 4 == 0 })
    }

    @Test func iTerm2GetsTheWholeFileNamedAndSized() {
        #expect(
            ITermInlineImage.display(Self.tinyPNG, name: "output.png")
                == "\u{1B}]1337;File=inline=1;size=70;name=b3V0cHV0LnBuZw==:\(Self.tinyPNGBase64)\u{7}")
    }

    @Test(arguments: [
        (["TERM": "xterm-kitty"], InlineImageSupport.kitty),
        (["TERM": "xterm-256color", "KITTY_WINDOW_ID": "3"], .kitty),
        (["TERM": "xterm-ghostty"], .kitty),
        (["TERM_PROGRAM": "iTerm.app", "TERM": "xterm-256color"], .iTerm2),
        (["LC_TERMINAL": "iTerm2", "TERM": "xterm-256color"], .iTerm2),
        (["TERM_PROGRAM": "WezTerm", "TERM": "xterm-256color"], .iTerm2),
        (["TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"], .multiplexer("tmux")),
        (["TERM": "tmux-256color", "KITTY_WINDOW_ID": "1"], .multiplexer("tmux")),
        (["TERM": "screen", "STY": "123.pts-0", "LC_TERMINAL": "iTerm2"], .multiplexer("screen")),
        (["TERM": "xterm-256color"], .none),
        (["TERM": "xterm-256color", "TERM_PROGRAM": "vscode"], .none),
        (["TERM": "xterm-256color", "KITTY_WINDOW_ID": ""], .none),
        ([:], .none),
    ])
    func theTerminalIsToldFromTheEnvironment(environment: [String: String], expected: InlineImageSupport) {
        #expect(InlineImageSupport.detect(in: environment) == expected)
    }

    @Test func outputsAreToldFromTheirURLAndTheirFirstBytes() {
        #expect(OutputKind.guessed(fromURL: "http://x.test/files/j/output.mp4?sig=abc") == .video)
        #expect(OutputKind.guessed(fromURL: "https://x.test/a/output.WAV") == .audio)
        #expect(OutputKind.guessed(fromURL: "https://x.test/a/mesh.glb#x") == .model3D)
        #expect(OutputKind.guessed(fromURL: "https://x.test/a/output.jpg") == .image(.jpeg))
        #expect(OutputKind.guessed(fromURL: "https://x.test/a/blob") == .unknown)
        #expect(OutputKind.imageFormat(of: Self.tinyPNG) == .png)
        #expect(OutputKind.imageFormat(of: [0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(OutputKind.imageFormat(of: Array("GIF89a".utf8)) == .gif)
        #expect(OutputKind.imageFormat(of: Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
        #expect(OutputKind.imageFormat(of: Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8)) == nil)
        #expect(OutputKind.imageFormat(of: Array(Self.tinyPNG.prefix(7))) == nil)
        #expect(OutputKind.imageFormat(of: []) == nil)
    }
}
