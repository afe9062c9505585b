import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Crypto
import Foundation
import Testing

@testable import ArmoxScript

/// `listen`: deliveries verified against their signature in constant time,
/// forged and unsigned ones refused, repeats dropped, and a wait that ends
/// from a delivery instead of a poll.
@Suite("Webhooks: listen")
struct ListenTests {
    static let secret = "whsec_sandbox_secret"

    static func sign(_ body: [UInt8], secret: String = ListenTests.secret) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    static let event = Array(#"{"event":"job.completed","job":{"id":"job_1","status":"completed","output":{"outputImage":"https://x/y.png"}}}"#.utf8)

    @Test func signedDeliveriesAreTakenForgedOnesRefusedRepeatsDropped() {
        let deliveries = WebhookDeliveries(secret: Self.secret)
        #expect(deliveries.receive(body: Self.event, signature: nil) == 401)
        #expect(deliveries.receive(body: Self.event, signature: Self.sign(Self.event, secret: "whsec_wrong")) == 401)
        #expect(deliveries.receive(body: Self.event, signature: "sha256=zz") == 401)
        var tampered = Self.event
        tampered[tampered.count - 3] = UInt8(ascii: "x")
        #expect(deliveries.receive(body: tampered, signature: Self.sign(Self.event)) == 401, "the signature covers the raw body")
        #expect(deliveries.job("job_1") == nil, "nothing refused was read")
        #expect(deliveries.receive(body: Self.event, signature: Self.sign(Self.event)) == 200)
        #expect(deliveries.receive(body: Self.event, signature: Self.sign(Self.event).uppercased().replacingOccurrences(of: "SHA256=", with: "sha256=")) == 200)
        #expect(deliveries.job("job_1")?.outputURLs == ["https://x/y.png"])
        #expect(deliveries.counts == WebhookDeliveries.Counts(accepted: 1, duplicates: 1, rejected: 4))
        let junk = Array("not json".utf8)
        #expect(deliveries.receive(body: junk, signature: Self.sign(junk)) == 400)
    }

    /// The sandbox delivers to the session's receiver over real HTTP; the
    /// wait, whose next poll is half a minute away, ends at the delivery.
    @Test func aWaitEndsAtTheDeliveryWithoutPolling() async throws {
        var configuration = SandboxConfiguration()
        configuration.speed = 0.05
        configuration.webhookSecret = Self.secret
        try await withSandbox({ $0 = configuration }) { server, client in
            let captured = Captured()
            let evaluator = Evaluator(
                client: client, output: captured.sink, session: Session(),
                polling: PollingPolicy(initial: 30, maximum: 30), host: scriptHost())
            try await evaluator.evaluate(
                """
                hook = listen --secret=\(Self.secret)
                clip = run google/veo-3 "waves" --webhook=$hook --detach
                """)
            let clock = ContinuousClock()
            let started = clock.now
            try await evaluator.evaluate("done = wait $clip; echo ${done.status} ${done.output}")
            #expect(clock.now - started < .seconds(10), "the wait sat out its poll interval")
            #expect(captured.out.contains("completed http://127.0.0.1:"), "\(captured.out)")
            #expect(await server.requestCount(.jobGet) <= 1, "at most the first look, then the delivery")
            try await evaluator.evaluate("listen --stop")
            #expect(captured.out.contains("1 delivered"), "\(captured.out)")
            await evaluator.close()
        }
    }

    /// With the wrong secret every delivery is refused and the waits go on
    /// by polling; stderr says so once for the receiver, not once a delivery.
    @Test func aWrongSecretIsNotedOnceAndTheWaitPollsOn() async throws {
        var configuration = SandboxConfiguration()
        configuration.speed = 0.01
        configuration.webhookSecret = Self.secret
        try await withSandbox({ $0 = configuration }) { _, client in
            let captured = Captured()
            let evaluator = Evaluator(client: client, output: captured.sink, session: Session(), polling: fastPolling, host: scriptHost())
            try await evaluator.evaluate(
                """
                hook = listen --secret=whsec_not_the_secret
                a = run google/veo-3 "waves" --webhook=$hook --detach
                done = wait $a
                """)
            let deadline = ContinuousClock.now + .seconds(20)
            while (evaluator.receiver?.deliveries.counts.rejected ?? 0) < 1 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            try await evaluator.evaluate(
                """
                b = run google/veo-3 "rain" --webhook=$hook --detach
                c = run google/veo-3 "wind" --webhook=$hook --detach
                done = wait $b $c
                echo ${done[0].status} ${done[1].status}
                """)
            #expect(captured.out.hasSuffix("completed completed\n"), "\(captured.out)")
            let notes = captured.err.components(separatedBy: "failed its signature check").count - 1
            #expect(notes == 1, "\(captured.err)")
            #expect(captured.err.contains("--secret"), "\(captured.err)")
            await evaluator.close()
        }
    }

    @Test func listenNeedsASecret() async throws {
        try await withOfflineEvaluator { evaluator, _ in
            let error = await scriptError { try await evaluator.evaluate("listen", name: "l.armox") }
            #expect(error?.message.contains("webhook secret") == true)
            let stop = await scriptError { try await evaluator.evaluate("listen --stop", name: "l.armox") }
            #expect(stop?.message == "not listening")
        }
    }
}
