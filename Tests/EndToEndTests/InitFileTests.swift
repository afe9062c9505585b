import ArmoxTestSupport
import Foundation
import Testing

/// `$XDG_CONFIG_HOME/armox/init.armox`: run before the first prompt of an
/// interactive session, its errors reported with their place, skipped with
/// `--no-init`, never read by a script.
@Suite("The init file")
struct InitFileTests {
    /// A config folder holding `init.armox` with `text`.
    func configWithInit(_ text: String) throws -> (config: String, file: String) {
        let folder = try makeScratchFolder("armox-init")
        let config = folder.path + "/config"
        try FileManager.default.createDirectory(atPath: config + "/armox", withIntermediateDirectories: true)
        let file = config + "/armox/init.armox"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return (config, file)
    }

    @Test func itsUseShowsInTheFirstPrompt() async throws {
        let (config, _) = try configWithInit("use google/nano-banana\nset aspect_ratio=16:9\nbudget 500\n")
        let terminal = try PseudoTerminal(["--sandbox"], environment: ["XDG_CONFIG_HOME": config])
        #expect(await terminal.waitFor("armox google/nano-banana> "), "no prompt with the init file's model: \(terminal.output)")
        // Asked after the prompt, so what the init file itself printed does not count.
        var mark = terminal.output.count
        await terminal.typeAtPrompt("settings\r")
        #expect(await terminal.waitFor("aspect_ratio", after: mark), "\(terminal.output)")
        #expect(await terminal.waitFor("16:9", after: mark), "\(terminal.output)")
        mark = terminal.output.count
        await terminal.typeAtPrompt("budget\r")
        #expect(await terminal.waitFor("budget: 500 credits", after: mark), "\(terminal.output)")
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)
    }

    /// The file is one entry, checked whole like a script: an error in it
    /// means none of it ran (no half-applied set-up, a budget missing while
    /// the model is set), and the session starts all the same.
    @Test func anErrorInItIsLocatedAndTheSessionStartsAnyway() async throws {
        let (config, file) = try configWithInit("use google/nano-banana\nbudget 500\nsett aspect_ratio=1:1\n")
        let terminal = try PseudoTerminal(["--sandbox"], environment: ["XDG_CONFIG_HOME": config])
        #expect(await terminal.waitFor("armox> "), "\(terminal.output)")
        #expect(terminal.output.contains("\(file):3:1: error: unknown command \"sett\""), "\(terminal.output)")
        #expect(terminal.output.contains("nothing was run: 1 error found before the first statement"))
        terminal.type("echo alive\r")
        #expect(await terminal.waitFor("alive\r\n"), "\(terminal.output)")
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)
    }

    @Test func noInitSkipsItAndScriptsNeverReadIt() async throws {
        let (config, _) = try configWithInit("use google/nano-banana\necho from-init\n")
        let terminal = try PseudoTerminal(["--sandbox", "--no-init"], environment: ["XDG_CONFIG_HOME": config])
        #expect(await terminal.waitFor("armox> "), "\(terminal.output)")
        #expect(!terminal.output.contains("from-init"))
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)

        let script = try await ArmoxProcess.run(["--sandbox", "-c", "echo model=$model"], environment: ["XDG_CONFIG_HOME": config])
        #expect(script.status == 0)
        #expect(script.stdout == "model=null\n", "\(script.stdout)")
        #expect(!script.stdout.contains("from-init"))
    }
}
