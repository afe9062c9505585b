import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@Suite("Every endpoint over real HTTP")
struct ClientEndpointTests {
    @Test func modelsCatalogue() async throws {
        try await withSandbox { _, client in
            let models = try await client.models()
            #expect(models.count >= 8)
            let modalities = Set(models.map(\.modality))
            #expect(modalities.isSuperset(of: ["image", "video", "audio", "3d", "text"]))
            #expect(models.contains { !$0.promptRequired })
            let banana = try #require(models.first { $0.id == "google/nano-banana" })
            #expect(banana.cost == 70)
            #expect(banana.setting("aspect_ratio")?.options?.contains("16:9") == true)
            #expect(client.rateLimit?.limit == 120)
            #expect(client.rateLimit?.remaining != nil)
        }
    }

    @Test func imageRunAnswersAtOnce() async throws {
        try await withSandbox { server, client in
            let before = try await client.account().credits
            let job = try await client.run(model: "google/nano-banana", input: ["prompt": "a perfume bottle", "aspect_ratio": "16:9"])
            #expect(job.status == .completed)
            #expect(job.model == "google/nano-banana")
            #expect(job.creditsCharged == 70)
            let url = try #require(job.outputURLs.first)
            #expect(url.hasPrefix("http://127.0.0.1:\(server.port)/"))
            #expect(try await client.account().credits == before - 70)
            let listed = try await client.jobs(limit: 5)
            #expect(listed.first?.id == job.id)
            #expect(listed.first?.outputURLs == job.outputURLs)
        }
    }

    @Test func videoRunBecomesAJobThatCompletes() async throws {
        try await withSandbox { _, client in
            let started = try await client.run(model: "xai/grok-video-image-to-video", input: ["prompt": "waves", "duration": "5"])
            #expect(!started.status.isTerminal)
            #expect(started.creditsCharged == 202)
            let done = try await waitTerminal(client, started.id)
            #expect(done.status == .completed)
            #expect(done.outputURLs.first?.hasSuffix(".mp4") == true)
            #expect(done.model == "xai/grok-video-image-to-video")
        }
    }

    @Test func textModelAnswersWithText() async throws {
        try await withSandbox { _, client in
            let models = try await client.models()
            let text = try #require(models.first { $0.modality == "text" })
            let job = try await client.run(model: text.id, input: ["prompt": "a haiku about tea"])
            #expect(job.status == .completed)
            #expect(job.outputText?.isEmpty == false)
        }
    }

    @Test func failureMarkerFailsTheJobAndRefunds() async throws {
        try await withSandbox { server, client in
            let before = try await client.account().credits
            let started = try await client.run(model: "google/veo-3", input: ["prompt": "storm sandbox:fail"])
            let done = try await waitTerminal(client, started.id)
            #expect(done.status == .failed)
            #expect(done.error?.isEmpty == false)
            #expect(try await client.account().credits == before)
            #expect(await server.ledger().first?.refunded == true)
        }
    }

    @Test func cancelThenConflictThenNotFound() async throws {
        try await withSandbox({ $0.speed = 1.0 }) { _, client in
            let started = try await client.run(model: "google/veo-3", input: ["prompt": "slow pan"])
            let cancelled = try await client.cancel(jobID: started.id)
            #expect(cancelled.status == .cancelled)
            let again = await armoxError { _ = try await client.cancel(jobID: started.id) }
            guard case .api(let conflict) = again else { Issue.record("expected 409, got \(String(describing: again))"); return }
            #expect(conflict.kind == .conflict)
            #expect(conflict.status == 409)
            let missing = await armoxError { _ = try await client.job(id: "job_does_not_exist") }
            guard case .api(let notFound) = missing else { Issue.record("expected 404"); return }
            #expect(notFound.kind == .notFound)
            #expect(!notFound.message.isEmpty)
        }
    }

    @Test func appsListAndRun() async throws {
        try await withSandbox { _, client in
            let apps = try await client.apps()
            #expect(apps.count >= 2)
            let app = try #require(apps.first { app in app.inputs.contains { $0.allowMultiple } })
            var inputs: [String: JSONValue] = [:]
            for input in app.inputs {
                inputs[input.id] = input.allowMultiple ? .array(["https://example.com/ref.jpg"]) : (input.type == "image" ? "https://example.com/one.jpg" : "auto")
            }
            let started = try await client.runApp(id: app.id, inputs: inputs)
            #expect(started.appID == app.id || started.runType == "app")
            let done = try await waitTerminal(client, started.id)
            #expect(done.status == .completed)
            #expect(!done.outputURLs.isEmpty)
        }
    }

    @Test func appMissingRequiredInputsNamesThem() async throws {
        try await withSandbox { _, client in
            let app = try #require(try await client.apps().first)
            let error = await armoxError { _ = try await client.runApp(id: app.id, inputs: [:]) }
            guard case .api(let e) = error else { Issue.record("expected 400"); return }
            #expect(e.status == 400)
            #expect(e.message.hasPrefix("Missing required inputs:"))
        }
    }

    @Test func account() async throws {
        try await withSandbox({ $0.startingCredits = 5000 }) { _, client in
            let account = try await client.account()
            #expect(account.credits == 5000)
            #expect(account.subscription != nil)
        }
    }

    @Test func jobsLimitIsSentAndHonoured() async throws {
        try await withSandbox { _, client in
            for i in 0..<3 { _ = try await client.run(model: "google/nano-banana", input: ["prompt": .string("n\(i)")]) }
            #expect(try await client.jobs(limit: 2).count == 2)
            #expect(try await client.jobs(limit: 100).count == 3)
            let bad = await armoxError { _ = try await client.jobs(limit: 0) }
            guard case .api(let e) = bad else { Issue.record("expected 400"); return }
            #expect(e.status == 400)
        }
    }
}
