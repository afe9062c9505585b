import ArmoxSandbox
import Foundation
import Testing

/// `2026-03-26T12:00:00.000Z`
func isTimestamp(_ value: Any?) -> Bool {
    guard let text = value as? String else { return false }
    return text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"#, options: .regularExpression) != nil
}

@Suite("POST /models/run")
struct ModelRunTests {
    @Test("an image model finishes synchronously with the run-response shape")
    func syncImage() async throws {
        try await SandboxHarness.with { sandbox in
            let reply = try await sandbox.run("google/nano-banana", input: #"{"prompt": "a cat", "aspect_ratio": "16:9"}"#)
            #expect(reply.status == 200)
            let job = try reply.object()
            let id = try #require(job.string("id"))
            #expect(id.hasPrefix("job_"))
            #expect(job.string("object") == "job")
            #expect(job.string("status") == "completed")
            #expect(job.string("model") == "google/nano-banana")
            #expect(job.isNull("error"))
            #expect(job.int("credits_charged") == 70)
            #expect(isTimestamp(job["created_at"]) && isTimestamp(job["completed_at"]))
            let image = try #require(job.object("output").string("outputImage"))
            #expect(image.hasPrefix("\(sandbox.origin)/files/\(id)/"))
            #expect(job.object("output")["outputImages"] == nil)

            #expect(await sandbox.server.credits() == 9_930)
            #expect(await sandbox.server.ledger() == [LedgerEntry(jobId: id, model: "google/nano-banana", credits: 70, refunded: false)])
            #expect(reply.header("X-RateLimit-Limit") == "120")
        }
    }

    @Test("num_outputs yields that many output URLs")
    func numOutputs() async throws {
        try await SandboxHarness.with { sandbox in
            let job = try await sandbox.run("black-forest-labs/flux-schnell", input: #"{"prompt": "x", "num_outputs": 3}"#).object()
            let images = try #require(job.object("output")["outputImages"] as? [String])
            #expect(images.count == 3)
            #expect(Set(images).count == 3)
            #expect(job.object("output").string("outputImage") == images.first)
            #expect(job.int("credits_charged") == 30)
        }
    }

    @Test("a text model answers with outputText, not a URL")
    func textModel() async throws {
        try await SandboxHarness.with { sandbox in
            let reply = try await sandbox.run("google/gemini-2.5-flash", input: #"{"prompt": "name a colour"}"#)
            #expect(reply.status == 200)
            let output = try reply.object().object("output")
            let text = try #require(output.string("outputText"))
            #expect(text.contains("name a colour"))
            #expect(!text.hasPrefix("http"))
        }
    }

    @Test("a tool without promptRequired runs without a prompt; unknown keys are ignored")
    func promptOptional() async throws {
        try await SandboxHarness.with { sandbox in
            let reply = try await sandbox.run(
                "recraft/crisp-upscale", input: #"{"image_input": "https://example.com/a.png", "whatever": [1, 2]}"#)
            #expect(reply.status == 200)
            #expect(try reply.object().string("status") == "completed")
        }
    }

    @Test("video, audio and 3D models are accepted with 202")
    func asyncAccepted() async throws {
        try await SandboxHarness.with { sandbox in
            for (model, input, cost) in [
                ("xai/grok-video-image-to-video", #"{"prompt": "waves", "duration": 10, "image_input": "https://x.test/a.jpg"}"#, 202),
                ("elevenlabs/music", #"{"prompt": "lofi"}"#, 120),
                ("tencent/hunyuan-3d", #"{"image_input": ["https://x.test/a.jpg"]}"#, 250),
            ] {
                let reply = try await sandbox.run(model, input: input)
                #expect(reply.status == 202, "\(model): \(reply.text)")
                let job = try reply.object()
                #expect(job.string("object") == "job")
                #expect(job.string("status") == "pending")
                #expect(job.string("model") == model)
                #expect(job.int("credits_charged") == cost)
                #expect(isTimestamp(job["created_at"]))
                #expect(job["output"] == nil)
            }
            #expect(await sandbox.server.ledger().count == 3)
        }
    }

    @Test("not enough credits: 402 with the exact numbers, nothing charged")
    func insufficientCredits() async throws {
        var configuration = SandboxHarness.fast
        configuration.startingCredits = 50
        try await SandboxHarness.with(configuration) { sandbox in
            let reply = try await sandbox.run("google/nano-banana", input: #"{"prompt": "a cat"}"#)
            #expect(reply.status == 402)
            #expect(try reply.errorMessage() == "Insufficient credits. Required 70, available 50")
            #expect(await sandbox.server.credits() == 50)
            #expect(await sandbox.server.ledger().isEmpty)
            // A cheaper model still runs.
            #expect(try await sandbox.run("black-forest-labs/flux-schnell", input: #"{"prompt": "x"}"#).status == 200)
            #expect(await sandbox.server.credits() == 20)
        }
    }

    static let badRuns: [(body: String, message: String)] = [
        (#"{"input": {"prompt": "x"}}"#, "Missing required field: model"),
        (#"{"model": "nope/nope", "input": {"prompt": "x"}}"#, "Invalid model: nope/nope"),
        (#"{"model": 42}"#, "Invalid model: 42"),
        (#"{"model": "google/nano-banana", "input": {}}"#, "Missing required inputs: Prompt"),
        (#"{"model": "google/nano-banana"}"#, "Missing required inputs: Prompt"),
        (#"{"model": "google/nano-banana", "input": {"prompt": "   "}}"#, "Missing required inputs: Prompt"),
        (#"{"model": "google/nano-banana", "input": {"prompt": 7}}"#, "prompt must be a string"),
        (
            #"{"model": "google/nano-banana", "input": {"prompt": "x", "aspect_ratio": "2:1"}}"#,
            "Invalid value for aspect_ratio: 2:1. Allowed values: match_input_image, 1:1, 16:9, 9:16, 4:3, 3:4"
        ),
        (
            #"{"model": "xai/grok-video-image-to-video", "input": {"prompt": "x", "duration": 7}}"#,
            "Invalid value for duration: 7. Allowed values: 5, 10"
        ),
        (
            #"{"model": "black-forest-labs/flux-schnell", "input": {"prompt": "x", "num_outputs": 9}}"#,
            "Invalid value for num_outputs: 9. Must be a number between 1 and 4"
        ),
        (
            #"{"model": "black-forest-labs/flux-schnell", "input": {"prompt": "x", "go_fast": "maybe"}}"#,
            "Invalid value for go_fast: maybe. Must be true or false"
        ),
        (#"{"model": "google/nano-banana", "input": "a cat"}"#, "input must be a JSON object"),
        (#"{"model": "google/nano-banana", "input": ["a cat"]}"#, "input must be a JSON object"),
        (#"{"model": "google/nano-banana""#, "Invalid JSON body"),
        ("", "Invalid JSON body"),
        ("not json at all", "Invalid JSON body"),
        ("[1, 2]", "Request body must be a JSON object"),
        (
            #"{"model": "google/nano-banana", "input": {"prompt": "x"}, "webhook_url": "https://example.com/hook"}"#,
            "webhook_url must be a loopback address in the sandbox"
        ),
    ]

    @Test("invalid runs: 400 with a clear message, nothing charged", arguments: badRuns)
    func badRun(body: String, message: String) async throws {
        try await SandboxHarness.with { sandbox in
            let reply = try await sandbox.post("/models/run", body)
            #expect(reply.status == 400)
            #expect(try reply.errorMessage() == message)
            #expect(await sandbox.server.ledger().isEmpty)
            #expect(await sandbox.server.credits() == 10_000)
        }
    }

    @Test("lenient values: a select option as a number, a number as a string")
    func lenientValues() async throws {
        try await SandboxHarness.with { sandbox in
            let video = try await sandbox.run("xai/grok-video-image-to-video", input: #"{"prompt": "x", "duration": 10}"#)
            #expect(video.status == 202)
            let images = try await sandbox.run("black-forest-labs/flux-schnell", input: #"{"prompt": "x", "num_outputs": "2"}"#)
            #expect((try images.object().object("output")["outputImages"] as? [String])?.count == 2)
        }
    }
}
