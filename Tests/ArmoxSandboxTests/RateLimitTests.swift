import ArmoxSandbox
import Foundation
import Testing

@Suite("Rate limits")
struct RateLimitTests {
    @Test("limit 5: five answers with the headers, then 429 with Retry-After")
    func limit() async throws {
        var configuration = SandboxHarness.fast
        configuration.rateLimitPerMinute = 5
        try await SandboxHarness.with(configuration) { sandbox in
            let start = Int(Date().timeIntervalSince1970)
            for expectedRemaining in (0..<5).reversed() {
                let reply = try await sandbox.get("/models")
                #expect(reply.status == 200)
                #expect(reply.header("X-RateLimit-Limit") == "5")
                #expect(reply.header("X-RateLimit-Remaining") == String(expectedRemaining))
                let reset = try #require(Int(reply.header("X-RateLimit-Reset") ?? ""))
                // A minute after the first request, which a loaded machine may send seconds after `start`.
                let answered = Int(Date().timeIntervalSince1970.rounded(.up))
                #expect((start + 59)...(answered + 61) ~= reset, "reset \(reset) vs start \(start), answered \(answered)")
            }
            for _ in 0..<2 {
                let limited = try await sandbox.get("/account")
                #expect(limited.status == 429)
                #expect(try limited.errorMessage() == "Rate limit exceeded")
                let retryAfter = try #require(Int(limited.header("Retry-After") ?? ""))
                #expect((1...60).contains(retryAfter))
            }
            #expect(await sandbox.server.requestCount(.account) == 2)
        }
    }

    @Test("errors that pass the limiter carry the headers too; auth errors do not count")
    func errorsCount() async throws {
        var configuration = SandboxHarness.fast
        configuration.rateLimitPerMinute = 2
        try await SandboxHarness.with(configuration) { sandbox in
            for _ in 0..<3 { _ = try await sandbox.withKey("sk_live_wrong").get("/models") }
            let notFound = try await sandbox.get("/jobs/job_missing")
            #expect(notFound.status == 404)
            #expect(notFound.header("X-RateLimit-Remaining") == "1")
            #expect(try await sandbox.get("/models").status == 200)
            #expect(try await sandbox.get("/models").status == 429)
        }
    }

    @Test("a forced 429 fault leaves the real window alone")
    func forced() async throws {
        var configuration = SandboxHarness.fast
        configuration.rateLimitPerMinute = 1
        try await SandboxHarness.with(configuration) { sandbox in
            await sandbox.server.inject(.rateLimited(retryAfter: 7), on: .models)
            let forced = try await sandbox.get("/models")
            #expect(forced.status == 429)
            #expect(forced.header("Retry-After") == "7")
            #expect(try forced.errorMessage() == "Rate limit exceeded")
            let real = try await sandbox.get("/models")
            #expect(real.status == 200)
            #expect(real.header("X-RateLimit-Remaining") == "0")
        }
    }
}
