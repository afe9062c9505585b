import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The key is a password: one test per place it could leak — output,
/// errors, `--verbose`, history, a crash. (Recordings come with `record`.)
@Suite("The API key never appears whole")
struct KeyExposureTests {
    let key = SandboxKeys.valid

    func armox(_ arguments: [String], input: String? = nil, _ body: (ArmoxProcess.Result) throws -> Void) async throws {
        let server = try await SandboxServer.start(SandboxConfiguration())
        defer { Task { await server.stop() } }
        let result = try await ArmoxProcess.run(["--base-url", server.baseURL] + arguments, environment: ["ARMOX_API_KEY": key], input: input)
        #expect(!result.stdout.contains(key), "stdout: \(result.stdout)")
        #expect(!result.stderr.contains(key), "stderr: \(result.stderr)")
        try body(result)
    }

    @Test func notInOutput() async throws {
        // $env shows it redacted; the key typed into a script prints redacted.
        try await armox(["-c", "echo $env.ARMOX_API_KEY; print $env --json; echo sk_live_sandbox_demo_4242; vars"]) { result in
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout.contains("sk_live_…"))
            #expect(!result.stdout.contains("…4242"), "no part of the key is shown")
        }
    }

    @Test func notSentAsAPromptFromTheEnvironment() async throws {
        let server = try await SandboxServer.start(SandboxConfiguration())
        defer { Task { await server.stop() } }
        let result = try await ArmoxProcess.run(
            ["--base-url", server.baseURL, "-c", #"hero = run google/nano-banana "$env.ARMOX_API_KEY"; j = job $hero; print $j.input --json"#],
            environment: ["ARMOX_API_KEY": key])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("sk_live_…"), "the prompt sent: \(result.stdout)")
        #expect(!result.stdout.contains("…4242"), "the prompt sent: \(result.stdout)")
    }

    @Test func notInErrors() async throws {
        // The error quotes the word and prints the source line under it.
        try await armox(["-c", "model sk_live_sandbox_demo_4242"]) { result in
            #expect(result.status == 2)
            #expect(result.stderr.contains("unknown model \"sk_live_…\""), "\(result.stderr)")
            #expect(result.stderr.contains("model sk_live_…\n"))
        }
    }

    @Test func notInTheVerboseTrace() async throws {
        try await armox(["--verbose", "-c", "account"]) { result in
            #expect(result.status == 0)
            #expect(result.stderr.contains("(Authorization: Bearer sk_live_…)"), "\(result.stderr)")
        }
    }

    @Test func notInHistory() async throws {
        let folder = try makeScratchFolder("armox-history")
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = folder.path + "/history"
        let terminal = try PseudoTerminal(["--sandbox"], environment: ["ARMOX_HISTFILE": history])
        #expect(await terminal.waitFor("armox> "))
        terminal.type("echo before\r")
        #expect(await terminal.waitFor("before\r\n"))
        terminal.type("echo \(SandboxKeys.valid)\r")
        #expect(await terminal.waitFor("sk_live_…\r\n"), "\(terminal.output)")
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)
        let kept = try String(contentsOfFile: history, encoding: .utf8)
        #expect(kept.contains("echo before"))
        #expect(!kept.contains(SandboxKeys.valid))
    }

    /// A crash prints one fixed line (nothing from the session) and puts the
    /// terminal back; checked with the signals a crash raises.
    @Test(arguments: [SIGSEGV, SIGABRT, SIGBUS])
    func notInACrashAndTheTerminalIsRestored(signal: Int32) async throws {
        let server = try await SandboxServer.start(SandboxConfiguration())
        defer { Task { await server.stop() } }
        let terminal = try PseudoTerminal(["--base-url", server.baseURL], environment: ["ARMOX_API_KEY": key, "ARMOX_HISTFILE": "/dev/null"])
        #expect(await terminal.waitFor("armox> "))
        terminal.type("sleep 30\r")
        try await Task.sleep(for: .milliseconds(300))
        kill(terminal.armoxPID, signal)
        #expect(await terminal.waitFor("armox: crashed (a bug in armox, not in your script); the terminal is restored."), "\(terminal.output)")
        let status = await terminal.exitStatus()
        #expect(status != 0)
        #expect(!terminal.output.contains(key))
        #expect(terminal.localModes & tcflag_t(ECHO | ICANON) == tcflag_t(ECHO | ICANON))
    }
}
