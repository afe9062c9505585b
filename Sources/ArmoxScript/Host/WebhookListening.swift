/// Starts webhook receivers for `listen`.
public protocol WebhookListening: Sendable {
    /// A receiver on 127.0.0.1:`port` (0: a free port) whose deliveries are
    /// checked against `secret`.
    func start(port: Int, secret: String) async throws -> any WebhookListener
}

/// A running receiver: its URL, what was delivered to it, and how to stop it.
public protocol WebhookListener: AnyObject, Sendable {
    var url: String { get }
    var deliveries: WebhookDeliveries { get }
    func stop() async
}
