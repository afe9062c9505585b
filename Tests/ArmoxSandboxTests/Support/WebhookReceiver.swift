import ArmoxSandbox
import Foundation
import Hummingbird

/// A tiny Hummingbird app on a free loopback port that records the webhooks
/// posted to `/hook` and answers them with a chosen status.
final class WebhookReceiver: Sendable {
    struct Delivery: Sendable {
        let headers: [(name: String, value: String)]
        let body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    private actor Inbox {
        var deliveries: [Delivery] = []
        func add(_ delivery: Delivery) { deliveries.append(delivery) }
    }

    let url: String
    private let inbox: Inbox
    private let server: LoopbackServer

    private init(url: String, inbox: Inbox, server: LoopbackServer) {
        self.url = url
        self.inbox = inbox
        self.server = server
    }

    static func start(answering status: HTTPResponse.Status = .ok) async throws -> WebhookReceiver {
        let inbox = Inbox()
        let router = Router()
        router.post("/hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            let headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
            await inbox.add(Delivery(headers: headers, body: Array(body.readableBytesView)))
            return status
        }
        let server = try await LoopbackServer.start(router.buildResponder())
        return WebhookReceiver(url: "http://127.0.0.1:\(server.port)/hook", inbox: inbox, server: server)
    }

    func deliveries() async -> [Delivery] {
        await inbox.deliveries
    }

    /// Waits (bounded) until `count` deliveries arrived.
    func waitFor(_ count: Int, timeout: Duration = .seconds(3)) async throws -> [Delivery] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            let received = await inbox.deliveries
            if received.count >= count { return received }
            try await Task.sleep(for: .milliseconds(10))
        }
        return await inbox.deliveries
    }

    func stop() async {
        await server.stop()
    }
}
