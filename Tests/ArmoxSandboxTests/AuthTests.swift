import ArmoxSandbox
import Testing

@Suite("Authentication")
struct AuthTests {
    static let endpoints: [(String, String)] = [
        ("GET", "/models"), ("POST", "/models/run"), ("GET", "/jobs"), ("GET", "/jobs/job_x"),
        ("POST", "/jobs/job_x/cancel"), ("GET", "/apps"), ("POST", "/apps/run"), ("GET", "/account"),
    ]

    @Test("every /api/v1 endpoint answers the three documented auth errors")
    func authErrors() async throws {
        try await SandboxHarness.with { sandbox in
            for (method, path) in Self.endpoints {
                let missing = try await sandbox.withKey(nil).send(method, path, body: "{}")
                #expect(missing.status == 401, "\(method) \(path)")
                #expect(try missing.errorMessage() == "Missing Authorization Bearer token")

                let invalid = try await sandbox.withKey("sk_live_not_a_key").send(method, path, body: "{}")
                #expect(invalid.status == 401, "\(method) \(path)")
                #expect(try invalid.errorMessage() == "Invalid API key")

                let noPlan = try await sandbox.withKey(SandboxKeys.noPlan).send(method, path, body: "{}")
                #expect(noPlan.status == 403, "\(method) \(path)")
                #expect(
                    try noPlan.errorMessage()
                        == "Public API access requires Agency, Master/Business, or Enterprise plan.")
                #expect(noPlan.header("X-RateLimit-Limit") == nil)
            }
            #expect(await sandbox.server.ledger().isEmpty)
        }
    }

    @Test("a header that is not a Bearer token counts as missing")
    func notBearer() async throws {
        try await SandboxHarness.with(key: nil) { sandbox in
            for header in ["Basic abc", "Bearer", "Bearer    ", SandboxKeys.valid] {
                let reply = try await sandbox.send("GET", "/models", headers: [("Authorization", header)])
                #expect(reply.status == 401, "\(header)")
                #expect(try reply.errorMessage() == "Missing Authorization Bearer token")
            }
            let lower = try await sandbox.send("GET", "/models", headers: [("Authorization", "bearer \(SandboxKeys.valid)")])
            #expect(lower.status == 200)
        }
    }

    @Test("requests are counted per endpoint, authenticated or not")
    func counted() async throws {
        try await SandboxHarness.with { sandbox in
            _ = try await sandbox.get("/models")
            _ = try await sandbox.withKey(nil).get("/models")
            _ = try await sandbox.get("/account")
            #expect(await sandbox.server.requestCount(.models) == 2)
            #expect(await sandbox.server.requestCount(.account) == 1)
            #expect(await sandbox.server.requestCount(.modelsRun) == 0)
        }
    }
}
