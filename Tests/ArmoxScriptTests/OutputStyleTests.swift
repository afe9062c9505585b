import ArmoxAPI
import ArmoxHost
import ArmoxTestSupport
import Foundation
import Synchronization
import Testing

@testable import ArmoxScript
@testable import ArmoxRender

/// When output gets a width and colour (a pure function of the terminal's
/// facts and the environment), and what the evaluator prints with them.
@Suite("Output style: width and colour")
struct OutputStyleTests {
    @Test func aTerminalGetsItsWidthAndColour() {
        let style = OutputStyle.resolve(environment: [:], stdoutIsTerminal: true, stderrIsTerminal: true, columns: 93)
        #expect(style == OutputStyle(width: 93, colour: true, errorColour: true, stdoutIsTerminal: true))
    }

    @Test func aPipeGetsNeither() {
        let style = OutputStyle.resolve(environment: ["COLUMNS": "80"], stdoutIsTerminal: false, stderrIsTerminal: false, columns: nil)
        #expect(style == .plain)
    }

    @Test func stderrIsDecidedOnItsOwn() {
        // armox > out.txt: the table whole and plain, the errors still coloured.
        let redirected = OutputStyle.resolve(environment: [:], stdoutIsTerminal: false, stderrIsTerminal: true, columns: nil)
        #expect(redirected == OutputStyle(width: nil, colour: false, errorColour: true))
        let errorsToAFile = OutputStyle.resolve(environment: [:], stdoutIsTerminal: true, stderrIsTerminal: false, columns: 80)
        #expect(errorsToAFile == OutputStyle(width: 80, colour: true, errorColour: false, stdoutIsTerminal: true))
    }

    @Test(arguments: ["1", "0", "true", "yes", " "])
    func noColorWithAnyValueTurnsColourOff(_ value: String) {
        let style = OutputStyle.resolve(environment: ["NO_COLOR": value], stdoutIsTerminal: true, stderrIsTerminal: true, columns: 80)
        #expect(style == OutputStyle(width: 80, colour: false, errorColour: false, stdoutIsTerminal: true), "the width stays")
    }

    @Test func anEmptyNoColorIsUnset() {
        // no-color.org: "when present and not an empty string".
        let style = OutputStyle.resolve(environment: ["NO_COLOR": ""], stdoutIsTerminal: true, stderrIsTerminal: true, columns: 80)
        #expect(style.colour && style.errorColour)
    }

    @Test func aDumbTerminalGetsNoColour() {
        let style = OutputStyle.resolve(environment: ["TERM": "dumb"], stdoutIsTerminal: true, stderrIsTerminal: true, columns: 80)
        #expect(style == OutputStyle(width: 80, colour: false, errorColour: false, stdoutIsTerminal: true))
    }

    @Test func columnsIsTheFallbackWhenTheTerminalSaysNothing() {
        let environment = ["COLUMNS": "72"]
        #expect(OutputStyle.resolve(environment: environment, stdoutIsTerminal: true, stderrIsTerminal: true, columns: 0).width == 72)
        #expect(OutputStyle.resolve(environment: environment, stdoutIsTerminal: true, stderrIsTerminal: true, columns: 100).width == 100)
        #expect(OutputStyle.resolve(environment: ["COLUMNS": "wide"], stdoutIsTerminal: true, stderrIsTerminal: true, columns: nil).width == nil)
    }

    @Test func errorsReadTheSameWithColourStripped() {
        let source = SourceText(name: "t.armox", text: "rn \"a cat\"\n")
        let error = ScriptError("unknown command \"rn\"", hint: "did you mean run?", at: SourceLocation(file: "t.armox", line: 1, column: 1))
            .attaching(source)
        let plain = error.rendered()
        #expect(plain == "t.armox:1:1: error: unknown command \"rn\"\nrn \"a cat\"\n^\nhint: did you mean run?\n")
        let coloured = error.rendered(colour: true)
        #expect(coloured != plain)
        #expect(Tint.strip(coloured) == plain)
        #expect(coloured.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[36mhint:\u{1B}[0m"))
    }

    @Test func stripRemovesEveryEscape() {
        #expect(Tint.strip("\u{1B}[1;31merror:\u{1B}[0m x \u{1B}[2K\u{1B}[1A") == "error: x ")
        for tint in Tint.allCases { #expect(Tint.strip(tint.apply("東京 🎬")) == "東京 🎬") }
        #expect(Tint.red.apply("x", when: false) == "x")
        #expect(Tint.red.apply("") == "")
    }

    @Test func waitLinesAreCutToTheTerminalAndTinted() {
        let written = WrittenText()
        let progress = WaitProgress(write: { written.append($0) }, rows: { 24 }, columns: { 30 }, colour: true)
        progress.show([Job(id: "job_0123456789abcdef0123", status: .processing, model: "xai/grok-video-image-to-video")], elapsed: 3)
        let line = Tint.strip(written.text).split(separator: "\n").last.map(String.init) ?? ""
        #expect(DisplayWidth.of(line) <= 29, "\(line)")
        #expect(line.hasSuffix("processing  3s"), "the status and the time stay: \(line)")
        // Wide enough, the status word is there and cyan.
        let wide = WrittenText()
        WaitProgress(write: { wide.append($0) }, rows: { 24 }, columns: { 200 }, colour: true)
            .show([Job(id: "j1", status: .processing, model: "google/veo-3")], elapsed: 3)
        #expect(wide.text.contains("\u{1B}[36mprocessing\u{1B}[0m"))
    }
}

/// What the evaluator prints under a style, against the sandbox.
@Suite("Fitted and coloured output from the evaluator")
struct StyledOutputTests {
    @Test func withoutAStyleNothingChanges() async throws {
        try await withEvaluator { evaluator, captured, _ in
            try await evaluator.evaluate("models; x = run google/nano-banana \"a fox\"; jobs --session; print $x")
            #expect(!captured.out.contains("\u{1B}"))
            #expect(captured.out.contains("Grok Video (Image to Video)"))
            #expect(!captured.out.contains("…"))
            let error = await scriptError { try await evaluator.evaluate("rn") }
            #expect(error.map { evaluator.report($0) }?.contains("\u{1B}") == false)
        }
    }

