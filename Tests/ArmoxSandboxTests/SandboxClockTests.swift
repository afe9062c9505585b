import ArmoxSandbox
import Foundation
import Testing

/// `advanceClock`: a test lets the sandbox's time pass at once.
@Suite("The sandbox's clock")
struct SandboxClockTests {
    @Test func aJobMovesOnlyWhenTheClockIsMovedOn() async throws {
        var configuration = SandboxConfiguration()
        configuration.speed = 100  // a video: 100 s pending, then 500 s processing
        try await SandboxHarness.with(configuration) { sandbox in
            let accepted = try await sandbox.run("google/veo-3", input: #"{"prompt": "waves"}"#)
            #expect(accepted.status == 202)
            let id = try #require(try accepted.object().string("id"))
            #expect(try await sandbox.get("/jobs/\(id)").object().string("status") == "pending")
            sandbox.server.advanceClock(by: 150)
            #expect(try await sandbox.get("/jobs/\(id)").object().string("status") == "processing")
            sandbox.server.advanceClock(by: 500)
            let done = try await sandbox.get("/jobs/\(id)").object()
            #expect(done.string("status") == "completed")
            // Timestamps are the sandbox's: completed 600 s after creation.
            let format = ISO8601DateFormatter()
            format.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let created = try #require(done.string("created_at").flatMap(format.date(from:)))
            let completed = try #require(done.string("completed_at").flatMap(format.date(from:)))
            #expect(abs(completed.timeIntervalSince(created) - 600) < 0.01)
        }
    }
}
