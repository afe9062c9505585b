import ArmoxTestSupport
import Foundation
import Testing

/// `preview` in the built binary on a real terminal: the kitty sequence with
/// the sandbox's PNG in it, the explanation elsewhere, and URLs in a pipe.
@Suite("preview, end to end")
struct PreviewEndToEndTests {
    /// The payloads of the kitty APC sequences in `text`, joined.
    static func kittyPayload(in text: String) -> String {
        var payload = ""
        var rest = Substring(text)
        while let start = rest.range(of: "\u{1B}_G") {
            guard let end = rest[start.upperBound...].range(of: "\u{1B}\\") else { break }
            let sequence = rest[start.upperBound..<end.lowerBound]
            if let semicolon = sequence.firstIndex(of: ";") { payload += sequence[sequence.index(after: semicolon)...] }
            rest = rest[end.upperBound...]
        }
        return payload
    }

    func session(term: String, _ body: (PseudoTerminal) async throws -> Void) async throws {
        let home = try makeScratchFolder("armox-preview")
        defer { try? FileManager.default.removeItem(at: home) }
        var environment = ["TERM": term, "ARMOX_SANDBOX_SPEED": "0.05", "ARMOX_HISTFILE": "/dev/null"]
        for name in ["KITTY_WINDOW_ID", "TERM_PROGRAM", "LC_TERMINAL", "TMUX", "STY"] { environment[name] = "" }
        let terminal = try PseudoTerminal(["--sandbox"], environment: environment)
        #expect(await terminal.waitFor("armox> "), "no prompt: \(terminal.output)")
        await terminal.typeAtPrompt("run google/nano-banana \"x\"\r")
        #expect(await terminal.waitFor("completed  google/nano-banana"), "\(terminal.output)")
        try await body(terminal)
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)
    }

    @Test func kittyShowsTheSandboxPNGInline() async throws {
        try await session(term: "xterm-kitty") { terminal in
            let mark = terminal.output.count
            await terminal.typeAtPrompt("preview $job\r")
            #expect(await terminal.waitFor("output.png\r\n", after: mark), "\(terminal.output.dropFirst(mark))")
            let shown = String(terminal.output.dropFirst(mark))
            // The sandbox's PNG takes more than one 4096-byte chunk: m=1 first, m=0 last.
            #expect(shown.contains("preview $job\r\n\u{1B}_Ga=T,f=100,q=2,m=1;iVBORw0KGgo"))
            #expect(shown.contains("\u{1B}_Gm=0,q=2;"))
            let png = [UInt8](Data(base64Encoded: Self.kittyPayload(in: shown)) ?? Data())
            // A whole PNG: its signature, then an IHDR of 64×64 (the sandbox's size for 1:1).
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            #expect(png.count > 33 && Array(png[12..<24]) == Array("IHDR".utf8) + [0, 0, 0, 64, 0, 0, 0, 64])
            #expect(Array(png.suffix(12).prefix(8)) == [0, 0, 0, 0] + Array("IEND".utf8))
        }
    }

    @Test func aPlainTerminalGetsTheExplanation() async throws {
        try await session(term: "xterm-256color") { terminal in
            let mark = terminal.output.count
            await terminal.typeAtPrompt("preview $job\r")
            #expect(
                await terminal.waitFor(
                    "this terminal shows no images inline (kitty, Ghostty, iTerm2 and WezTerm can); view it with: open $job or download $job\r\n",
                    after: mark),
                "\(terminal.output.dropFirst(mark))")
            #expect(await terminal.waitFor("output.png\r\n", after: mark))
            #expect(!terminal.output.dropFirst(mark).contains("\u{1B}_G"))
        }
    }

    @Test func aPipeGetsTheURLsEvenInKitty() async throws {
        let result = try await ArmoxProcess.run(
            ["--sandbox", "-c", #"h = run google/nano-banana "x"; preview $h"#],
            environment: ["TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1", "ARMOX_SANDBOX_SPEED": "0.05"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("http://127.0.0.1:"))
        #expect(result.stdout.hasSuffix("/output.png\n"))
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(!result.stdout.contains("\u{1B}"))
    }
}
