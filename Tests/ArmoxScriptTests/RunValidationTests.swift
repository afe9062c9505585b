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

    /// Settings go as the catalogue types them: an integer takes no
    /// fraction, an integer written out past 2^53 (which JSON would
    /// round) is refused, and an option listed as a number is sent as one.
    @Test func settingsGoAsTheCatalogueTypesThem() async throws {
        try await withEvaluator { evaluator, _, server in
            let catalogue = #"{"object": "list", "data": [{"id": "acme/pix", "modality": "image", "cost": 10, "settings": [{"key": "steps", "inputType": "integer", "min": 1, "max": 50}, {"key": "seed", "inputType": "integer"}, {"key": "scale", "inputType": "number"}, {"key": "duration", "inputType": "select", "options": [4, 8, {"value": 16, "label": "long"}, "auto", true]}]}], "has_more": false}"#
            await server.inject(.body(status: 200, body: catalogue), on: .models, times: 10)
            for (setting, message) in [
                ("steps=2.5", "2.5 is not a whole number for steps of acme/pix"),
                ("seed=1.5", "1.5 is not a whole number for seed of acme/pix"),
                ("seed=99999999999999999999999", "99999999999999999999999 is too large to send exactly for seed of acme/pix"),
                ("seed=1e20", "1e20 is too large to send exactly for seed of acme/pix"),
                ("scale=1e300000", "the number 1e300000 is out of range"),
                ("duration=5", "5 is not an allowed value for duration of acme/pix"),
            ] {
                let error = await scriptError { try await evaluator.evaluate(#"run acme/pix "a cat" \#(setting)"#, name: "t.armox") }
                #expect(error?.message == message, "\(setting): \(String(describing: error))")
            }
            #expect(await server.requestCount(.modelsRun) == 0)
            let model = try #require(evaluator.session.catalogue?.first)
            for (text, json) in [("8", JSONValue.number(8)), ("16", .number(16)), ("auto", .string("auto")), ("true", .bool(true))] {
                let sent = try RunPlanner.checked(.string(text), for: model.setting("duration")!, of: model, at: SourceLocation(file: "t", line: 1, column: 1))
                #expect(try sent.json() == json, "\(text)")
            }
            // Only an integer written out past 2^53 is refused: a float
            // setting written in exponent form is sent as the number it is.
            let scale = try RunPlanner.checked(.string("1e20"), for: model.setting("scale")!, of: model, at: SourceLocation(file: "t", line: 1, column: 1))
            #expect(try scale.json() == .number(1e20))
        }
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
