import ArmoxAPI
import ArmoxHost
import ArmoxSandbox
import Foundation
import Testing

@testable import ArmoxScript
@testable import ArmoxRender

/// `preview` against the sandbox, whose outputs are real PNG, JPEG, MP4 and
/// WAV bytes: what it writes for each kind of terminal.
@Suite("preview")
struct PreviewCommandTests {
    /// Runs `setup`, then `preview $h` on a terminal described by `environment`;
    /// returns what preview printed and the outputs of `$h`.
    func preview(
        _ setup: String, environment: [String: String], terminal: Bool = true, statement: String = "preview $h",
        _ check: (String, [String], Evaluator) async throws -> Void
    ) async throws {
        try await withEvaluator(environment: environment, host: scriptHost(style: { OutputStyle(stdoutIsTerminal: terminal, inlineImages: .detect(in: environment)) })) { evaluator, captured, _ in
            try await evaluator.evaluate(setup)
            guard case .job(let job)? = evaluator.session.variables["h"] else { throw ScriptError("no job in $h") }
            captured.clear()
            try await evaluator.evaluate(statement)
            try await check(captured.out, job.outputURLs, evaluator)
        }
    }

    /// The bytes the sandbox serves at `url`.
    func fetch(_ url: String, _ client: ArmoxClient) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        _ = try await client.downloadOutput(from: url) { bytes.append(contentsOf: $0) }
        return bytes
    }

    @Test func kittyDrawsThePNGTheSandboxServes() async throws {
        try await preview(#"h = run google/nano-banana "a fox""#, environment: ["TERM": "xterm-kitty"]) { out, urls, evaluator in
            let png = try await fetch(urls[0], evaluator.client)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(out == KittyGraphics.displayPNG(png) + "\n" + urls[0] + "\n")
            #expect(out.hasPrefix("\u{1B}_Ga=T,f=100,q=2,m="))
            #expect(evaluator.session.variables["_"]?.text == Value.list([.string(urls[0])]).text)
        }
    }

    @Test func iTerm2AndWezTermGetTheInlineFile() async throws {
        for environment in [["TERM_PROGRAM": "iTerm.app"], ["TERM_PROGRAM": "WezTerm"], ["LC_TERMINAL": "iTerm2"]] {
            try await preview(#"h = run google/nano-banana "a fox" output_format=jpg"#, environment: environment) { out, urls, evaluator in
                let jpeg = try await fetch(urls[0], evaluator.client)
                #expect(jpeg.starts(with: [0xFF, 0xD8, 0xFF]))
                #expect(out == ITermInlineImage.display(jpeg, name: "output.jpg") + "\n" + urls[0] + "\n")
            }
        }
    }

    @Test func kittyIsToldAJPEGIsNotAPNG() async throws {
        try await preview(#"h = run google/nano-banana "a fox" output_format=jpg"#, environment: ["TERM": "xterm-kitty"]) { out, urls, _ in
            #expect(out == "\(urls[0]): a JPEG image; kitty's protocol takes PNG only; view it with: open $h or download $h\n")
        }
    }

    @Test func severalOutputsEachGetTheirImage() async throws {
        try await preview(
            #"h = run black-forest-labs/flux-schnell "two foxes" num_outputs=2"#, environment: ["KITTY_WINDOW_ID": "1"]
        ) { out, urls, evaluator in
            #expect(urls.count == 2)
            var expected = ""
            for url in urls { expected += KittyGraphics.displayPNG(try await fetch(url, evaluator.client)) + "\n" + url + "\n" }
            #expect(out == expected)
        }
    }

    @Test func videoAndAudioAreNamedNotFetched() async throws {
        try await withEvaluator(environment: ["TERM": "xterm-kitty"], host: scriptHost(style: { OutputStyle(stdoutIsTerminal: true, inlineImages: .kitty) })) { evaluator, captured, server in
            try await evaluator.evaluate(#"clip = run xai/grok-video-image-to-video "slow pan" duration=10"#)
            try await evaluator.evaluate(#"song = run elevenlabs/music "a loop""#)
            let files = await server.requestCount(.files)
            captured.clear()
            try await evaluator.evaluate("preview $clip; preview $song")
            let lines = captured.out.split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines.first?.hasSuffix("output.mp4: a video; view it with: open $clip or download $clip") == true)
            #expect(lines.last?.hasSuffix("output.wav: audio; view it with: open $song or download $song") == true)
            #expect(await server.requestCount(.files) == files, "nothing was fetched")
        }
    }

    @Test func aPlainTerminalIsToldHowToViewThem() async throws {
        try await preview(#"h = run google/nano-banana "a fox""#, environment: ["TERM": "xterm-256color"]) { out, urls, _ in
            #expect(out == """
                this terminal shows no images inline (kitty, Ghostty, iTerm2 and WezTerm can); view it with: open $h or download $h
                \(urls[0])

                """)
            #expect(!out.contains("\u{1B}"))
        }
    }

    @Test func insideTmuxNothingIsAttempted() async throws {
        try await preview(
            #"h = run google/nano-banana "a fox""#, environment: ["TERM": "xterm-kitty", "TMUX": "/tmp/tmux-1000/default,42,0"]
        ) { out, urls, _ in
            #expect(out.hasPrefix("inside tmux images are not shown inline"))
            #expect(out.hasSuffix("\n\(urls[0])\n"))
            #expect(!out.contains("\u{1B}"))
        }
    }

    @Test func notATerminalOrJSONGetsTheURLs() async throws {
        try await preview(#"h = run google/nano-banana "a fox""#, environment: ["TERM": "xterm-kitty"], terminal: false) { out, urls, _ in
            #expect(out == urls[0] + "\n")
        }
        try await preview(
            #"h = run google/nano-banana "a fox""#, environment: ["TERM": "xterm-kitty"], statement: "preview $h --json"
        ) { out, urls, _ in
            #expect(out == "[\n  \"\(urls[0])\"\n]\n")
        }
    }

    @Test func aURLOrAJobIdNamesItInTheHint() async throws {
        try await preview(
            #"h = run google/nano-banana "a fox""#, environment: ["TERM": "dumb"], statement: #"preview "$output""#
        ) { out, urls, _ in
            #expect(out.hasPrefix("this terminal shows no images inline"))
            #expect(out.contains("view it with: open \(urls[0]) or download \(urls[0])"))
        }
    }

    @Test func checkingAScriptFetchesNothing() async throws {
        try await withEvaluator(environment: ["TERM": "xterm-kitty"], host: scriptHost(style: { OutputStyle(stdoutIsTerminal: true, inlineImages: .kitty) })) { evaluator, _, server in
            let plan = await evaluator.check(#"h = run google/nano-banana "a fox"; preview $h"#, name: "-c")
            #expect(plan.errors.isEmpty)
            #expect(await server.requestCount(.files) == 0)
            #expect(await server.requestCount(.modelsRun) == 0)
        }
    }
}
