import ArmoxTestSupport
import Foundation
import Testing

/// Every entry point feeds the same evaluator: a file, `-c`, stdin and a
/// shebang give the same results, and failures exit with documented codes.
@Suite("Scripts: entry points and exit codes")
struct ScriptEntryTests {
    static let fast = ["ARMOX_SANDBOX_SPEED": "0.02"]

    func scratch() throws -> URL {
        try makeScratchFolder("armox-e2e")
    }

    static let script = """
        x = [a, "b c", 2.50]
        for v in $x { echo "item: $v" }
        if $x.count == 3 { echo three } else { echo other }
        m = models banana
        echo ${m[0].id}
        """

    @Test func fileCommandAndStdinAgree() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("same.armox")
        try Self.script.write(to: file, atomically: true, encoding: .utf8)
        let fromFile = try await ArmoxProcess.run(["--sandbox", file.path])
        let fromFlag = try await ArmoxProcess.run(["--sandbox", "-c", Self.script])
        let fromStdin = try await ArmoxProcess.run(["--sandbox"], input: Self.script)
        let expected = "item: a\nitem: b c\nitem: 2.50\nthree\ngoogle/nano-banana\n"
        for result in [fromFile, fromFlag, fromStdin] {
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout == expected)
        }
        // Not a terminal: no prompt, no escape codes.
        #expect(!fromStdin.stderr.contains("armox>"))
        #expect(!fromStdin.stdout.contains("\u{1B}"))
    }

    /// Not a terminal: a wait draws no live lines, and nothing on stderr
    /// carries an escape code.
    @Test func aWaitOffATerminalIsSilent() async throws {
        let result = try await ArmoxProcess.run(
            ["--sandbox", "-c", "v = run google/veo-3 \"waves\"; echo ${v.status}"], environment: ["ARMOX_SANDBOX_SPEED": "0.05"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "completed\n")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func shebangScriptsRunWithTheirArguments() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("hello.armox")
        try "#!/usr/bin/env armox\necho \"hello $1, ${args.count} args\"\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        let path = ArmoxProcess.binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try await ArmoxProcess.run(["Straße", "two"], environment: ["PATH": path], executable: file)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "hello Straße, 2 args\n")
    }

    @Test func aScriptErrorPrintsFileLineColumnCaretAndHintAndExitsTwo() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.armox")
        try "echo one\n  rn \"a cat\"\necho three\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try await ArmoxProcess.run(["--sandbox", file.path])
        #expect(result.status == 2)
        // The whole script is checked before its first statement runs.
        #expect(result.stdout == "")
        #expect(result.stderr == "\(file.path):2:3: error: unknown command \"rn\"\n  rn \"a cat\"\n  ^\nhint: did you mean run, runs?\nnothing was run: 1 error found before the first statement\n")
    }

    @Test func aSyntaxErrorAnywhereRunsNothing() async throws {
        let result = try await ArmoxProcess.run(["--sandbox", "-c", "echo first\nrun google/nano-banana \"a cat\nmore"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("-c:2:24: error: unterminated string"))
    }

    @Test func exitCodesPerClass() async throws {
        let api = try await ArmoxProcess.run(["--sandbox", "-c", "run google/veo-3 \"sandbox:fail\""], environment: Self.fast)
        #expect(api.status == 1, "a failed job: \(api.stderr)")
        let id = try #require(api.stderr.firstMatch(of: /job (job_[0-9a-f]{20}) failed/)?.1)
        #expect(api.stderr == """
            -c:1:1: error: job \(id) failed: Sandbox: generation failed (the prompt asked for it with sandbox:fail)
            run google/veo-3 "sandbox:fail"
            ^
            hint: failed jobs are refunded; look with: job \(id) (or add --allow-failure to go on)

            """)
        let refused = try await ArmoxProcess.run(["--sandbox", "-c", "run google/nano-banana \"a cat\" aspect=1:1"])
        #expect(refused.status == 2, "a run refused before sending: \(refused.stderr)")
        let usage = try await ArmoxProcess.run(["--sandbox", "/nonexistent/script.armox"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("cannot read /nonexistent/script.armox"))
        let chosen = try await ArmoxProcess.run(["--sandbox", "-c", "echo bye; exit 7; echo never"])
        #expect(chosen.status == 7)
        #expect(chosen.stdout == "bye\n")
    }

    @Test func sourceReadsFilesBesideTheScript() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "source lib/setup.armox\necho \"$greeting\"\n".write(to: folder.appendingPathComponent("main.armox"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("lib"), withIntermediateDirectories: true)
        try "greeting = 'from lib'\n".write(to: folder.appendingPathComponent("lib/setup.armox"), atomically: true, encoding: .utf8)
        let result = try await ArmoxProcess.run(["--sandbox", folder.appendingPathComponent("main.armox").path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "from lib\n")
    }

    @Test func everythingAfterTheScriptBelongsToIt() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("args.armox")
        try "for a in $args { echo \"[$a]\" }\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try await ArmoxProcess.run(["--sandbox", file.path, "--json", "-c", "two words"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "[--json]\n[-c]\n[two words]\n")
        let unknown = try await ArmoxProcess.run(["--bogus", file.path])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown option '--bogus'"))
    }
}
