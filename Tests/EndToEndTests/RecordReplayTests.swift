import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

/// A session recorded at a real prompt, replayed as a script: the same runs again.
@Suite("record at the prompt, replay with armox FILE")
struct RecordReplayTests {
    @Test func aRecordedSessionReplaysItsRuns() async throws {
        let folder = try makeScratchFolder("armox-record")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.path + "/session.armox"
        var recording = SandboxConfiguration()
        recording.speed = 0.02
        let first = try await SandboxServer.start(recording)
        defer { Task { await first.stop() } }
        let terminal = try PseudoTerminal(
            ["--base-url", first.baseURL], environment: ["ARMOX_API_KEY": SandboxKeys.valid, "ARMOX_HISTFILE": "/dev/null"])
        #expect(await terminal.waitFor("armox> "))
        for (line, answer) in [
            ("use google/nano-banana", "using google/nano-banana"),
            ("record \(file)", "recording to"),
            (#"hero = run "a fox" aspect_ratio=16:9"#, "armox google/nano-banana> "),
            (#"run no/such-model "x""#, "unknown model"),
            (#"for p in ["a", "b"] { run elevenlabs/music "loop on $p" --detach }"#, "pending"),
            ("wait all", "completed"),
            ("record stop", "recorded 3 statements"),
        ] {
            let mark = terminal.output.count
            terminal.type(line + "\r")
            #expect(await terminal.waitFor(answer, after: mark), "after \(line): \(terminal.output)")
            #expect(await terminal.waitFor("armox google/nano-banana> ", after: mark))
        }
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)
        let recorded = await first.ledger().map(\.model)
        #expect(recorded == ["google/nano-banana", "elevenlabs/music", "elevenlabs/music"])

        let second = try await SandboxServer.start(recording)
        defer { Task { await second.stop() } }
        let replay = try await ArmoxProcess.run(["--base-url", second.baseURL, file], environment: ["ARMOX_API_KEY": SandboxKeys.valid])
        #expect(replay.status == 0, "stderr: \(replay.stderr)\nscript:\n\((try? String(contentsOfFile: file, encoding: .utf8)) ?? "")")
        #expect(await second.ledger().map(\.model) == recorded)
        let script = try String(contentsOfFile: file, encoding: .utf8)
        #expect(script.contains("use google/nano-banana\n"))
        #expect(!script.contains("no/such-model"))
    }
}
