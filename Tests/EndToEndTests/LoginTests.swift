import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `login` and `logout`, and which key a session uses, as a user meets them.
@Suite("login, logout and where the key comes from")
struct LoginTests {
    /// A sandbox on loopback and a config folder of its own.
    struct Setup {
        let server: SandboxServer
        let folder: URL
        var credentials: String { folder.path + "/armox/credentials" }
        var environment: [String: String] { ["XDG_CONFIG_HOME": folder.path] }

        static func start() async throws -> Setup {
            Setup(server: try await SandboxServer.start(SandboxConfiguration()), folder: try makeScratchFolder("armox-login"))
        }

        func stop() async {
            await server.stop()
            try? FileManager.default.removeItem(at: folder)
        }

        func armox(_ arguments: [String], environment extra: [String: String] = [:], input: String? = nil) async throws -> ArmoxProcess.Result {
            try await ArmoxProcess.run(arguments, environment: environment.merging(extra) { $1 }, input: input)
        }

        func login(_ key: String) async throws -> ArmoxProcess.Result {
            try await armox(["login", "--stdin", "--base-url", server.baseURL], input: key + "\n")
        }
    }

    let valid = SandboxKeys.valid
    let wrong = "sk_live_not_a_key_at_all_9999"

    @Test func loginStoresACheckedKeyPrivatelyAndSessionsUseIt() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        let login = try await setup.login(valid)
        #expect(login.status == 0, "stderr: \(login.stderr)")
        #expect(login.stdout.contains("logged in to \(setup.server.baseURL) as user_sandbox, agency"))
        #expect(login.stdout.contains("key sk_live_… stored"))
        #expect(!(login.stdout + login.stderr).contains("…4242"), "no part of the key is shown")
        #expect(!(login.stdout + login.stderr).contains(valid))
        let mode = try FileManager.default.attributesOfItem(atPath: setup.credentials)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func theStoredKeyIsUsedWhenNothingElseIsGiven() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        #expect(try await setup.login(valid).status == 0)
        let account = try await setup.armox(["--base-url", setup.server.baseURL, "-c", "account"])
        #expect(account.status == 0, "stderr: \(account.stderr)")
        #expect(account.stdout.contains("credits: 10000"))
        // Another server has no key stored.
        let other = try await setup.armox(["--base-url", "http://127.0.0.1:9/api/v1", "-c", "account"])
        #expect(other.stderr.contains("no API key"))
    }

    @Test func aRefusedKeyIsNotStored() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        let result = try await setup.login(wrong)
        #expect(result.status == 1)
        #expect(result.stderr.contains("refused the key sk_live_…: Invalid API key; nothing was stored"))
        #expect(!result.stderr.contains(wrong))
        #expect(!FileManager.default.fileExists(atPath: setup.credentials))
        let empty = try await setup.armox(["login", "--stdin", "--base-url", setup.server.baseURL], input: "\n")
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("no key entered; nothing was stored"))
    }

    /// --api-key-file, then ARMOX_API_KEY, then the credentials file.
    @Test func precedenceFlagThenEnvironmentThenFile() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        #expect(try await setup.login(valid).status == 0)
        let base = ["--base-url", setup.server.baseURL]
        // The environment wins over the file: its wrong key is refused.
        let environmentWins = try await setup.armox(base + ["-c", "account"], environment: ["ARMOX_API_KEY": wrong])
        #expect(environmentWins.status == 1)
        #expect(environmentWins.stderr.contains("Invalid API key"))
        // The flag wins over the environment.
        let keyFile = setup.folder.appendingPathComponent("key.txt")
        try (valid + "\n").write(to: keyFile, atomically: true, encoding: .utf8)
        let flagWins = try await setup.armox(base + ["--api-key-file", keyFile.path, "-c", "account"], environment: ["ARMOX_API_KEY": wrong])
        #expect(flagWins.status == 0, "stderr: \(flagWins.stderr)")
        let missing = try await setup.armox(base + ["--api-key-file", "/nonexistent/key", "-c", "account"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("cannot read the key file /nonexistent/key"))
    }

    @Test func aCredentialsFileOthersCanReadIsRefused() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        #expect(try await setup.login(valid).status == 0)
        chmod(setup.credentials, 0o644)
        let result = try await setup.armox(["--base-url", setup.server.baseURL, "-c", "account"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("can be read by other users (mode 0644)"))
        #expect(result.stderr.contains("chmod 600 \(setup.credentials)"))
        #expect(await setup.server.requestCount(.account) == 1, "only login's check reached the server")
    }

    @Test func logoutRemovesTheKey() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        #expect(try await setup.login(valid).status == 0)
        let logout = try await setup.armox(["logout", "--base-url", setup.server.baseURL])
        #expect(logout.status == 0)
        #expect(logout.stdout.contains("removed the key stored for \(setup.server.baseURL)"))
        #expect(!FileManager.default.fileExists(atPath: setup.credentials))
        let again = try await setup.armox(["logout", "--base-url", setup.server.baseURL])
        #expect(again.stdout.contains("no key is stored"))
    }

    /// `armox login` at a terminal: the key is typed, never shown, and the
    /// terminal's echo comes back.
    @Test func loginAtATerminalDoesNotEchoTheKey() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        let terminal = try PseudoTerminal(["login", "--base-url", setup.server.baseURL], environment: setup.environment)
        #expect(await terminal.waitFor("(typing is hidden): "), "\(terminal.output)")
        terminal.type(valid + "\r")
        #expect(await terminal.waitFor("logged in to"), "\(terminal.output)")
        #expect(await terminal.exitStatus() == 0)
        #expect(!terminal.output.contains(valid), "the key was echoed: \(terminal.output)")
        #expect(terminal.localModes & tcflag_t(ECHO | ICANON) == tcflag_t(ECHO | ICANON))
    }

    /// A key pasted with the next line behind it: echo is already off when
    /// the prompt shows, and the line after the key's Enter is run next,
    /// not thrown away with the terminal's modes.
    @Test func aLineTypedRightAfterTheKeyIsKept() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        let terminal = try PseudoTerminal(["--base-url", setup.server.baseURL], environment: setup.environment)
        #expect(await terminal.waitFor("armox> "), "\(terminal.output)")
        terminal.type("login\r")
        #expect(await terminal.waitFor("(typing is hidden): "), "\(terminal.output)")
        #expect(terminal.localModes & tcflag_t(ECHO) == 0, "the prompt showed while the terminal echoed")
        let mark = terminal.output.count
        terminal.type(valid + "\raccount\r")
        #expect(await terminal.waitFor("credits: 10000", after: mark), "\(terminal.output)")
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)
        #expect(!terminal.output.contains(valid), "the key was shown: \(terminal.output)")
    }

    /// `login` at the prompt: hidden, checked, and the session uses the key at once;
    /// neither the screen nor the history file ever holds it.
    @Test func loginAtThePromptSwitchesTheSessionToTheKey() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        let history = setup.folder.path + "/history"
        let terminal = try PseudoTerminal(["--base-url", setup.server.baseURL], environment: setup.environment.merging(["ARMOX_HISTFILE": history]) { $1 })
        #expect(await terminal.waitFor("armox> "), "\(terminal.output)")
        terminal.type("account\r")
        #expect(await terminal.waitFor("no API key"), "\(terminal.output)")
        terminal.type("login\r")
        #expect(await terminal.waitFor("(typing is hidden): "), "\(terminal.output)")
        terminal.type(valid + "\r")
        #expect(await terminal.waitFor("logged in to"), "\(terminal.output)")
        let mark = terminal.output.count
        terminal.type("account\r")
        #expect(await terminal.waitFor("credits: 10000", after: mark), "\(terminal.output)")
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)
        #expect(!terminal.output.contains(valid), "the key was shown: \(terminal.output)")
        let kept = try String(contentsOfFile: history, encoding: .utf8)
        #expect(kept.contains("login"))
        #expect(!kept.contains(valid))
        #expect(FileManager.default.fileExists(atPath: setup.credentials))
    }
}
