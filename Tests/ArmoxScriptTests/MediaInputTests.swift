import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxScript

/// Runs that cannot work are refused before sending; keys the catalogue does
/// not list go out only when the line says `--unlisted`.
@Suite("Media inputs and unlisted keys")
struct MediaInputTests {
    @Test(arguments: ["photo.png", "./renders/a.jpg", "/tmp/a.png", "file:///tmp/a.png", "ftp://x.test/a.png", "https://"])
    func aLocalPathAsAnImageInputIsRefused(_ value: String) async throws {
        try await withEvaluator { evaluator, _, server in
            let error = try #require(await scriptError {
                try await evaluator.evaluate(#"run google/nano-banana "edit it" image_input="\#(value)""#, name: "t")
            })
            #expect(error.message == "image_input takes a URL, and \"\(value)\" is not one")
            #expect(error.hint?.contains("upload the file and pass its URL") == true)
            #expect(error.location?.column == 46)
            #expect(await server.requestCount(.modelsRun) == 0)
        }
    }

    @Test func aListOfURLsAndAJobAreTaken() async throws {
        try await withEvaluator { evaluator, _, server in
            try await evaluator.evaluate(
                """
                hero = run google/nano-banana "a fox"
                run google/nano-banana "both" image_input=[$hero, "HTTPS://example.com/b.png"]
                """, name: "t")
            #expect(await server.requestCount(.modelsRun) == 2)
            let error = try #require(await scriptError {
                try await evaluator.evaluate(#"run google/nano-banana "x" image_input=[$hero, "b.png"]"#, name: "t")
            })
            #expect(error.message == "image_input takes a URL, and \"b.png\" is not one")
            #expect(await server.requestCount(.modelsRun) == 2)
        }
    }

    @Test func anAppsImageInputMustBeAURL() async throws {
        try await withEvaluator { evaluator, _, server in
            let error = try #require(await scriptError {
                try await evaluator.evaluate(#"run-app "Sketch to Render" image_input=sketch.png aspect_ratio=auto"#, name: "t")
            })
            #expect(error.message == "image_input takes a URL, and \"sketch.png\" is not one")
            #expect(await server.requestCount(.appsRun) == 0)
        }
    }

    @Test func aModelThatTakesNoTextNeedsItsMedia() async throws {
        try await withEvaluator { evaluator, _, server in
            let error = try #require(await scriptError { try await evaluator.evaluate("run recraft/crisp-upscale upscale_factor=4", name: "t") })
            #expect(error.message == "recraft/crisp-upscale needs image_input: it takes no text, only what it is given")
            #expect(await server.requestCount(.modelsRun) == 0)
            // A model that also takes text may run on text alone.
            try await evaluator.evaluate(#"run tencent/hunyuan-3d "a teapot" --detach"#, name: "t")
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }

    @Test func unlistedKeysAreSentOnlyWhenAsked() async throws {
        try await withEvaluator { evaluator, captured, server in
            let refused = try #require(await scriptError { try await evaluator.evaluate(#"run google/nano-banana "a fox" seed=42"#, name: "t") })
            #expect(refused.message == "google/nano-banana has no setting \"seed\"")
            try await evaluator.evaluate(#"run google/nano-banana "a fox" seed=42 style=raw --unlisted"#, name: "t")
            #expect(captured.err == "note: t:1:1: sending seed, style as written: the catalogue does not list them for google/nano-banana (--unlisted)\n")
            let sent = try #require(await server.ledger().last)
            let input = try await evaluator.client.job(id: sent.jobId).input
            #expect(Self.find("seed", in: input) == .number(42))
            #expect(Self.find("style", in: input) == .string("raw"))
            // Listed keys are still checked.
            let bad = try #require(await scriptError {
                try await evaluator.evaluate(#"run google/nano-banana "a fox" seed=42 aspect_ratio=7:7 --unlisted"#, name: "t")
            })
            #expect(bad.message.hasPrefix("7:7 is not an allowed value for aspect_ratio"))
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }

    @Test func checkListsUnlistedKeysAsUnlistedNotErrors() async throws {
        try await withEvaluator { evaluator, _, server in
            let plan = await evaluator.check(#"run google/nano-banana "a fox" seed=42 --unlisted"#, name: "t.armox")
            #expect(plan.isValid)
            #expect(plan.unlisted.map(\.keys) == [["seed"]])
            #expect(plan.rendered(name: "t.armox").contains("note: 1:1 sends keys the catalogue does not list, as written: seed\n"))
            #expect(await server.requestCount(.modelsRun) == 0)
        }
    }

    /// The first value under `key` anywhere in `json` (the job record nests the input).
    static func find(_ key: String, in json: JSONValue?) -> JSONValue? {
        switch json {
        case .object(let fields)?:
            if let value = fields[key] { return value }
            return fields.values.lazy.compactMap { find(key, in: $0) }.first
        case .array(let items)?:
            return items.lazy.compactMap { find(key, in: $0) }.first
        default:
            return nil
        }
    }
}
