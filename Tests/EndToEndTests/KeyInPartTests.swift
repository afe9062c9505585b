import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Where a hostile server echoes the key, no output and no file shows 8 of
/// its characters in a row; and a crash of armox can leave no core with it.
@Suite("The key, echoed back")
struct KeyInPartTests {
    /// True when `text` holds a run of 8 of the secret's characters.
    static func leaks(_ text: String, key: String = SandboxKeys.valid) -> Bool {
        let secret = Array(key.dropFirst(8))
        return (0...(secret.count - 8)).contains { text.contains(String(secret[$0..<($0 + 8)])) }
    }

    @Test func loginStdinScrubsTheServersWords() async throws {
        let setup = try await LoginTests.Setup.start()
        await setup.server.inject(
            .body(status: 200, body: #"{"object": "account", "user_id": "\#(SandboxKeys.valid)", "subscription": "x\#(SandboxKeys.valid.dropFirst(10))", "credits": 5}"#),
            on: .account)
        let result = try await setup.login(SandboxKeys.valid)
        await setup.stop()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("logged in to "), "\(result.stdout)")
        #expect(!Self.leaks(result.stdout + result.stderr), "\(result.stdout)")
    }

    @Test func aServerEchoingTheKeyInAnErrorShowsNoPartOfIt() async throws {
        try await FaultEndToEndTests.withServer { server in
            // The key across the excerpt's cut, and in a --verbose body.
            let padding = String(repeating: "x", count: 100)
            await server.inject(.body(status: 400, body: #"{"error": "\#(padding)\#(SandboxKeys.valid)"}"#), on: .modelsRun)
            let result = try await FaultEndToEndTests.armox(server, #"run google/nano-banana "\#(String(repeating: "y", count: 280))\#(SandboxKeys.valid)" --unlisted"#, environment: [:])
            #expect(result.status != 0)
            #expect(!Self.leaks(result.stdout + result.stderr), "\(result.stderr)")
            let verbose = try await ArmoxProcess.run(
                ["--verbose", "--base-url", server.baseURL, "-c", #"run google/nano-banana "\#(String(repeating: "y", count: 280))\#(SandboxKeys.valid)""#],
                environment: ["ARMOX_API_KEY": SandboxKeys.valid])
            #expect(verbose.stderr.contains("[http] → POST"), "\(verbose.stderr)")
            #expect(!Self.leaks(verbose.stdout + verbose.stderr), "\(verbose.stderr)")
        }
    }

    /// Non-dumpable: /proc/PID belongs to root, not to the process's user
    /// (proc(5)), and no core file can hold the key. Run as nobody, since a
    /// root process's files are root's either way.
    @Test func armoxIsNotDumpable() async throws {
        guard getuid() == 0 else {
            Issue.record("this test runs armox as nobody, which needs root")
            return
        }
        let process = SpawnedProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid", "65534", "--regid", "65534", "--clear-groups", ArmoxProcess.binary.path, "--sandbox", "-c", "sleep 60"]
        process.environment = ArmoxProcess.environment(["HOME": "/tmp"])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { kill(process.processIdentifier, SIGKILL) }
        // setpriv execs armox in the same process.
        let status = "/proc/\(process.processIdentifier)/status"
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(30)
        var owner: Int?
        while clock.now < deadline {
            let name = (try? String(contentsOfFile: status, encoding: .utf8))?.split(separator: "\n").first ?? ""
            // Once armox runs, its start makes it undumpable: /proc then shows root as the owner.
            if name.hasSuffix("armox") {
                owner = (try? FileManager.default.attributesOfItem(atPath: status))?[.ownerAccountID] as? Int
                if owner == 0 { break }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(owner == 0, "owner of \(status): \(String(describing: owner))")
    }
}
