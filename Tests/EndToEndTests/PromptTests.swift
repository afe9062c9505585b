import ArmoxTestSupport
import Foundation
import Testing

/// The prompt is one more entry point to the same evaluator: typed through a
/// real pseudo-terminal, statements continue over lines while something is
/// open, errors print as in scripts and the session goes on.
@Suite("The prompt, through a pseudo-terminal")
struct PromptTests {
    @Test func multiLineStatementsErrorsAndNonASCII() async throws {
        let terminal = try PseudoTerminal(["--sandbox"], environment: ["LANG": "", "LC_ALL": ""])
        #expect(await terminal.waitFor("armox> "), "no prompt: \(terminal.output)")

        terminal.type("x = [a,\r")
        #expect(await terminal.waitFor("...> "), "no continuation prompt: \(terminal.output)")
        terminal.type("\"Straße bei Nacht, 東京, 🎬\"]\r")
        terminal.type("echo \"${x[1]}\" $x.count\r")
        #expect(await terminal.waitFor("Straße bei Nacht, 東京, 🎬 2\r\n"), "\(terminal.output)")

        let mark = terminal.output.count
        terminal.type("rn \"a cat\"\r")
        #expect(await terminal.waitFor("<prompt>:1:1: error: unknown command \"rn\"", after: mark), "\(terminal.output)")
        #expect(await terminal.waitFor("hint: did you mean run, runs?", after: mark))

        terminal.type("use google/nano-banana\r")
        #expect(await terminal.waitFor("armox google/nano-banana> ", after: mark), "the prompt shows the current model")
        terminal.type("hero = run \"a fox\" aspect_ratio=16:9; echo done ${hero.status}\r")
        #expect(await terminal.waitFor("done completed", after: mark), "\(terminal.output)")

        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)
    }

    @Test func exitInsideTheSessionEndsItWithItsCode() async throws {
        let terminal = try PseudoTerminal(["--sandbox"])
        #expect(await terminal.waitFor("armox> "))
        terminal.type("exit 5\r")
        #expect(await terminal.exitStatus() == 5)
    }
}
