import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

/// `armox check FILE` as a user types it, against a sandbox on loopback.
@Suite("armox check, end to end")
struct CheckCommandTests {
    func script(_ text: String) throws -> (URL, URL) {
        let folder = try makeScratchFolder()
        let file = folder.appendingPathComponent("plan.armox")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return (folder, file)
    }

    @Test func aValidScriptIsPricedAndNothingIsSent() async throws {
        let server = try await SandboxServer.start(SandboxConfiguration())
        defer { Task { await server.stop() } }
        let (folder, file) = try script("""
            for p in ["a cello", "a harp"] { run elevenlabs/music "a loop on $p" --detach }
            done = wait all
            download $done tracks/
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ArmoxProcess.run(
            ["--base-url", server.baseURL, "check", file.path], environment: ["ARMOX_API_KEY": SandboxKeys.valid])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("elevenlabs/music"))
        #expect(result.stdout.contains("\(file.path): 2 runs, 240 credits (nothing sent)"))
        #expect(result.stderr.isEmpty)
        #expect(await server.ledger().isEmpty)
        #expect(await server.requestCount(.modelsRun) == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("tracks").path))
    }

    @Test func anInvalidRunExitsTwoWithTheUsualError() async throws {
        let (folder, file) = try script("run google/nano-banana \"x\"\nrun google/nano-banana \"y\" aspect_ratio=7:3\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ArmoxProcess.run(["--sandbox", "--dry-run", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file.path):2:41: error: 7:3 is not an allowed value for aspect_ratio of google/nano-banana"))
        #expect(result.stderr.contains("hint: allowed: "))
        #expect(result.stdout.contains("1 error; nothing sent"))
    }

    @Test func jsonIsValidAndNothingElseOnStdout() async throws {
        let (folder, file) = try script("run google/veo-3 \"waves\" --detach\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ArmoxProcess.run(["--sandbox", "--json", "--budget=500", "check", file.path])
        #expect(result.status == 2, "over budget: \(result.stdout)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(parsed["credits"] as? Int == 900)
        #expect(parsed["within_budget"] as? Bool == false)
        #expect(parsed["valid"] as? Bool == true)
        let runs = try #require(parsed["runs"] as? [[String: Any]])
        #expect(runs.first?["model"] as? String == "google/veo-3")
        #expect(runs.first?["line"] as? Int == 1)
    }

    @Test func statementsOnStdinAreChecked() async throws {
        let result = try await ArmoxProcess.run(["--sandbox", "check"], input: "run google/nano-banana \"x\"\n")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("<stdin>: 1 run, 70 credits (nothing sent)"))
    }
}
