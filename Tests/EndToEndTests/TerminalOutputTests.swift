import ArmoxTestSupport
import Foundation
import Testing

/// Output that fits where it lands, through the binary: colour on a real
/// terminal, none with NO_COLOR, TERM=dumb or a pipe; tables fitted to the
/// terminal's width, read again at each command so a resize applies.
///
/// `ArmoxProcess.environment` sets NO_COLOR=1 for every test (so no other
/// test sees escape codes); these set it to "" — unset, per no-color.org —
/// where they want colour.
@Suite("Colour and width on a terminal")
struct TerminalOutputTests {
    /// A run, the jobs table, then a run that fails (an error only running can know).
    static let statements = "x = run google/nano-banana \"a fox\"; jobs --session; run google/nano-banana \"sandbox:fail\""
    static let hint = "failed jobs are refunded"
    static let colourAllowed = ["NO_COLOR": "", "TERM": "xterm"]

    @Test func aTerminalGetsColouredStatusesAndErrors() async throws {
        let terminal = try PseudoTerminal(["--sandbox", "-c", Self.statements], environment: Self.colourAllowed)
        #expect(await terminal.waitFor(Self.hint), "\(terminal.output)")
        #expect(await terminal.exitStatus() == 1)
        let output = terminal.output
        #expect(output.contains("\u{1B}[32mcompleted\u{1B}[0m"), "\(output)")
        #expect(output.contains("\u{1B}[1mID\u{1B}[0m"))
        #expect(output.contains("\u{1B}[1;31merror:\u{1B}[0m job "))
        #expect(output.contains("\u{1B}[36mhint:\u{1B}[0m failed jobs are refunded"))
    }

    @Test(arguments: [["NO_COLOR": "1"], ["NO_COLOR": "", "TERM": "dumb"]])
    func noColorOrADumbTerminalIsPlain(_ environment: [String: String]) async throws {
        let terminal = try PseudoTerminal(["--sandbox", "-c", Self.statements], environment: environment)
        #expect(await terminal.waitFor(Self.hint), "\(terminal.output)")
        #expect(await terminal.exitStatus() == 1)
        #expect(terminal.output.contains("completed"))
        #expect(!terminal.output.contains("\u{1B}["), "\(terminal.output)")
    }

    @Test func aPipeIsPlainAndWhole() async throws {
        let result = try await ArmoxProcess.run(
            ["--sandbox", "-c", "models; " + Self.statements], environment: Self.colourAllowed.merging(["COLUMNS": "40"]) { $1 })
        #expect(result.status == 1)
        #expect(!result.stdout.contains("\u{1B}") && !result.stderr.contains("\u{1B}"), "\(result.stdout)\(result.stderr)")
        // Not a terminal: every table whole, however narrow COLUMNS says the screen is.
        #expect(result.stdout.contains("Grok Video (Image to Video)"))
        #expect(!result.stdout.contains("…"))
        #expect(result.stderr.contains("hint: failed jobs are refunded"))
    }

    /// The lines of the models table printed after `offset`.
    static func modelLines(_ terminal: PseudoTerminal, after offset: Int) -> [String] {
        String(terminal.output.dropFirst(offset)).components(separatedBy: "\r\n")
            .filter { $0.contains("/") && ($0.contains(" image ") || $0.contains(" video ") || $0.contains(" audio ") || $0.contains(" text ") || $0.contains(" 3d ")) }
    }

    /// Waits for the models table's last row and the prompt after it.
    static func tableThenPrompt(_ terminal: PseudoTerminal, after offset: Int) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while clock.now < deadline {
            let tail = terminal.output.dropFirst(offset)
            if let last = tail.range(of: "google/gemini-2.5-flash "), tail[last.upperBound...].contains("armox> ") { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test func tablesFitTheTerminalAndFollowAResize() async throws {
        let home = try makeScratchFolder("armox-fit")
        defer { try? FileManager.default.removeItem(at: home) }
        let terminal = try PseudoTerminal(
            ["--sandbox"], environment: ["ARMOX_HISTFILE": home.path + "/history", "XDG_CACHE_HOME": home.path + "/cache"])
        #expect(await terminal.waitFor("armox> "), "no prompt: \(terminal.output)")

        // 120 columns: the table's natural width fits; nothing is cut.
        var mark = terminal.output.count
        await terminal.typeAtPrompt("models\r")
        #expect(await Self.tableThenPrompt(terminal, after: mark), "\(terminal.output)")
        var lines = Self.modelLines(terminal, after: mark)
        #expect(lines.count == 9, "\(lines)")
        #expect(lines.contains { $0.contains("Grok Video (Image to Video)") })
        #expect(!lines.contains { $0.contains("…") })

        // 80 columns: names cut with "…", every id whole, every line within 80.
        terminal.resize(rows: 40, columns: 80)
        mark = terminal.output.count
        await terminal.typeAtPrompt("models\r")
        #expect(await Self.tableThenPrompt(terminal, after: mark), "\(terminal.output)")
        lines = Self.modelLines(terminal, after: mark)
        #expect(lines.count == 9, "\(lines)")
        #expect(lines.contains { $0.contains("…") }, "\(lines)")
        for line in lines { #expect(line.count <= 80, "\(line)") }
        for id in ["stability-ai/stable-diffusion-3.5-large", "xai/grok-video-image-to-video", "google/gemini-2.5-flash"] {
            #expect(lines.contains { $0.hasPrefix(id + " ") }, "\(id) cut: \(lines)")
        }
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)
    }
}
