import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

/// The built binary against a sandbox whose every string field carries
/// escape sequences (a window title, a screen clear, a clipboard write, a C1
/// CSI, DEL, a carriage return, NEL, a backspace): every command that shows
/// server data, into pipes and on a coloured terminal, writes no control
/// character but `\n` and `\t` — on a terminal, besides armox's own colours
/// and live-line erasure — and shows the hostile text visibly.
@Suite("Hostile server text, end to end")
struct HostileServerTextTests {
    /// The hostile text as it goes inside a JSON string.
    static let hostile = #"\u001b]0;pwned\u0007\u001b[2J\u001b]52;c;cHduZWQ=\u0007\u009b6n\u007f\r\u0085x\u0008\u202egnp.exe\u2066\u200f"#
    /// How armox shows the window-title part of it.
    static let shownTitle = #"\u{1B}]0;pwned\u{7}"#

    static let models = """
        {"object": "list", "data": [
          {"id": "evil/model", "name": "N\(hostile)", "modality": "image\(hostile)", "cost": 5,
           "inputTypes": ["text\(hostile)"], "promptRequired": true, "outputType": "image\(hostile)",
           "description": "D\(hostile)\\nsecond line \(hostile)",
           "settings": [{"key": "aspect\(hostile)", "label": "L\(hostile)", "inputType": "select\(hostile)",
                         "defaultValue": "1:1\(hostile)", "options": ["1:1\(hostile)", "16:9"]}]},
          {"id": "evil/\(hostile)id", "name": "Second\(hostile)", "modality": "video", "cost": 1}
        ]}
        """
    static let apps = """
        {"object": "list", "data": [
          {"id": "app-1", "name": "evilapp", "description": "AD\(hostile)", "tags": ["T\(hostile)"], "cost": 3,
           "inputs": [{"id": "in\(hostile)", "type": "text\(hostile)", "label": "Lab\(hostile)", "required": true,
                       "targetHandle": "prompt\(hostile)"}]},
          {"id": "app\(hostile)", "name": "App\(hostile)", "description": "x", "tags": [], "cost": 1, "inputs": []}
        ]}
        """
    static let account = """
        {"object": "account", "credits": 5, "subscription": "plan\(hostile)", "usage": {}, "api_keys": {"active": 1}}
        """
    static func job(id: String = "job_evil", status: String) -> String {
        """
        {"id": "\(id)", "object": "job", "run_type": "model", "model_id": "m\(hostile)", "status": "\(status)",
         "input_data": {"input": {"prompt": "p\(hostile)"}}, "output_data": {"outputImage": "http://127.0.0.1:1/\(hostile).png"},
         "error_message": "E\(hostile)", "credits_charged": 0, "created_at": "2026-01-01T00:00:00Z"}
        """
    }
    static let jobs = """
        {"object": "list", "data": [\(job(id: "job_\(hostile)", status: "completed")), \(job(status: "failed")),
          \(job(id: "job_3", status: "q\(hostile)"))]}
        """
    static let error = #"{"error": "\u001b]0;pwned\u0007"}"#

    /// One armox process: what it injects first, and the statements it runs.
    struct Scenario: Sendable, CustomStringConvertible {
        var statements: String
        var faults: [(SandboxEndpoint, SandboxFault, Int)]
        var json = false
        var description: String { statements }
    }

    static let scenarios: [Scenario] = [
        Scenario(
            statements: "models; models --modality=video; model evil/model; settings evil/model; use evil/model; set aspect=1",
            faults: [(.models, .body(status: 200, body: models), 1)]),
        Scenario(statements: "apps; app evilapp; run-app evilapp nothing=1", faults: [(.apps, .body(status: 200, body: apps), 1)]),
        Scenario(statements: "account", faults: [(.account, .body(status: 200, body: account), 1)]),
        Scenario(statements: "jobs; vars", faults: [(.jobsList, .body(status: 200, body: jobs), 1)]),
        Scenario(statements: "job job_evil; print $job", faults: [(.jobGet, .body(status: 200, body: job(status: "failed")), 1)]),
        // The unknown-status note, then the failure with its error_message.
        Scenario(
            statements: "wait job_evil",
            faults: [
                (.jobGet, .body(status: 200, body: job(status: "q\(hostile)")), 1),
                (.jobGet, .body(status: 200, body: job(status: "failed")), 1),
            ]),
        // A timeout naming the job and its unknown status.
        Scenario(statements: "wait job_evil --timeout=1", faults: [(.jobGet, .body(status: 200, body: job(status: "q\(hostile)")), 50)]),
        Scenario(
            statements: #"run evil/model "a fox""#,
            faults: [
                (.models, .body(status: 200, body: models), 1),
                (.modelsRun, .body(status: 200, body: job(status: "completed")), 1),
            ]),
        Scenario(statements: "account", faults: [(.account, .body(status: 400, body: error), 1)]),
        Scenario(statements: "models", faults: [(.models, .body(status: 404, body: error), 1)]),
        // Pasted binary in the source line an error echoes.
        Scenario(statements: "nosuch \u{1B}]0;pwned\u{07} \u{9B}6n", faults: []),
        Scenario(statements: "models; jobs; account", faults: [
            (.models, .body(status: 200, body: models), 1), (.jobsList, .body(status: 200, body: jobs), 1),
            (.account, .body(status: 200, body: account), 1),
        ], json: true),
    ]

