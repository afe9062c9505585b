import ArmoxAPI
import ArmoxSandbox
import Testing

@testable import ArmoxScript

/// A run the catalogue can tell is wrong is refused before anything is sent:
/// no run request reaches the sandbox and no credit moves.
@Suite("run: checked before sending")
struct RunValidationTests {
    func refused(_ line: String) async throws -> ScriptError {
        var failure: ScriptError?
        try await withEvaluator { evaluator, _, server in
            let credits = await server.credits()
            failure = await scriptError { try await evaluator.evaluate(line, name: "t.armox") }
            #expect(await server.requestCount(.modelsRun) == 0, "a run request was sent for: \(line)")
            #expect(await server.credits() == credits)
        }
        return try #require(failure)
    }

    @Test func unknownModelNamesTheNearestIds() async throws {
        let error = try await refused(#"run google/nano-banan "a cat""#)
        #expect(error.message == #"unknown model "google/nano-banan""#)
        #expect(error.hint == "did you mean google/nano-banana?")
        #expect(error.location?.column == 5)
    }

    @Test func unknownSettingListsTheModelsKeys() async throws {
        let error = try await refused(#"run google/nano-banana "a cat" aspect=16:9"#)
        #expect(error.message == #"google/nano-banana has no setting "aspect""#)
        #expect(error.hint == "did you mean aspect_ratio? its keys: prompt, image_input, aspect_ratio, output_format")
        #expect(error.location?.column == 32)
    }

    @Test func aValueOutsideASelectListsTheAllowedValues() async throws {
        let error = try await refused(#"run google/nano-banana "a cat" aspect_ratio=9:9"#)
        #expect(error.message == "9:9 is not an allowed value for aspect_ratio of google/nano-banana")
        #expect(error.hint?.hasPrefix("allowed: ") == true)
        #expect(error.hint?.contains("16:9") == true)
        #expect(error.location?.column == 45)
    }

    @Test func numbersOutsideTheirRangeAreRefused() async throws {
        let error = try await refused(#"run black-forest-labs/flux-schnell "a cat" num_outputs=9"#)
        #expect(error.message == "9 is not in range for num_outputs of black-forest-labs/flux-schnell")
        #expect(error.hint == "allowed: 1 to 4")
    }

    @Test func aMissingPromptIsNamed() async throws {
        let error = try await refused("run google/nano-banana aspect_ratio=1:1")
        #expect(error.message == "google/nano-banana needs a prompt")
        #expect(error.location?.column == 1)
    }

    @Test func noModelAndNoneCurrent() async throws {
        let error = try await refused(#"run "a cat""#)
        #expect(error.message == "run needs a model, and none is current")
    }

    @Test func sessionDefaultsAreCheckedWhenSet() async throws {
        let error = try await refused("use google/nano-banana; set aspect_ratio=2:7")
        #expect(error.message == "2:7 is not an allowed value for aspect_ratio of google/nano-banana")
    }

    @Test func aJobWithoutOutputCannotFeedAnotherRun() async throws {
        try await withEvaluator { evaluator, _, server in
            try await evaluator.evaluate("clip = run google/veo-3 \"waves\" --detach")
            let error = await scriptError {
                try await evaluator.evaluate("run xai/grok-video-image-to-video \"pan\" image_input=$clip")
            }
            #expect(error?.message.contains("has no output URL") == true)
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }
}
