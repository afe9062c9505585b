import ArmoxSandbox
import Foundation
import Testing

@Suite("POST /apps/run")
struct AppRunTests {
    static let sketch = "cb2bbd2d-5c1e-4f6a-9b7d-2a1e8c4f0d11"
    static let sketchImages = "93197f6b-2d4e-4b8a-8c1f-5e7a9d3b6c20"
    static let sketchRatio = "ced4aa7b-6f1a-4e3c-9d2b-8a5c7e1f4b39"
    static let hero = "5e8f2a47-9c3b-4d1e-a6f7-0b2c8d4e6f13"
    static let heroPrompt = "a41f6c2e-8d3b-4f7a-b9e1-2c5d7f0a3b84"

    @Test("an app run is accepted with 202 and completes with node outputs")
    func run() async throws {
        try await SandboxHarness.with { sandbox in
            let body = """
                {"app_id": "\(Self.sketch)", "inputs": {"\(Self.sketchImages)": ["https://x.test/sketch.jpg"], "\(Self.sketchRatio)": "auto"}}
                """
            let reply = try await sandbox.post("/apps/run", body)
            #expect(reply.status == 202)
            let accepted = try reply.object()
            let id = try #require(accepted.string("id"))
            #expect(accepted.string("object") == "job")
            #expect(accepted.string("status") == "pending")
            #expect(accepted.string("run_type") == "app")
            #expect(accepted.string("app_id") == Self.sketch)
            #expect(accepted.string("app_name") == "Sketch to Render")
            #expect(accepted.int("credits_charged") == 150)
            #expect(isTimestamp(accepted["created_at"]))

            let record = try await sandbox.waitTerminal(id)
            #expect(record.string("status") == "completed")
            #expect(record.string("run_type") == "app")
            #expect(record.isNull("model_id"))
            #expect(record.string("app_id") == Self.sketch)
            #expect(record.object("input_data").object("inputs").string(Self.sketchRatio) == "auto")
            let output = record.object("output_data")
            #expect(output.string("app_id") == Self.sketch)
            #expect(output.string("app_name") == "Sketch to Render")
            let nodes = output.object("node_outputs")
            #expect(nodes.count == 1)
            let image = try #require((nodes.values.first as? [String: Any])?.string("outputImage"))
            #expect(image.hasPrefix("\(sandbox.origin)/files/\(id)/"))
            #expect(await sandbox.server.ledger() == [LedgerEntry(jobId: id, model: Self.sketch, credits: 150, refunded: false)])
        }
    }

    /// At this speed `pending` lasts 5 µs for an app and 10 µs for a video, less
    /// than writing an answer takes: the 202 must still say how the job was
    /// accepted, not how it is by the time the answer is written.
    @Test("the 202 answer says pending however fast the job moves on")
    func acceptedIsPendingUnderAnyLoad() async throws {
        var configuration = SandboxConfiguration()
        configuration.speed = 0.00001
        try await SandboxHarness.with(configuration) { sandbox in
            let app = """
                {"app_id": "\(Self.sketch)", "inputs": {"\(Self.sketchImages)": ["https://x.test/sketch.jpg"], "\(Self.sketchRatio)": "auto"}}
                """
            for _ in 0..<5 {
                let reply = try await sandbox.post("/apps/run", app)
                #expect(reply.status == 202)
                #expect(try reply.object().string("status") == "pending")
                let video = try await sandbox.run("xai/grok-video-image-to-video", input: #"{"prompt": "waves", "duration": 10, "image_input": "https://x.test/a.jpg"}"#)
                #expect(video.status == 202)
                #expect(try video.object().string("status") == "pending")
            }
        }
    }

    @Test("missing required inputs are named by label")
    func missingInputs() async throws {
        try await SandboxHarness.with { sandbox in
            let none = try await sandbox.post("/apps/run", "{\"app_id\": \"\(Self.sketch)\"}")
            #expect(none.status == 400)
            #expect(try none.errorMessage() == "Missing required inputs: Input Images, Aspect Ratio")

            let empty = try await sandbox.post(
                "/apps/run", "{\"app_id\": \"\(Self.sketch)\", \"inputs\": {\"\(Self.sketchImages)\": [], \"\(Self.sketchRatio)\": \"1:1\"}}")
            #expect(try empty.errorMessage() == "Missing required inputs: Input Images")

            let promptOnly = try await sandbox.post(
                "/apps/run", "{\"app_id\": \"\(Self.hero)\", \"inputs\": {\"\(Self.heroPrompt)\": \"a perfume bottle\"}}")
            #expect(promptOnly.status == 400)
            #expect(try promptOnly.errorMessage() == "Missing required inputs: Product Image")
            #expect(await sandbox.server.ledger().isEmpty)
        }
    }

    @Test("unknown apps are 404; malformed bodies 400")
    func errors() async throws {
        try await SandboxHarness.with { sandbox in
            let unknown = try await sandbox.post("/apps/run", #"{"app_id": "no-such-app", "inputs": {}}"#)
            #expect(unknown.status == 404)
            #expect(try unknown.errorMessage() == "App not found")
            let noId = try await sandbox.post("/apps/run", #"{"inputs": {}}"#)
            #expect(try noId.errorMessage() == "Missing required field: app_id")
            let badInputs = try await sandbox.post("/apps/run", "{\"app_id\": \"\(Self.sketch)\", \"inputs\": 3}")
            #expect(try badInputs.errorMessage() == "inputs must be a JSON object")
            let broken = try await sandbox.post("/apps/run", "{")
            #expect(try broken.errorMessage() == "Invalid JSON body")
        }
    }

    @Test("the failure marker in a text input fails the app job, refunded")
    func failureMarker() async throws {
        try await SandboxHarness.with { sandbox in
            let body = """
                {"app_id": "\(Self.sketch)", "inputs": {"\(Self.sketchImages)": "https://x.test/a.jpg", "\(Self.sketchRatio)": "sandbox:fail"}}
                """
            let id = try #require(try await sandbox.post("/apps/run", body).object().string("id"))
            let record = try await sandbox.waitTerminal(id)
            #expect(record.string("status") == "failed")
            #expect(record.string("error_message")?.contains("sandbox:fail") == true)
            #expect(await sandbox.server.credits() == 10_000)
        }
    }
}
