import ArmoxTestSupport
import Foundation
import Testing

/// `--json` on every command that prints data, through the binary against
/// `--sandbox`: stdout is one JSON text and nothing else (notes and errors go
/// to stderr), with `armox --json` and with the command's own `--json`.
@Suite("--json: valid JSON on stdout and nothing else")
struct JSONOutputTests {
    /// A data command, the statements that set it up (their results are
    /// captured, so they print nothing), and a field its JSON must have
    /// (`nil`: the JSON is checked for its kind only).
    struct Case: Sendable, CustomTestStringConvertible {
        var setup: String = ""
        var command: String
        /// The sandbox's pace: quick, except where a job must still be running.
        var speed = "0.02"
        var check: @Sendable (Any) -> Bool

        var statements: String { setup.isEmpty ? command : setup + "; " + command }
        var testDescription: String { command }
    }

    static func object(_ keys: String...) -> @Sendable (Any) -> Bool {
        { value in
            guard let object = value as? [String: Any] else { return false }
            return keys.allSatisfy { object.keys.contains($0) }
        }
    }

    static func list(_ keys: String...) -> @Sendable (Any) -> Bool {
        { value in
            guard let list = value as? [Any], let first = list.first as? [String: Any] else { return false }
            return keys.allSatisfy { first.keys.contains($0) }
        }
    }

    static let job = object("id", "status", "model", "output", "outputs", "error", "credits", "created_at")
    static let jobs = list("id", "status", "model", "output", "outputs", "error", "credits", "created_at")

    static let cases: [Case] = [
        Case(command: "models", check: list("id", "name", "modality", "cost", "settings")),
        Case(command: "models --modality=video", check: list("id", "name", "modality")),
        Case(command: "model google/veo-3", check: object("id", "name", "modality", "cost", "settings", "inputTypes", "promptRequired")),
        Case(command: "settings google/veo-3", check: object("aspect_ratio", "generate_audio")),
        Case(command: "use google/veo-3", check: { $0 as? String == "google/veo-3" }),
        Case(setup: "m = use google/veo-3", command: "set aspect_ratio=9:16", check: object("aspect_ratio")),
        Case(setup: "m = use google/veo-3; d = set aspect_ratio=9:16", command: "unset aspect_ratio", check: { ($0 as? [String: Any])?.isEmpty == true }),
        Case(command: "apps", check: list("id", "name", "inputs")),
        Case(command: "app \"Sketch to Render\"", check: object("id", "name", "inputs", "tags")),
        Case(command: "run google/nano-banana \"a fox\"", check: job),
        Case(command: "run google/veo-3 \"waves\" --detach", check: job),
        Case(command: "run-app \"Sketch to Render\" image_input=https://x.test/a.png aspect_ratio=16:9", check: job),
        Case(setup: "c = run google/veo-3 \"waves\" --detach", command: "wait $c", check: job),
        Case(setup: "a = run google/veo-3 \"w\" --detach; b = run elevenlabs/music \"m\" --detach", command: "wait all", check: jobs),
        Case(setup: "h = run google/nano-banana \"a fox\"", command: "job $h", check: job),
        Case(setup: "h = run google/nano-banana \"a fox\"", command: "jobs", check: jobs),
        Case(setup: "h = run google/nano-banana \"a fox\"", command: "jobs --session", check: jobs),
        Case(setup: "c = run google/veo-3 \"waves\" --detach", command: "cancel $c", speed: "100", check: job),
        Case(setup: "c = run google/veo-3 \"waves\" --detach", command: "cancel --all", speed: "100", check: jobs),
        Case(command: "account", check: object("credits", "usage")),
        Case(setup: "hero = 1", command: "vars", check: object("hero")),
        Case(command: "budget 500", check: object("budget", "spent", "left", "uncertain")),
        Case(command: "print [1, \"a\", null]", check: { ($0 as? [Any])?.count == 3 }),
        Case(setup: "h = run google/nano-banana \"a fox\"", command: "print $h", check: job),
        Case(setup: "h = run google/nano-banana \"a fox\"", command: "download $h DOWNLOADS", check: { ($0 as? [String])?.count == 1 }),
        Case(command: "open https://x.test/a.png", check: { $0 as? [String] == ["https://x.test/a.png"] }),
        Case(command: "preview https://x.test/a.png", check: { $0 as? [String] == ["https://x.test/a.png"] }),
        Case(command: "listen --secret=whsec_test", check: { ($0 as? String)?.hasPrefix("http://127.0.0.1:") == true }),
        Case(setup: "u = listen --secret=whsec_test", command: "listen --stop", check: { $0 is NSNull }),
        // Nothing found: an empty list on stdout, the note on stderr.
        Case(command: "models zzzz", check: { ($0 as? [Any])?.isEmpty == true }),
    ]

    /// Runs `statements` with the binary's global `--json` or the command's own
    /// flag, and checks stdout is one JSON text that `check` accepts.
    func expectJSON(_ testCase: Case, global: Bool) async throws {
        let folder = try makeScratchFolder("armox-json")
        defer { try? FileManager.default.removeItem(at: folder) }
        let statements = (global ? testCase.statements : testCase.statements + " --json")
            .replacingOccurrences(of: "DOWNLOADS", with: folder.path + "/saved")
        let result = try await ArmoxProcess.run(
            ["--sandbox"] + (global ? ["--json"] : []) + ["-c", statements], environment: ["ARMOX_SANDBOX_SPEED": testCase.speed])
        #expect(result.status == 0, "\(statements): \(result.stderr)")
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: .fragmentsAllowed)
        } catch {
            Issue.record("\(statements): stdout is not one JSON text: \(result.stdout)")
            return
        }
        #expect(testCase.check(parsed), "\(statements): \(result.stdout)")
        #expect(!result.stdout.contains("\u{1B}"))
    }

    @Test(arguments: cases)
    func globalJSON(_ testCase: Case) async throws {
        try await expectJSON(testCase, global: true)
    }

    @Test(arguments: cases)
    func theCommandsOwnJSONFlag(_ testCase: Case) async throws {
        try await expectJSON(testCase, global: false)
    }

    @Test func notesGoToStderrUnderJSON() async throws {
        let result = try await ArmoxProcess.run(["--sandbox", "--json", "-c", "models zzzz"])
        #expect(result.stdout == "[]\n")
        #expect(result.stderr.contains("no models match"))
    }

    @Test func theJobShapeHasItsDocumentedFields() async throws {
        let result = try await ArmoxProcess.run(["--sandbox", "--json", "-c", "run google/nano-banana \"a fox\""])
        let job = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // docs/json.md, "A job": every field is always there (null when the job has none).
        #expect(Set(job.keys) == [
            "id", "status", "model", "app_id", "app_name", "output", "outputs", "text", "error", "credits",
            "created_at", "completed_at", "cancelled_at", "run_type", "input", "output_data",
        ])
        #expect(job["status"] as? String == "completed")
    }
}