    /// Every control character in `text` but `\n` and `\t`, with what is around it.
    static func controls(in text: String) -> [String] {
        var found: [String] = []
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() where scalar != "\n" && scalar != "\t" {
            // C0, DEL, C1, a replacement character, and the bidirectional controls ("Trojan Source").
            let bidi = [0x061C, 0x200E, 0x200F].contains(scalar.value) || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            guard scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || scalar == "\u{FFFD}" || bidi else { continue }
            let context = String(String.UnicodeScalarView(scalars[max(0, i - 20)..<min(scalars.count, i + 20)])).debugDescription
            found.append("U+\(String(scalar.value, radix: 16)) in \(context)")
        }
        return found
    }

    @Test(arguments: scenarios)
    func nothingAServerSendsReachesAPipeRaw(_ scenario: Scenario) async throws {
        try await FaultEndToEndTests.withServer { server in
            for (endpoint, fault, times) in scenario.faults { await server.inject(fault, on: endpoint, times: times) }
            let result = try await ArmoxProcess.run(
                ["--base-url", server.baseURL] + (scenario.json ? ["--json"] : []) + ["-c", scenario.statements],
                environment: ["ARMOX_API_KEY": SandboxKeys.valid], timeout: .seconds(30))
            let output = result.stdout + result.stderr
            #expect(Self.controls(in: output).isEmpty, "\(Self.controls(in: output))\n\(output)")
            // Shown, not dropped: the user sees what the server sent.
            #expect(output.contains("pwned"), "\(output)")
        }
    }

    @Test func aColouredTerminalGetsOnlyArmoxsOwnEscapes() async throws {
        try await FaultEndToEndTests.withServer { server in
            await server.inject(.body(status: 200, body: Self.models), on: .models)
            await server.inject(.body(status: 200, body: Self.jobs), on: .jobsList)
            await server.inject(.body(status: 200, body: Self.account), on: .account)
            await server.inject(.body(status: 200, body: Self.job(status: "q\(Self.hostile)")), on: .jobGet)
            await server.inject(.body(status: 200, body: Self.job(status: "failed")), on: .jobGet)
            let terminal = try PseudoTerminal(
                ["--base-url", server.baseURL, "-c", "models; model evil/model; jobs; account; wait job_evil; echo done"],
                environment: ["ARMOX_API_KEY": SandboxKeys.valid, "NO_COLOR": "", "TERM": "xterm"])
            #expect(await terminal.waitFor("failed jobs are refunded"), "\(terminal.output)")
            #expect(await terminal.exitStatus() == 1)
            let output = terminal.output
            #expect(output.contains("\u{1B}[1mID\u{1B}[0m"), "colour is on: \(output)")
            #expect(output.contains(Self.shownTitle), "\(output)")
            // armox's own: SGR colours and the live wait lines' erasure (up a
            // line, clear it, back to the start); and the terminal's carriage
            // return before each line feed.
            let own = try Regex(#"\x1B\[[0-9;]*m|\x1B\[1A\x1B\[2K|\r"#)
            let rest = output.replacingOccurrences(of: "\r\n", with: "\n").replacing(own, with: "")
            #expect(Self.controls(in: rest).isEmpty, "\(Self.controls(in: rest))\n\(output)")
        }
    }

    /// The rule's other half: `echo` prints the user's own value exactly.
    @Test func echoPrintsTheUsersOwnEscapesExactly() async throws {
        let result = try await ArmoxProcess.run(["-c", #"echo "\u{1B}[31mred\u{1B}[0m""#], environment: ["ARMOX_API_KEY": SandboxKeys.valid])
        #expect(result.stdout == "\u{1B}[31mred\u{1B}[0m\n", "\(result.stdout.debugDescription) \(result.stderr)")
    }
}
