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
    private let task: Task<Void, any Error>

    private init(url: String, inbox: Inbox, task: Task<Void, any Error>) {
        self.url = url
        self.inbox = inbox
        self.task = task
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
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
        app.logger.logLevel = .critical
        let task = Task { [app] in
            defer { continuation.finish() }
            try await app.run()
        }
        var port = 0
        for await value in ports {
            port = value
            break
        }
        return WebhookReceiver(url: "http://127.0.0.1:\(port)/hook", inbox: inbox, task: task)
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
        task.cancel()
        _ = await task.result
    }
}
