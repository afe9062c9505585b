import ArmoxTestSupport
import Foundation
import Testing

/// Every number a statement takes is held to the range its use can hold,
/// with an error that says so: no crash on any input route.
@Suite("Numbers out of range")
struct NumberBoundsTests {
    @Test(arguments: [
        ("sleep 1e308", "sleep takes at most 31536000 seconds (a year), not 1e308"),
        ("sleep 9223372036854775807", "sleep takes at most 31536000 seconds (a year), not 9223372036854775807"),
        ("sleep -1", "sleep needs a number of seconds"),
        ("wait job_x --timeout=1e308", "--timeout takes at most 31536000 seconds (a year), not 1e308"),
        ("x = 1e999", "the number 1e999 is out of range"),
        ("exit 99999999999999999999", "exit needs a status from 0 to 255"),
        ("budget 99999999999999999999999", "budget takes a whole number of credits, or off"),
        ("jobs --limit=99999999999999999999", "--limit must be a whole number from 1 to 100"),
        ("listen --port=99999999999999999999 --secret=s", "--port must be a port number (0 for a free one)"),
    ])
    func aNumberPastItsRangeIsAnError(_ statement: String, _ message: String) async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("n.armox")
        try (statement + "\n").write(to: file, atomically: true, encoding: .utf8)
        // Every input route for the two that crashed; -c for the rest.
        var routes = [try await ArmoxProcess.run(["--sandbox", "-c", statement])]
        if statement.hasPrefix("sleep 9") || statement.hasPrefix("sleep 1e") {
            routes.append(try await ArmoxProcess.run(["--sandbox", file.path]))
            routes.append(try await ArmoxProcess.run(["--sandbox"], input: statement + "\n"))
        }
        for result in routes {
            #expect(result.status == 2, "\(statement): \(result.stderr)")
            #expect(result.stderr.contains("error: " + message), "\(statement): \(result.stderr)")
            #expect(!result.stderr.contains("crashed"))
        }
    }

    @Test func aSandboxSpeedPastItsRangeIsRefused() async throws {
        let result = try await ArmoxProcess.run(
            ["--sandbox", "-c", #"v = run elevenlabs/music "a loop"; echo ${v.status}"#], environment: ["ARMOX_SANDBOX_SPEED": "1e308"],
            timeout: .seconds(30))
        #expect(result.stderr.hasPrefix("armox: warning: ARMOX_SANDBOX_SPEED=1e308 is not a factor above 0 and at most 100; using 1\n"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "completed\n")
        let refused = try await ArmoxProcess.run(["sandbox", "--speed", "1e308"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--speed must be above 0 and at most 100"), "\(refused.stderr)")
    }
}

/// Script input over its cap is refused before anything runs.
@Suite("Script input cap")
struct ScriptInputCapTests {
    @Test func aScriptOverTheCapIsRefusedBeforeAnythingRuns() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.armox")
        // A first line that would print, then 64 MiB and a byte of comment.
        var text = "echo ran\n#"
        text += String(repeating: "x", count: (64 << 20))
        try text.write(to: file, atomically: false, encoding: .utf8)
        let fromFile = try await ArmoxProcess.run(["--sandbox", file.path])
        #expect(fromFile.status == 64)
        #expect(fromFile.stdout.isEmpty)
        #expect(fromFile.stderr.contains("big.armox is too large to run as a script (67108874 bytes; the cap is 67108864 bytes, 64 MiB)"), "\(fromFile.stderr)")
        let fromStdin = try await ArmoxProcess.run(["--sandbox"], input: text)
        #expect(fromStdin.status == 64)
        #expect(fromStdin.stdout.isEmpty)
        #expect(fromStdin.stderr.contains("<stdin> is too large to run as a script (more than 67108864 bytes"), "\(fromStdin.stderr)")
        let sourced = try await ArmoxProcess.run(["--sandbox", "-c", "source \(file.path)"])
        #expect(sourced.status == 2)
        #expect(sourced.stderr.contains("-c:1:1: error: \(file.path) is too large"), "\(sourced.stderr)")
    }
}
