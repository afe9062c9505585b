import ArmoxAPI
import ArmoxSandbox
import Foundation
import Testing

@testable import ArmoxScript

/// `$job.input` is the input the job ran with, in one shape whichever answer
/// the job came from: a model run's input object, an app run's inputs by id.
@Suite("A job's input")
struct JobInputTests {
    @Test func theModelInputRightAfterARunAndAfterAPoll() async throws {
        try await withEvaluator { evaluator, captured, _ in
            try await evaluator.evaluate(#"hero = run google/nano-banana "a red fox" aspect_ratio=16:9; again = job $hero"#)
            try await evaluator.evaluate(#"echo "${hero.input.prompt} ${hero.input.aspect_ratio}"; echo "${again.input.prompt} ${again.input.aspect_ratio}""#)
            #expect(captured.out == "a red fox 16:9\na red fox 16:9\n")
            captured.clear()
            try await evaluator.evaluate("clip = run google/veo-3 \"waves\" --detach; done = wait $clip; echo ${clip.input.prompt} ${done.input.prompt}")
            #expect(captured.out == "waves waves\n")
        }
    }

    @Test func anAppRunsInputsByIdBeforeAndAfterAPoll() async throws {
        try await withEvaluator { evaluator, captured, _ in
            let ratio = "ced4aa7b-6f1a-4e3c-9d2b-8a5c7e1f4b39"
            try await evaluator.evaluate(
                #"r = run-app "Sketch to Render" image_input=https://example.com/s.png aspect_ratio=auto --detach; d = wait $r"#)
            try await evaluator.evaluate(#"echo "${r.input.\#(ratio)} ${d.input.\#(ratio)}""#)
            #expect(captured.out == "auto auto\n")
        }
    }

    @Test func theJSONFieldIsTheInputObject() async throws {
        try await withEvaluator(json: true) { evaluator, captured, _ in
            try await evaluator.evaluate(#"hero = run google/nano-banana "a red fox"; print $hero"#)
            let object = try JSONSerialization.jsonObject(with: Data(captured.out.utf8)) as? [String: Any]
            let input = object?["input"] as? [String: Any]
            #expect(input?["prompt"] as? String == "a red fox", "\(captured.out)")
        }
    }
}