    @Test func tablesFitTheWidthAndIdsStayWhole() async throws {
        let style = ChangingStyle(OutputStyle(width: 75, colour: false, errorColour: false))
        try await withEvaluator(host: scriptHost(style: { style.now })) { evaluator, captured, _ in
            try await evaluator.evaluate("models")
            let models = try await evaluator.client.models()
            for line in captured.out.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 75, "\(line)") }
            for model in models { #expect(captured.out.contains(model.id)) }
            #expect(captured.out.contains("…"))
            captured.clear()
            // The width is asked for at each command: wider now, nothing is cut.
            style.now = OutputStyle(width: 200, colour: false, errorColour: false)
            try await evaluator.evaluate("models")
            #expect(!captured.out.contains("…"))
            #expect(captured.out.contains("Grok Video (Image to Video)"))
        }
    }

    /// OUTPUT repeats MODALITY on every sandbox model: on a narrow terminal
    /// it goes before any line wraps; wide enough, it stays.
    @Test func theModelsTableDropsARepeatedColumnBeforeWrapping() async throws {
        let style = ChangingStyle(OutputStyle(width: 70))
        try await withEvaluator(host: scriptHost(style: { style.now })) { evaluator, captured, _ in
            try await evaluator.evaluate("models")
            for line in captured.out.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 70, "\(line)") }
            #expect(captured.out.hasPrefix("ID "))
            #expect(!captured.out.split(separator: "\n")[0].contains("OUTPUT"))
            captured.clear()
            style.now = OutputStyle(width: 200)
            try await evaluator.evaluate("models")
            #expect(captured.out.split(separator: "\n")[0].hasSuffix("OUTPUT"))
        }
    }

    @Test func theSettingsTableUnderModelFitsWithItsIndent() async throws {
        try await withEvaluator(host: scriptHost(style: { OutputStyle(width: 60) })) { evaluator, captured, _ in
            try await evaluator.evaluate("model black-forest-labs/flux-schnell")
            let table = captured.out.split(separator: "\n").drop { !$0.hasPrefix("settings:") }.dropFirst()
            #expect(!table.isEmpty)
            #expect(table.contains { $0.hasSuffix("…") }, "the ALLOWED list is cut")
            for line in table {
                #expect(line.hasPrefix("  "))
                #expect(DisplayWidth.of(String(line)) <= 60, "\(line)")
            }
        }
    }

    @Test func statusesAndErrorsAreColouredWhenColourIsOn() async throws {
        try await withEvaluator(host: scriptHost(style: { OutputStyle(width: 300, colour: true, errorColour: true) })) { evaluator, captured, _ in
            try await evaluator.evaluate("x = run google/nano-banana \"a fox\"; jobs --session; print $x")
            #expect(captured.out.contains("\u{1B}[32mcompleted\u{1B}[0m"))
            #expect(captured.out.contains("\u{1B}[1mID\u{1B}[0m"))
            let error = await scriptError { try await evaluator.evaluate("rn") }
            let report = error.map { evaluator.report($0) } ?? ""
            #expect(report.contains("\u{1B}[1;31merror:\u{1B}[0m"))
            #expect(report.contains("\u{1B}[36mhint:\u{1B}[0m"))
        }
    }

    @Test func jsonIsNeverColouredOrFitted() async throws {
        try await withEvaluator(json: true, host: scriptHost(style: { OutputStyle(width: 20, colour: true, errorColour: true) })) { evaluator, captured, _ in
            try await evaluator.evaluate("models")
            #expect(!captured.out.contains("\u{1B}"))
            let parsed = try JSONSerialization.jsonObject(with: Data(captured.out.utf8)) as? [[String: Any]]
            #expect(parsed?.contains { $0["name"] as? String == "Grok Video (Image to Video)" } == true)
        }
    }

    @Test func historyAndTextCommandsUnderJSON() async throws {
        try await withEvaluator(host: scriptHost(prompt: PromptEntries(["models", "run \"a\"\nwait"]))) { evaluator, captured, _ in
            try await evaluator.evaluate("history --json")
            let entries = try JSONSerialization.jsonObject(with: Data(captured.out.utf8)) as? [String]
            #expect(entries == ["models", "run \"a\"\nwait"])
            captured.clear()
            // A text command's own --json gives JSON; armox --json leaves it text (below).
            try await evaluator.evaluate("echo \"a \\\"quoted\\\" word\" --json")
            #expect(captured.out == "\"a \\\"quoted\\\" word\"\n")
        }
        try await withEvaluator(json: true) { evaluator, captured, _ in
            try await evaluator.evaluate("echo plain words")
            #expect(captured.out == "plain words\n")
        }
    }
}

/// What a `WaitProgress` drew.
final class WrittenText: Sendable {
    private let storage = Mutex("")
    func append(_ text: String) { storage.withLock { $0 += text } }
    var text: String { storage.withLock { $0 } }
}
