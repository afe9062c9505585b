import ArmoxSandbox
import Foundation
import Testing

@Suite("Jobs")
struct JobLifecycleTests {
    @Test("a video job goes pending → processing → completed, in the job-record shape")
    func videoProgression() async throws {
        var configuration = SandboxHarness.fast
        // Pending 1 s, then processing until 6 s: wide windows, so a busy
        // machine (the suite runs pty sessions and fuzzing beside it) samples each state.
        configuration.speed = 1
        configuration.rateLimitPerMinute = 10_000  // the test polls every 10 ms
        try await SandboxHarness.with(configuration) { sandbox in
            let accepted = try await sandbox.run("xai/grok-video-image-to-video", input: #"{"prompt": "waves"}"#).object()
            let id = try #require(accepted.string("id"))
            #expect(accepted.string("status") == "pending")

            // Well inside the processing window, whatever the scheduling jitter.
            try await Task.sleep(for: .milliseconds(2_500))
            let midway = try await sandbox.get("/jobs/\(id)").object()
            #expect(midway.string("status") == "processing")
            #expect(midway.isNull("output_data") && midway.isNull("completed_at"))

            var seen: [String] = ["pending", "processing"]
            let record = try await sandbox.poll(id, timeout: .seconds(20)) { record in
                let status = record.string("status") ?? "?"
                if seen.last != status { seen.append(status) }
                return status == "completed"
            }
            #expect(seen == ["pending", "processing", "completed"], "statuses out of order: \(seen)")

            #expect(record.string("id") == id)
            #expect(record.string("object") == "job")
            #expect(record.string("run_type") == "model")
            #expect(record.string("model_id") == "xai/grok-video-image-to-video")
            #expect(record.isNull("app_id"))
            #expect(record.object("input_data").object("input").string("prompt") == "waves")
            #expect(record.object("output_data").string("outputVideo")?.hasSuffix(".mp4") == true)
            #expect(record.isNull("error_message"))
            #expect(record.int("credits_charged") == 202)
            #expect(isTimestamp(record["created_at"]) && isTimestamp(record["completed_at"]))
            #expect(record["webhook_delivered"] as? Bool == false)
        }
    }

    @Test(
        "background models complete with their output key",
        arguments: [
            ("elevenlabs/music", #"{"prompt": "lofi"}"#, "outputAudio", ".wav"),
            ("tencent/hunyuan-3d", "{}", "outputModel", ".glb"),
            ("google/veo-3", #"{"prompt": "a fox"}"#, "outputVideo", ".mp4"),
        ])
    func backgroundOutputs(model: String, input: String, key: String, suffix: String) async throws {
        try await SandboxHarness.with { sandbox in
            let id = try #require(try await sandbox.run(model, input: input).object().string("id"))
            let record = try await sandbox.waitTerminal(id)
            #expect(record.string("status") == "completed")
            #expect(record.object("output_data").string(key)?.hasSuffix(suffix) == true)
        }
    }

    @Test("the failure marker fails a background job at its end, refunded")
    func failureMarkerAsync() async throws {
        try await SandboxHarness.with { sandbox in
            let id = try #require(
                try await sandbox.run("xai/grok-video-image-to-video", input: #"{"prompt": "waves sandbox:fail"}"#)
                    .object().string("id"))
            let record = try await sandbox.waitTerminal(id)
            #expect(record.string("status") == "failed")
            #expect(record.string("error_message") == "Sandbox: generation failed (the prompt asked for it with sandbox:fail)")
            #expect(record.isNull("output_data"))
            #expect(isTimestamp(record["completed_at"]))
            #expect(await sandbox.server.credits() == 10_000)
            #expect(await sandbox.server.ledger().map(\.refunded) == [true])
        }
    }

    @Test("the failure marker on a synchronous model: 200 with status failed, refunded")
    func failureMarkerSync() async throws {
        try await SandboxHarness.with { sandbox in
            let reply = try await sandbox.run("google/nano-banana", input: #"{"prompt": "SANDBOX:FAIL please"}"#)
            #expect(reply.status == 200)
            let job = try reply.object()
            #expect(job.string("status") == "failed")
            #expect(job.string("error") == "Sandbox: generation failed (the prompt asked for it with sandbox:fail)")
            #expect(job.isNull("output"))
            #expect(await sandbox.server.credits() == 10_000)
            #expect(await sandbox.server.ledger().first?.refunded == true)
        }
    }

    @Test("cancel: cancelled and refunded, then 409; 409 for a finished job too")
    func cancel() async throws {
        var configuration = SandboxHarness.fast
        configuration.speed = 1  // keep the job running
        try await SandboxHarness.with(configuration) { sandbox in
            let id = try #require(try await sandbox.run("google/veo-3", input: #"{"prompt": "a fox"}"#).object().string("id"))
            #expect(await sandbox.server.credits() == 9_100)

            let cancelled = try await sandbox.post("/jobs/\(id)/cancel", "")
            #expect(cancelled.status == 200)
            let body = try cancelled.object()
            #expect(body.string("id") == id && body.string("object") == "job" && body.string("status") == "cancelled")
            #expect(isTimestamp(body["cancelled_at"]))

            let record = try await sandbox.get("/jobs/\(id)").object()
            #expect(record.string("status") == "cancelled")
            #expect(await sandbox.server.credits() == 10_000)
            #expect(await sandbox.server.ledger().map(\.refunded) == [true])

            let again = try await sandbox.post("/jobs/\(id)/cancel", "")
            #expect(again.status == 409)
            #expect(try again.errorMessage() == "Job \(id) is already cancelled and can no longer be cancelled")
        }
        try await SandboxHarness.with { sandbox in
            let id = try #require(try await sandbox.run("google/nano-banana", input: #"{"prompt": "x"}"#).object().string("id"))
            let reply = try await sandbox.post("/jobs/\(id)/cancel", "")
            #expect(reply.status == 409)
            #expect(try reply.errorMessage() == "Job \(id) is already completed and can no longer be cancelled")
            #expect(await sandbox.server.ledger().map(\.refunded) == [false])
        }
    }

    @Test("unknown jobs and routes: 404 in the error shape; wrong method: 405")
    func notFound() async throws {
        try await SandboxHarness.with { sandbox in
            let job = try await sandbox.get("/jobs/job_nope")
            #expect(job.status == 404)
            #expect(try job.errorMessage() == "Job not found")
            let cancel = try await sandbox.post("/jobs/job_nope/cancel", "")
            #expect(cancel.status == 404)
            #expect(try cancel.errorMessage() == "Job not found")
            for path in ["/nothing", "/models/google/nano-banana", "/jobs/a/b/c", "\(sandbox.origin)/", "\(sandbox.origin)/api/v2/models"] {
                let reply = try await sandbox.get(path)
                #expect(reply.status == 404, "\(path)")
                #expect(try reply.errorMessage() == "Not found")
            }
            let wrong = try await sandbox.send("DELETE", "/models")
            #expect(wrong.status == 405)
            #expect(wrong.header("Allow") == "GET")
            #expect(try wrong.errorMessage() == "Method not allowed")
            let getRun = try await sandbox.get("/models/run")
            #expect(getRun.status == 405)
        }
    }

    @Test("GET /jobs lists newest first and validates limit")
    func list() async throws {
        try await SandboxHarness.with { sandbox in
            var ids: [String] = []
            for prompt in ["one", "two", "three"] {
                ids.append(try #require(try await sandbox.run("black-forest-labs/flux-schnell", input: "{\"prompt\": \"\(prompt)\"}").object().string("id")))
            }
            let all = try await sandbox.get("/jobs").object()
            #expect(all.string("object") == "list")
            let records = try #require(all["data"] as? [[String: Any]])
            #expect(records.compactMap { $0.string("id") } == ids.reversed())
            let first = try #require(records.first)
            for key in ["run_type", "model_id", "status", "input_data", "output_data", "credits_charged", "created_at"] {
                #expect(first[key] != nil, "\(key)")
            }
            #expect(first.isNull("app_id") && first.isNull("error_message"))
            #expect(first["object"] == nil && first["webhook_delivered"] == nil)

            let two = try await sandbox.get("/jobs?limit=2").object()
            #expect((two["data"] as? [[String: Any]])?.count == 2)

            for bad in ["0", "101", "abc", "-1", "2.5", ""] {
                let reply = try await sandbox.get("/jobs?limit=\(bad)")
                #expect(reply.status == 400, "limit=\(bad)")
                #expect(try reply.errorMessage()?.contains("limit must be an integer between 1 and 100") == true)
            }
        }
    }
}
