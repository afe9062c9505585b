import ArmoxAPI
import ArmoxScript
import ArmoxTestSupport
import Testing

@testable import ArmoxShell

@Suite("Completer: any input, and the sandbox's real catalogue")
struct CompleterPropertyTests {
    static let fragments = [
        "run", "run-app", "source", "download", "wait", "set", "unset", "help", "echo", "app", "models", "x", "=", " ",
        " ", "  ", "google/nano-banana", "goo", "\"", "\"\"\"", "'", "$", "${", "$hero", "$env", ".", "st", "aspect_ratio=",
        "16", ":", "[", "]", "{", "}", ";", "\n", "\r\n", "\t", "#", "\\", "\\\n", "--", "detach", "--modality=", "for", "if",
        "else", "東京", "🎬", "é", "e\u{301}", "My", "/", "Ex", ",", "Sketch", "%", "\u{0}",
    ]

    /// Every candidate either extends what was typed, or is that text quoted,
    /// or an app name matched case-insensitively.
    static func explained(_ candidate: Candidate, by replacing: String) -> Bool {
        if candidate.text.hasPrefixBytes(replacing) { return true }
        let text = Bareword.typed(candidate.text[...])?.text ?? candidate.text
        let typed = Bareword.typed(replacing[...])?.text ?? replacing
        return text.lowercased().hasPrefixBytes(typed.lowercased())
    }

    /// What one TAB inserts, the long way: the common prefix of every candidate.
    static func naiveInsertion(_ completion: Completion) -> String? {
        if completion.candidates.count == 1 { return completion.candidates[0].text + completion.candidates[0].terminator }
        guard let first = completion.candidates.first else { return nil }
        var common = Array(first.text.unicodeScalars)
        for candidate in completion.candidates.dropFirst() {
            common = Array(zip(common, candidate.text.unicodeScalars).prefix { $0 == $1 }.map(\.0))
        }
        let text = String(String.UnicodeScalarView(common))
        return common.count > completion.replacing.unicodeScalars.count ? text : nil
    }

    @Test func neverCrashesAndKeepsItsPromises() {
        var random = SplitMix64(seed: 0xC0FFEE)
        let snapshot = Fixture.snapshot(currentModel: "google/nano-banana")
        for _ in 0..<400 {
            var line = ""
            for _ in 0..<random.below(14) { line += Self.fragments[random.below(Self.fragments.count)] }
            let bytes = Array(line.utf8)
            for cursor in 0...bytes.count {
                let completion = Completer.complete(line, cursor: cursor, in: snapshot)
                let before = Completer.textBefore(line, cursor: cursor)
                let replacing = Array(completion.replacing.utf8)
                #expect(before.count <= cursor || cursor > bytes.count)
                #expect(
                    before.count >= replacing.count && Array(before.suffix(replacing.count)) == replacing,
                    "replacing \(completion.replacing.debugDescription) is not a suffix of \(line.debugDescription) at \(cursor)")
                let texts = completion.texts
                #expect(zip(texts, texts.dropFirst()).allSatisfy { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "sorted, no duplicates: \(line.debugDescription)")
                for candidate in completion.candidates {
                    #expect(Self.explained(candidate, by: completion.replacing), "\(candidate.text) for \(completion.replacing) in \(line.debugDescription)")
                }
                #expect(completion.insertion == Self.naiveInsertion(completion), "insertion for \(line.debugDescription) at \(cursor)")
            }
        }
    }

    @Test func oddCursorsAndLines() {
        let snapshot = Fixture.snapshot()
        for line in ["", "\"", "'", "$", "${", "[", "]]]]", "{{{{", "\\", "--", "=", "x =", "\"\"\"", "e\u{301}", "🎬🎬"] {
            for cursor in [-1, 0, 1, 2, 3, 100, Int.max, Int.min] {
                let completion = Completer.complete(line, cursor: cursor, in: snapshot)
                let before = Completer.textBefore(line, cursor: cursor)
                #expect(before.count <= line.utf8.count)
                #expect(Array(before.suffix(completion.replacing.utf8.count)) == Array(completion.replacing.utf8))
            }
        }
        // Deeply nested lists do not recurse.
        let deep = "echo " + String(repeating: "[", count: 100_000) + "$he"
        #expect(complete(deep).texts == ["$hero"])
    }

    /// The sandbox's own catalogue over loopback HTTP, completed against.
    @Test func theSandboxCatalogue() async throws {
        let (models, apps) = try await withSandbox { _, client in (try await client.models(), try await client.apps()) }
        let index = CatalogueIndex(models: models, apps: apps)
        // The hand-built fixture is the same catalogue.
        #expect(index.models.map(\.id) == Fixture.catalogue.models.map(\.id))
        #expect(index.models.map { $0.settings.map(\.key) } == Fixture.catalogue.models.map { $0.settings.map(\.key) })
        #expect(index.models.map { $0.settings.map { $0.options ?? [] } } == Fixture.catalogue.models.map { $0.settings.map { $0.options ?? [] } })
        #expect(index.models.map(\.inputTypes) == Fixture.catalogue.models.map(\.inputTypes))
        #expect(index.models.map(\.modality) == Fixture.catalogue.models.map(\.modality))
        #expect(apps.map(\.inputs) == [Fixture.sketchToRender.inputs, Fixture.productHero.inputs])

        let snapshot = CompletionSnapshot(catalogue: index, variables: Fixture.variables)
        #expect(complete("run goo", snapshot).texts.contains("google/nano-banana"))
        #expect(complete("run google/na", snapshot).insertion == "google/nano-banana ")
        #expect(complete("run google/nano-banana \"a cat\" asp", snapshot).insertion == "aspect_ratio=")
        #expect(complete("run google/nano-banana \"a cat\" aspect_ratio=", snapshot).texts == ["16:9", "1:1", "3:4", "4:3", "9:16", "match_input_image"])
        #expect(complete("run google/nano-banana \"a cat\" aspect_ratio=16", snapshot).insertion == "16:9 ")
        #expect(complete("run google/veo-3 \"waves\" generate_audio=", snapshot).texts == ["false", "true"])
        #expect(complete("models --modality=", snapshot).texts == ["3d", "audio", "image", "text", "video"])
        #expect(complete("run-app Ske", snapshot).insertion == "\"Sketch to Render\" ")
        #expect(complete("run-app \"Sketch to Render\" ", snapshot).texts == ["aspect_ratio=", "image_input="])
        let current = CompletionSnapshot(catalogue: index, currentModel: "black-forest-labs/flux-schnell")
        #expect(complete("run \"a fox\" ", current).texts == ["aspect_ratio=", "go_fast=", "num_outputs="])
    }
}
