import ArmoxSandbox
import Foundation
import Testing

@Suite("Control surface (/_sandbox)")
struct ControlSurfaceTests {
    @Test("faults injected over HTTP are played, counted and cleared")
    func faults() async throws {
        try await SandboxHarness.with(key: SandboxKeys.valid) { sandbox in
            let control = sandbox.withKey(nil)
            let injected = try await control.post(
                "\(sandbox.origin)/_sandbox/faults",
                #"{"endpoint": "models", "fault": {"kind": "status", "status": 503, "message": "Down for lunch"}, "times": 2}"#)
            #expect(injected.status == 200)
            #expect(try injected.object().int("pending") == 2)
            let faulted = try await sandbox.get("/models")
            #expect(faulted.status == 503)
            #expect(try faulted.errorMessage() == "Down for lunch")

            let cleared = try await control.send("DELETE", "\(sandbox.origin)/_sandbox/faults")
            #expect(cleared.status == 200)
            #expect(try await sandbox.get("/models").status == 200)

            // Bare-string form, and the default of one time.
            let drop = try await control.post("\(sandbox.origin)/_sandbox/faults", #"{"endpoint": "modelsRun", "fault": "dropConnection"}"#)
            #expect(drop.status == 200)
            await #expect(throws: (any Error).self) {
                _ = try await sandbox.run("google/nano-banana", input: #"{"prompt": "x"}"#)
            }
            #expect(try await sandbox.run("google/nano-banana", input: #"{"prompt": "x"}"#).status == 200)
        }
    }

    @Test("bad fault requests are 400 with a hint")
    func badFaults() async throws {
        try await SandboxHarness.with(key: nil) { sandbox in
            for body in [
                #"{"endpoint": "nowhere", "fault": "lostReply"}"#,
                #"{"endpoint": "models", "fault": {"kind": "explode"}}"#,
                #"{"endpoint": "models", "fault": "status"}"#,
                #"{"endpoint": "models", "fault": {"kind": "status", "status": 99}}"#,
                #"{"endpoint": "models", "fault": {"kind": "delay", "seconds": -1}}"#,
                #"{"endpoint": "models", "fault": "lostReply", "times": 0}"#,
                #"{"endpoint": "models"}"#,
                "nope",
            ] {
                let reply = try await sandbox.post("\(sandbox.origin)/_sandbox/faults", body)
                #expect(reply.status == 400, "\(body)")
                #expect(try reply.errorMessage() != nil)
            }
            #expect(await sandbox.server.snapshot().pendingFaults.values.allSatisfy { $0 == 0 })
        }
    }

    @Test("ledger and state decode into the public types")
    func ledgerAndState() async throws {
        // At the slowest pace the music job runs for 300 s, so the cancel
        // finds it unfinished however loaded the machine is.
        var configuration = SandboxHarness.fast
        configuration.speed = SandboxConfiguration.maxSpeed
        try await SandboxHarness.with(configuration) { sandbox in
            let id = try #require(try await sandbox.run("elevenlabs/music", input: #"{"prompt": "x"}"#).object().string("id"))
            _ = try await sandbox.post("/jobs/\(id)/cancel", "")
            _ = try await sandbox.withKey(nil).get("/models")

            let ledgerReply = try await sandbox.get("\(sandbox.origin)/_sandbox/ledger")
            #expect(ledgerReply.status == 200)
            let ledger = try JSONDecoder().decode([LedgerEntry].self, from: Data(ledgerReply.body))
            #expect(ledger == [LedgerEntry(jobId: id, model: "elevenlabs/music", credits: 120, refunded: true)])

            let stateReply = try await sandbox.get("\(sandbox.origin)/_sandbox/state")
            let state = try JSONDecoder().decode(SandboxSnapshot.self, from: Data(stateReply.body))
            #expect(state.credits == 10_000)
            #expect(state.jobs == 1)
            #expect(state.requestCounts["modelsRun"] == 1)
            #expect(state.requestCounts["jobCancel"] == 1)
            #expect(state.requestCounts["models"] == 1)
            #expect(Set(state.requestCounts.keys) == Set(SandboxEndpoint.allCases.map(\.rawValue)))
            #expect(state == (await sandbox.server.snapshot()))
        }
    }

    @Test("the control surface answers unknown paths and methods in the error shape")
    func unknown() async throws {
        try await SandboxHarness.with(key: nil) { sandbox in
            #expect(try await sandbox.get("\(sandbox.origin)/_sandbox/nothing").status == 404)
            let wrong = try await sandbox.get("\(sandbox.origin)/_sandbox/faults")
            #expect(wrong.status == 405)
            #expect(wrong.header("Allow") == "POST, DELETE")
        }
    }
}
