import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@Suite("The armox binary, end to end")
struct CommandLineTests {
    @Test func sandboxModelsPrintsTheCatalogue() async throws {
        let result = try await ArmoxProcess.run(["--sandbox", "-c", "models"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID") == true)
        #expect(result.stdout.contains("google/nano-banana"))
        #expect(result.stdout.contains("Nano Banana"))
        #expect(lines.count >= 9)
    }

    @Test func jsonModelsIsValidJSONAndNothingElse() async throws {
        let result = try await ArmoxProcess.run(["--sandbox", "--json", "-c", "models"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        #expect((parsed?.count ?? 0) >= 8)
        #expect(parsed?.contains { $0["id"] as? String == "google/nano-banana" } == true)
    }

    @Test func environmentNamesTheServerAndKey() async throws {
        let server = try await SandboxServer.start(SandboxConfiguration())
        defer { Task { await server.stop() } }
        let result = try await ArmoxProcess.run(["-c", "models video"], environment: ["ARMOX_BASE_URL": server.baseURL, "ARMOX_API_KEY": SandboxKeys.valid])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("google/veo-3"))
        #expect(!result.stdout.contains("google/nano-banana"))
        #expect(await server.requestCount(.models) == 1)
    }

    @Test func anAPIErrorPrintsTheServersMessageAndExitsOne() async throws {
        let server = try await SandboxServer.start(SandboxConfiguration())
        defer { Task { await server.stop() } }
        let key = "sk_live_wrong_key_for_e2e_0001"
        let result = try await ArmoxProcess.run(["--base-url", server.baseURL, "-c", "models"], environment: ["ARMOX_API_KEY": key])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Invalid API key"))
        #expect(!result.stderr.contains(key) && !result.stdout.contains(key))
        #expect(result.stdout.isEmpty)
    }

    @Test func verboseTracesWithTheKeyRedacted() async throws {
        let result = try await ArmoxProcess.run(["--sandbox", "--verbose", "-c", "models"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("→ GET"))
        #expect(result.stderr.contains("← 200"))
        #expect(result.stderr.contains("Bearer sk_live_…)"))
        #expect(!result.stderr.contains("…" + String(SandboxKeys.valid.suffix(4))))
        #expect(!result.stderr.contains(SandboxKeys.valid))
    }

    @Test func plainHTTPToARemoteHostIsRefused() async throws {
        let result = try await ArmoxProcess.run(["--base-url", "http://192.0.2.7/api/v1", "-c", "models"], environment: ["ARMOX_API_KEY": "sk_live_some_real_looking_key_77"], timeout: .seconds(20))
        #expect(result.status == 1)
        #expect(result.stderr.contains("refusing to send the API key over plain http"))
        #expect(!result.stderr.contains("sk_live_some_real_looking_key_77"))
    }

    @Test func noKeyIsExplained() async throws {
        let result = try await ArmoxProcess.run(["--base-url", "https://armox.invalid/api/v1", "-c", "models"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("ARMOX_API_KEY"))
    }

    @Test func unknownCommandIsAScriptError() async throws {
        let result = try await ArmoxProcess.run(["--sandbox", "-c", "modles"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("modles"))
    }

    @Test func statementsOnStdin() async throws {
        let result = try await ArmoxProcess.run(["--sandbox"], input: "# the catalogue\nmodels audio\n")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("audio"))
        #expect(!result.stdout.contains("armox>"))
    }

    @Test func versionAndHelp() async throws {
        let version = try await ArmoxProcess.run(["--version"])
        #expect(version.status == 0)
        // `armox 0.1.0 (commit 1fc6698a2b3c)` in a git checkout, as this one is.
        let line = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("armox "), "\(line)")
        #expect(line.dropFirst("armox ".count).prefix { $0 != " " }.split(separator: ".").count == 3, "\(line)")
        let commit = try await ArmoxProcess.run(["git", "-C", ExamplesTests.examples.deletingLastPathComponent().path, "rev-parse", "--short=12", "HEAD"], executable: URL(fileURLWithPath: "/usr/bin/env"))
        if commit.status == 0 {
            #expect(line.contains("(commit \(commit.stdout.trimmingCharacters(in: .whitespacesAndNewlines))"), "\(line)")
        }
        let help = try await ArmoxProcess.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--sandbox"))
        #expect(help.stdout.contains("sandbox"))
        // One screen a new user can start from: what to type first, then the options.
        #expect(help.stdout.split(separator: "\n", omittingEmptySubsequences: false).count <= 45, "\(help.stdout)")
        #expect(help.stdout.contains("Start here:\n  armox --sandbox"))
        for word in ["login", "check", "--budget", "--api-key-file", "ARMOX_API_KEY"] {
            #expect(help.stdout.contains(word), "\(word) missing from armox --help")
        }
    }

    /// `help` groups every command, and each line fits the terminal.
    @Test func theOverviewGroupsEveryCommandAndFitsTheWidth() async throws {
        let wide = try await ArmoxProcess.run(["--sandbox", "-c", "help"])
        for group in ["Models:", "Runs and jobs:", "Apps:", "Outputs:", "Session:", "Scripts and output:", "Account:"] {
            #expect(wide.stdout.contains("\n\(group)\n"), "\(group)")
        }
        for command in ["models", "run", "wait", "record", "budget", "login", "preview", "help"] {
            #expect(wide.stdout.contains("\n  \(command) "), "\(command)")
        }
        let terminal = try PseudoTerminal(["--sandbox", "-c", "help"], columns: 60)
        #expect(await terminal.exitStatus() == 0)
        let lines = terminal.output.components(separatedBy: "\r\n").filter { $0.hasPrefix("  ") }
        #expect(lines.count > 30)
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(lines.filter { $0.count > 60 })")
        #expect(lines.contains { $0.hasSuffix("…") })
    }

    @Test func badFlagsAreUsageErrors() async throws {
        let result = try await ArmoxProcess.run(["--sandbox", "--base-url", "https://x.test/api/v1", "-c", "models"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--sandbox"))
    }
}

@Suite("armox sandbox in the foreground")
struct SandboxCommandTests {
    @Test func servesUntilInterrupted() async throws {
        let process = SpawnedProcess()
        process.executableURL = ArmoxProcess.binary
        process.arguments = ["sandbox", "--port", "0", "--speed", "0.01"]
        process.environment = ArmoxProcess.environment()
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // Read until the banner names the base URL.
        let banner = await ArmoxProcess.read(out.fileHandleForReading) { $0.contains("/api/v1\n") }
        let match = try #require(banner.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init).first { $0.hasPrefix("http://127.0.0.1:") && $0.contains("/api/v1") })
        let baseURL = match.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try await ArmoxProcess.run(["-c", "models"], environment: ["ARMOX_BASE_URL": baseURL, "ARMOX_API_KEY": SandboxKeys.valid])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("google/nano-banana"))
        kill(process.processIdentifier, SIGINT)
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
    }

    @Test func aPortInUseIsSaidPlainly() async throws {
        let busy = try await SandboxServer.start(SandboxConfiguration())
        let result = try await ArmoxProcess.run(["sandbox", "--port", String(busy.port)], timeout: .seconds(20))
        await busy.stop()
        #expect(result.status == 1)
        #expect(result.stderr.contains("port \(busy.port) is already in use"))
        #expect(!result.stderr.contains("Usage:"))
    }
}
