import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The run ledger as a user meets it: the `armox` binary, a real SQLite file
/// in a temporary folder, a sandbox on loopback that outlives the process.
@Suite("The run ledger, end to end")
struct LedgerEndToEndTests {
    /// A ledger file in a folder of its own, removed afterwards.
    static func withLedgerFile(_ body: (String, URL) async throws -> Void) async throws {
        let folder = try makeScratchFolder("armox-ledger-e2e")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder.path + "/runs.sqlite3", folder)
    }

    static func armox(_ server: SandboxServer, ledger: String, _ statements: String, json: Bool = false) async throws -> ArmoxProcess.Result {
        try await ArmoxProcess.run(
            ["--base-url", server.baseURL] + (json ? ["--json"] : []) + ["-c", statements],
            environment: ["ARMOX_API_KEY": SandboxKeys.valid, "ARMOX_LEDGER": ledger])
    }

    /// The ledger's rows as `runs --json --all-servers` gives them.
    static func rows(_ server: SandboxServer, ledger: String) async throws -> [[String: Any]] {
        let result = try await armox(server, ledger: ledger, "runs --limit=1000 --all-servers", json: true)
        #expect(result.status == 0, "\(result.stderr)")
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    @Test func jobsOfAKilledSessionAreFinishedByWaitPendingAndNeverResent() async throws {
        var settings = SandboxConfiguration()
        settings.speed = 1
        let server = try await SandboxServer.start(settings)
        defer { Task { await server.stop() } }
        try await Self.withLedgerFile { ledger, folder in
            let process = SpawnedProcess()
            process.executableURL = ArmoxProcess.binary
            process.arguments = [
                "--base-url", server.baseURL, "-c",
                #"for p in ["dawn", "noon", "dusk", "night"] { run google/veo-3 "waves at $p" --detach }; sleep 60"#,
            ]
            process.environment = ArmoxProcess.environment(["ARMOX_API_KEY": SandboxKeys.valid, "ARMOX_LEDGER": ledger])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            #expect(await ScriptSignalTests.eventually { await server.ledger().count == 4 })
            kill(process.processIdentifier, SIGKILL)
            _ = await ScriptSignalTests.exitStatus(process)

            let before = try await Self.rows(server, ledger: ledger)
            #expect(before.count == 4 && before.allSatisfy { $0["status"] as? String != "completed" }, "\(before)")
            let waited = try await Self.armox(server, ledger: ledger, "wait pending")
            #expect(waited.status == 0, "\(waited.stderr)")
            let after = try await Self.rows(server, ledger: ledger)
            #expect(after.count == 4 && after.allSatisfy { $0["status"] as? String == "completed" }, "\(after)")
            #expect(Set(after.compactMap { $0["id"] as? String }) == Set(await server.ledger().map(\.jobId)))
            #expect(await server.requestCount(.modelsRun) == 4, "a run was sent again")
            _ = folder
        }
    }

    @Test func twoProcessesWritingAtOnceLoseNothing() async throws {
        try await withSandboxServer({ $0.rateLimitPerMinute = 600 }) { server in
            try await Self.withLedgerFile { ledger, _ in
                let statements = "for i in [" + (1...15).map(String.init).joined(separator: ", ") + #"] { run google/nano-banana "fox $i" }"#
                async let first = Self.armox(server, ledger: ledger, statements)
                async let second = Self.armox(server, ledger: ledger, statements)
                for result in try await [first, second] {
                    #expect(result.status == 0, "\(result.stderr)")
                    #expect(!result.stderr.contains("warning"), "\(result.stderr)")
                }
                let rows = try await Self.rows(server, ledger: ledger)
                #expect(rows.count == 30)
                #expect(Set(rows.compactMap { $0["session"] as? String }).count == 2)
            }
        }
    }

    @Test(arguments: ["corrupt", "under a file", "read-only folder"])
    func aLedgerThatCannotBeUsedIsOneWarningAndRunsGoOn(_ kind: String) async throws {
        try await withSandboxServer { server in
            try await Self.withLedgerFile { ledger, folder in
                var path = ledger
                switch kind {
                case "corrupt":
                    try Data(repeating: 0x5a, count: 8192).write(to: URL(fileURLWithPath: ledger))
                case "under a file":
                    try Data("a file".utf8).write(to: URL(fileURLWithPath: ledger))
                    path = ledger + "/runs.sqlite3"
                default:
                    // root writes through a mode of 0500, so the case is met only as another user.
                    guard geteuid() != 0 else { return }
                    let locked = folder.path + "/locked"
                    try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o500])
                    path = locked + "/runs.sqlite3"
                }
                let result = try await Self.armox(server, ledger: path, #"a = run google/nano-banana "one"; b = run google/nano-banana "two"; echo $b.status"#)
                #expect(result.status == 0, "\(result.stderr)")
                #expect(result.stdout == "completed\n")
                #expect(result.stderr.components(separatedBy: "warning:").count == 2, "\(result.stderr)")
                #expect(result.stderr.contains("cannot be used") && result.stderr.contains("goes on without it"), "\(result.stderr)")
                #expect(await server.ledger().count == 2)
            }
        }
    }

    @Test func theKeyIsInNoByteOfTheLedger() async throws {
        try await withSandboxServer { server in
            try await Self.withLedgerFile { ledger, folder in
                let statements = """
                    a = run google/nano-banana "a fox \(SandboxKeys.valid)"
                    b = run google/nano-banana "sandbox:fail" --allow-failure
                    c = run google/veo-3 "waves" --detach
                    wait $c
                    download $a \(folder.path)/out/
                    """
                let result = try await Self.armox(server, ledger: ledger, statements)
                #expect(result.status == 0, "\(result.stderr)")
                var bytes = Data()
                for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("runs.sqlite3") {
                    bytes += try Data(contentsOf: folder.appendingPathComponent(name))
                }
                #expect(bytes.count > 0)
                #expect(bytes.range(of: Data(SandboxKeys.valid.utf8)) == nil, "the key is in the ledger")
                let mode = try FileManager.default.attributesOfItem(atPath: ledger)[.posixPermissions] as? Int
                #expect(mode == 0o600)
            }
        }
    }

    @Test func spendEqualsTheSandboxsOwnCharges() async throws {
        try await withSandboxServer { server in
            try await Self.withLedgerFile { ledger, _ in
                let statements = """
                    run google/nano-banana "one"
                    run black-forest-labs/flux-schnell "two" num_outputs=2
                    run google/nano-banana "sandbox:fail" --allow-failure
                    run elevenlabs/music "a loop"
                    clip = run google/veo-3 "waves sandbox:fail" --allow-failure
                    """
                let result = try await Self.armox(server, ledger: ledger, statements)
                #expect(result.status == 0, "\(result.stderr)")
                let spend = try await Self.armox(server, ledger: ledger, "spend", json: true)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(spend.stdout.utf8)) as? [String: Any], "\(spend.stdout)")
                let charges = await server.ledger()
                let charged = charges.filter { !$0.refunded }.reduce(0) { $0 + $1.credits }
                #expect(charges.count == 5 && charges.filter(\.refunded).count == 2)
                #expect(object["credits"] as? Int == charged, "\(spend.stdout)")
            }
        }
    }

    @Test func theSandboxsUnfinishedJobsAreGoneOnTheNextStart() async throws {
        try await Self.withLedgerFile { ledger, _ in
            let environment = ["ARMOX_LEDGER": ledger, "ARMOX_SANDBOX_SPEED": "1"]
            let first = try await ArmoxProcess.run(["--sandbox", "-c", #"run google/veo-3 "waves" --detach"#], environment: environment)
            #expect(first.status == 0, "\(first.stderr)")
            let next = try await ArmoxProcess.run(["--sandbox", "--json", "-c", "runs"], environment: environment)
            let rows = (try? JSONSerialization.jsonObject(with: Data(next.stdout.utf8)) as? [[String: Any]]) ?? []
            #expect(rows.count == 1 && rows.first?["status"] as? String == "gone", "\(next.stdout) \(next.stderr)")
            // The sandbox's file sits beside the real one.
            #expect(FileManager.default.fileExists(atPath: ledger.replacingOccurrences(of: "runs.sqlite3", with: "runs-sandbox.sqlite3")))
            #expect(!FileManager.default.fileExists(atPath: ledger))
        }
    }

    @Test func theFirstPromptSaysWhatEarlierSessionsLeftRunning() async throws {
        var settings = SandboxConfiguration()
        settings.speed = 1
        let server = try await SandboxServer.start(settings)
        defer { Task { await server.stop() } }
        try await Self.withLedgerFile { ledger, _ in
            let started = try await Self.armox(server, ledger: ledger, #"run google/veo-3 "one" --detach; run google/veo-3 "two" --detach"#)
            #expect(started.status == 0, "\(started.stderr)")
            let terminal = try PseudoTerminal(
                ["--base-url", server.baseURL], environment: ["ARMOX_API_KEY": SandboxKeys.valid, "ARMOX_LEDGER": ledger])
            #expect(await terminal.waitFor("armox> "), "no prompt: \(terminal.output)")
            let mark = terminal.output.count
            // Read off the start path, and waited for (briefly) by the first prompt: no Enter needed.
            let line = "2 jobs from earlier sessions are still running: wait pending"
            let shown = terminal.output.range(of: line).map { $0.upperBound <= terminal.output.range(of: "armox> ")!.lowerBound }
            #expect(shown == true, "the line before the first prompt: \(terminal.output)")
            await terminal.typeAtPrompt("wait pending\r")
            #expect(await terminal.waitFor("completed", after: mark), "\(terminal.output)")
            #expect(await terminal.waitFor("armox> ", after: terminal.output.count - 8))
            await terminal.typeAtPrompt("\u{4}")
            #expect(await terminal.exitStatus() == 0)
        }
    }

    /// Opening the ledger is off the path to the first prompt: a file another
    /// process holds locked still gives a prompt at once, and once the lock
    /// is let go the session's runs are on record.
    @Test func aLockedLedgerDoesNotHoldTheFirstPrompt() async throws {
        let server = try await SandboxServer.start()
        defer { Task { await server.stop() } }
        try await Self.withLedgerFile { ledger, _ in
            // sqlite3 takes an exclusive lock on a file in rollback mode: no other connection can even read it.
            let holder = SpawnedProcess()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            holder.arguments = ["sqlite3", ledger]
            let input = Pipe()
            let output = Pipe()
            holder.standardInput = input
            holder.standardOutput = output
            try holder.run()
            defer { if holder.isRunning { holder.terminate() } }
            input.fileHandleForWriting.write(Data("BEGIN EXCLUSIVE;\nCREATE TABLE held(x);\nSELECT 'held';\n".utf8))
            var said = Data()
            while !String(decoding: said, as: UTF8.self).contains("held") {
                let chunk = output.fileHandleForReading.availableData
                guard !chunk.isEmpty else { break }
                said.append(chunk)
            }
            #expect(String(decoding: said, as: UTF8.self).contains("held"))

            let terminal = try PseudoTerminal(
                ["--base-url", server.baseURL], environment: ["ARMOX_API_KEY": SandboxKeys.valid, "ARMOX_LEDGER": ledger])
            #expect(await terminal.waitFor("armox> "), "no prompt: \(terminal.output)")
            // Were the prompt waiting for the file, it would come only after the busy timeout, with a warning.
            #expect(holder.isRunning)
            #expect(!terminal.output.contains("warning"), "\(terminal.output)")
            input.fileHandleForWriting.write(Data("COMMIT;\n.quit\n".utf8))
            holder.waitUntilExit()
            let mark = terminal.output.count
            await terminal.typeAtPrompt(#"a = run google/nano-banana "after the lock"; echo $a.status"# + "\r")
            #expect(await terminal.waitFor("completed", after: mark), "\(terminal.output)")
            await terminal.typeAtPrompt("\u{4}")
            #expect(await terminal.exitStatus() == 0)
            #expect(!terminal.output.contains("warning"), "\(terminal.output)")
            let rows = try await Self.rows(server, ledger: ledger)
            #expect(rows.map { $0["prompt"] as? String } == ["after the lock"], "\(rows)")
        }
    }
}
