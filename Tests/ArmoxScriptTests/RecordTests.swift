import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxScript

/// `record FILE` … `record stop`: what succeeded at the prompt, as a script.
@Suite("record: the prompt's statements as a script")
struct RecordTests {
    /// Feeds `entries` as the prompt does (one typed program per entry),
    /// ignoring errors as the prompt does; returns the file.
    func recorded(_ entries: [String], setup: [String] = []) async throws -> String {
        let folder = try makeScratchFolder("armox-record")
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = ""
        try await withEvaluator(workingDirectory: folder.path, host: scriptHost(prompt: PromptEntries())) { evaluator, _, _ in
            for entry in setup + ["record session.armox"] + entries + ["record stop"] {
                try? await evaluator.run(typed: evaluator.parse(SourceText(name: Evaluator.promptSourceName, text: entry)))
            }
            text = try String(contentsOfFile: folder.path + "/session.armox", encoding: .utf8)
        }
        return text
    }

    /// The statements of a recording, without its comments and context.
    func body(_ text: String) -> [String] {
        let afterContext = text.components(separatedBy: "\n\n").last ?? text
        return afterContext.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
    }

    @Test func succeededStatementsAreWrittenAsTypedAndTheRestLeftOut() async throws {
        let text = try await recorded([
            #"hero = run google/nano-banana "a fox""#,
            #"run google/nano-banana "sandbox:fail""#,
            #"v = run google/nano-banana "y"; run no/such-model "x""#,
            "models",
            "preview $hero",
            "help run",
            #"echo "made $hero""#,
            "for p in [1, 2] {\n  run elevenlabs/music \"loop $p\" --detach\n}",
            "wait all",
            "echo \(SandboxKeys.valid)",
            "undefined_command",
        ])
        #expect(text.hasPrefix("#!/usr/bin/env armox\n# Recorded by armox "))
        #expect(body(text) == [
            #"hero = run google/nano-banana "a fox""#,
            #"echo "made $hero""#,
            "for p in [1, 2] {", "  run elevenlabs/music \"loop $p\" --detach", "}",
            "wait all",
        ])
        #expect(!text.contains(SandboxKeys.valid))
    }

    @Test func theSessionsContextComesFirst() async throws {
        let text = try await recorded(
            [#"run "a fox""#],
            setup: [
                "use google/nano-banana", "set aspect_ratio=16:9", #"name = "a \"quoted\" \$dollar""#, "sizes = [1, 2.50, true, null]",
                #"hero = run google/nano-banana "first""#, "acct = account",
                #"clip = run elevenlabs/music "a loop" --detach"#, "wait all",
            ])
        // A job started with --detach is recorded at its newest state: done, with an output.
        #expect(text.contains("clip = \"http://127.0.0.1:"))
        #expect(text.contains("use google/nano-banana\nset aspect_ratio=\"16:9\"\n"))
        #expect(text.contains(#"name = "a \"quoted\" \$dollar""#))
        #expect(text.contains("sizes = [1, 2.50, true, null]"))
        #expect(text.contains("hero = \"http://127.0.0.1:"))
        #expect(text.contains("# $acct (an object) has no literal form"))
        #expect(body(text) == [#"run "a fox""#])
    }

    /// Every value with a literal reads back as the same value.
    @Test func literalsReadBack() async throws {
        let values: [Value] = [
            .string("plain"), .string("tabs\tand\nlines and \"quotes\" and \\ and $x and ${y}"), .string("東京 🦊"),
            .string("\u{1}\u{7F}"), .number(Number(raw: "2.50")), .number(Number(raw: "-3e5")), .bool(false), .null,
            .list([.string("a"), .list([.number(Number(1))])]),
        ]
        try await withOfflineEvaluator { evaluator, _ in
            for value in values {
                let literal = try #require(value.literal)
                try await evaluator.evaluate("v = \(literal)", name: "t")
                #expect(evaluator.session.variables["v"]?.matches(value) == true, "\(literal)")
                #expect(evaluator.session.variables["v"]?.text == value.text, "\(literal)")
            }
        }
    }

    @Test func aRecordingRefusesToReplaceAFileUnlessForced() async throws {
        let folder = try makeScratchFolder("armox-record")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "keep me\n".write(toFile: folder.path + "/old.armox", atomically: true, encoding: .utf8)
        try await withOfflineEvaluator(host: scriptHost(prompt: PromptEntries())) { evaluator, _ in
            let refused = await scriptError { try await evaluator.typed("record \(folder.path)/old.armox") }
            #expect(refused?.message == "cannot record to \(folder.path)/old.armox: it exists (record FILE --force replaces it)")
            #expect(try String(contentsOfFile: folder.path + "/old.armox", encoding: .utf8) == "keep me\n")
            try await evaluator.typed("record \(folder.path)/old.armox --force")
            try await evaluator.typed("record stop")
            #expect(try String(contentsOfFile: folder.path + "/old.armox", encoding: .utf8).hasPrefix("#!/usr/bin/env armox"))
        }
    }

    @Test func aScriptCannotRecord() async throws {
        try await withOfflineEvaluator { evaluator, _ in
            let error = await scriptError { try await evaluator.evaluate("record x.armox", name: "t.armox") }
            #expect(error?.message.hasPrefix("record turns what you type at the prompt into a script") == true)
        }
    }
}
