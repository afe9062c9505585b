import ArmoxAPI
import ArmoxTestSupport
import Foundation
import Testing

@Suite("Where the key may go")
struct TransportSecurityTests {
    @Test(arguments: ["127.0.0.1", "127.8.9.10", "localhost", "LOCALHOST", "::1", "[::1]", "api.localhost"])
    func loopback(_ host: String) {
        #expect(TransportSecurity.isLoopback(host: host))
    }

    @Test(arguments: ["armox.ai", "10.0.0.1", "192.168.1.2", "128.0.0.1", "127.0.0.1.evil.test", "localhost.evil.test", "0.0.0.0", ""])
    func notLoopback(_ host: String) {
        #expect(!TransportSecurity.isLoopback(host: host))
    }

    @Test func plainHTTPToARemoteHostIsRefusedBeforeConnecting() async throws {
        // Port 9 (discard) on a documentation address: were a connection tried,
        // this would fail differently (and slowly); the refusal must come first.
        let client = ArmoxClient(configuration: ArmoxConfiguration(baseURL: "http://192.0.2.1:9/api/v1", apiKey: "sk_live_abcdefghijklmnop1234"))
        defer { Task { await client.shutdown() } }
        let started = ContinuousClock.now
        do {
            _ = try await client.models()
            Issue.record("expected a refusal")
        } catch let error as ArmoxError {
            guard case .refused(let why) = error else { Issue.record("expected .refused, got \(error)"); return }
            #expect(why.contains("plain http"))
            #expect(why.contains("192.0.2.1"))
            #expect(!error.description.contains("abcdefghijklmnop"))
        }
        #expect(ContinuousClock.now - started < .seconds(1))
    }

    @Test func httpsAndLoopbackHTTPAreAllowed() throws {
        try TransportSecurity.checkKeyMayBeSent(to: URL(string: "https://armox.ai/api/v1/models")!)
        try TransportSecurity.checkKeyMayBeSent(to: URL(string: "http://127.0.0.1:8089/api/v1/models")!)
        try TransportSecurity.checkKeyMayBeSent(to: URL(string: "http://localhost:8089/api/v1/models")!)
        #expect(throws: ArmoxError.self) { try TransportSecurity.checkKeyMayBeSent(to: URL(string: "ftp://armox.ai/x")!) }
    }

    @Test func redaction() {
        #expect(APIKeyRedaction.redacted("sk_live_abcdefghijklmnop1234") == "sk_live_…")
        #expect(APIKeyRedaction.redacted("sk_test_abcdefghijklmnop1234") == "sk_test_…")
        #expect(APIKeyRedaction.redacted("abcdefghijklmnop1234") == "…")
        #expect(APIKeyRedaction.redacted("short") == "…")
        let text = "bad key sk_live_abcdefghijklmnop1234 here"
        #expect(APIKeyRedaction.scrub(text, key: "sk_live_abcdefghijklmnop1234") == "bad key sk_live_… here")
    }

    @Test func configurationPrecedence() {
        let env = ["ARMOX_API_KEY": "sk_live_env_key_000000", "ARMOX_BASE_URL": "http://127.0.0.1:1/api/v1/"]
        let fromEnv = ArmoxConfiguration.resolve(environment: env)
        #expect(fromEnv.apiKey == "sk_live_env_key_000000")
        #expect(fromEnv.baseURL == "http://127.0.0.1:1/api/v1")
        let fromFlags = ArmoxConfiguration.resolve(environment: env, baseURL: "https://other.test/api/v1", apiKey: "sk_live_flag_key_11111")
        #expect(fromFlags.baseURL == "https://other.test/api/v1")
        #expect(fromFlags.apiKey == "sk_live_flag_key_11111")
        let defaults = ArmoxConfiguration.resolve(environment: ["ARMOX_BASE_URL": "  "])
        #expect(defaults.baseURL == ArmoxConfiguration.defaultBaseURL)
        #expect(defaults.apiKey == nil)
    }
}
