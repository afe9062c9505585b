import ArmoxSandbox
import Crypto
import Foundation
import Testing

@Suite("Webhooks")
struct WebhookTests {
    /// Verifies `sha256=<hex>` against the raw body, in constant time.
    static func verify(_ header: String?, body: [UInt8], secret: String) -> Bool {
        guard let header, header.hasPrefix("sha256=") else { return false }
        let hex = Array(header.dropFirst(7).utf8)
        guard hex.count == 64 else { return false }
        var signature: [UInt8] = []
        for index in stride(from: 0, to: 64, by: 2) {
            guard let byte = UInt8(String(decoding: hex[index..<index + 2], as: UTF8.self), radix: 16) else { return false }
            signature.append(byte)
        }
        return HMAC<SHA256>.isValidAuthenticationCode(
            signature, authenticating: body, using: SymmetricKey(data: Array(secret.utf8)))
    }

    static func withReceiver(
        answering status: Int = 200, _ body: (WebhookReceiver) async throws -> Void
    ) async throws {
        let receiver = try await WebhookReceiver.start(answering: .init(code: status))
        do {
            try await body(receiver)
            await receiver.stop()
        } catch {
            await receiver.stop()
            throw error
        }
    }

    @Test("a synchronous run delivers a signed job.completed webhook")
    func signedDelivery() async throws {
        try await Self.withReceiver { receiver in
            try await SandboxHarness.with { sandbox in
                let reply = try await sandbox.run(
                    "google/nano-banana", input: #"{"prompt": "a cat"}"#, extra: ", \"webhook_url\": \"\(receiver.url)\"")
                #expect(reply.status == 200)
                let id = try #require(try reply.object().string("id"))

                let delivery = try #require(try await receiver.waitFor(1).first)
                #expect(delivery.header("Content-Type") == "application/json")
                let signature = delivery.header("X-Armox-Signature")
                #expect(signature?.range(of: "^sha256=[0-9a-f]{64}$", options: .regularExpression) != nil)
                #expect(Self.verify(signature, body: delivery.body, secret: "whsec_sandbox_secret"))
                #expect(!Self.verify(signature, body: delivery.body, secret: "whsec_another_secret"))
                #expect(!Self.verify(signature, body: delivery.body + [0x20], secret: "whsec_sandbox_secret"))

                let event = try #require(try JSONSerialization.jsonObject(with: Data(delivery.body)) as? [String: Any])
                #expect(event.string("event") == "job.completed")
                let job = event.object("job")
                #expect(job.string("id") == id)
                #expect(job.string("status") == "completed")
                #expect(job.object("output").string("outputImage")?.hasPrefix(sandbox.origin) == true)
                #expect(job.isNull("error"))
                #expect(isTimestamp(job["completed_at"]))

                let record = try await sandbox.poll(id) { $0["webhook_delivered"] as? Bool == true }
                #expect(record["webhook_delivered"] as? Bool == true)
            }
        }
    }

    @Test("a failing background job delivers job.failed, signed with the configured secret")
    func failedDelivery() async throws {
        var configuration = SandboxHarness.fast
        configuration.webhookSecret = "whsec_custom"
        try await Self.withReceiver { receiver in
            try await SandboxHarness.with(configuration) { sandbox in
                let reply = try await sandbox.run(
                    "elevenlabs/music", input: #"{"prompt": "sandbox:fail"}"#,
                    extra: ", \"webhook_url\": \"\(receiver.url)\"")
                #expect(reply.status == 202)
                let delivery = try #require(try await receiver.waitFor(1).first)
                #expect(Self.verify(delivery.header("X-Armox-Signature"), body: delivery.body, secret: "whsec_custom"))
                #expect(!Self.verify(delivery.header("X-Armox-Signature"), body: delivery.body, secret: "whsec_sandbox_secret"))
                let event = try #require(try JSONSerialization.jsonObject(with: Data(delivery.body)) as? [String: Any])
                #expect(event.string("event") == "job.failed")
                #expect(event.object("job").string("status") == "failed")
                #expect(event.object("job").string("error")?.contains("sandbox:fail") == true)
            }
        }
    }

    @Test("a receiver answering 500 gets one retry; the job keeps webhook_delivered false")
    func failingReceiver() async throws {
        try await Self.withReceiver(answering: 500) { receiver in
            try await SandboxHarness.with { sandbox in
                let reply = try await sandbox.run(
                    "google/nano-banana", input: #"{"prompt": "x"}"#, extra: ", \"webhook_url\": \"\(receiver.url)\"")
                let id = try #require(try reply.object().string("id"))
                #expect(try await receiver.waitFor(2).count == 2)
                try await Task.sleep(for: .milliseconds(50))
                #expect(try await sandbox.get("/jobs/\(id)").object()["webhook_delivered"] as? Bool == false)
            }
        }
    }

    @Test("cancelled jobs send nothing; unreachable receivers are swallowed")
    func noDelivery() async throws {
        try await Self.withReceiver { receiver in
            var configuration = SandboxHarness.fast
            // The video would end after 3 s: time enough to cancel it on a busy machine.
            configuration.speed = 0.5
            try await SandboxHarness.with(configuration) { sandbox in
                let id = try #require(
                    try await sandbox.run(
                        "xai/grok-video-image-to-video", input: #"{"prompt": "x"}"#,
                        extra: ", \"webhook_url\": \"\(receiver.url)\""
                    ).object().string("id"))
                #expect(try await sandbox.post("/jobs/\(id)/cancel", "").status == 200)
                // A receiver nobody listens on: delivery fails quietly.
                let unreachable = try await sandbox.run(
                    "google/nano-banana", input: #"{"prompt": "x"}"#, extra: #", "webhook_url": "http://127.0.0.1:1/hook""#)
                #expect(unreachable.status == 200)
                try await Task.sleep(for: .milliseconds(450))
                #expect(await receiver.deliveries().isEmpty)
                #expect(try await sandbox.get("/models").status == 200)
            }
        }
    }

    @Test(
        "webhook_url must be loopback",
        arguments: [
            ("http://localhost:9/hook", true), ("http://127.0.0.1/x", true), ("https://127.10.0.3:8443/x", true),
            ("http://[::1]:8080/x", true), ("https://example.com/hook", false), ("http://10.0.0.1/x", false),
            ("ftp://127.0.0.1/x", false), ("http://127.0.0.1.example.com/x", false), ("not a url", false),
            ("", false), ("http://1270.0.0.1/x", false),
        ])
    func loopbackOnly(url: String, accepted: Bool) async throws {
        try await SandboxHarness.with { sandbox in
            let reply = try await sandbox.run(
                "black-forest-labs/flux-schnell", input: #"{"prompt": "x"}"#, extra: ", \"webhook_url\": \"\(url)\"")
            if accepted {
                #expect(reply.status == 200, "\(url)")
            } else {
                #expect(reply.status == 400, "\(url)")
                #expect(try reply.errorMessage() == "webhook_url must be a loopback address in the sandbox")
            }
        }
    }
}
