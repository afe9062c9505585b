import ArmoxScript
import NIOCore
import NIOHTTP1
import NIOPosix

/// `listen`: an HTTP receiver on loopback inside the session, for the
/// webhooks of runs started with `--webhook=` its URL. Bodies are capped at
/// 1 MiB; every answer closes its connection.
public final class WebhookReceiver: WebhookListener {
    public let url: String
    public let deliveries: WebhookDeliveries
    private let channel: any Channel

    private init(url: String, deliveries: WebhookDeliveries, channel: any Channel) {
        self.url = url
        self.deliveries = deliveries
        self.channel = channel
    }

    /// Listens on 127.0.0.1:`port` (0: a free port).
    public static func start(port: Int, secret: String) async throws -> WebhookReceiver {
        let deliveries = WebhookDeliveries.checking(secret: secret)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(DeliveryHandler(deliveries: deliveries))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        let bound = channel.localAddress?.port ?? port
        return WebhookReceiver(url: "http://127.0.0.1:\(bound)/webhooks/armox", deliveries: deliveries, channel: channel)
    }

    public func stop() async {
        try? await channel.close()
    }
}

/// One connection's requests: collects the body, hands it to `deliveries`.
private final class DeliveryHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let maxBody = 1 << 20

    let deliveries: WebhookDeliveries
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    var tooLarge = false

    init(deliveries: WebhookDeliveries) {
        self.deliveries = deliveries
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = []
            tooLarge = false
        case .body(var buffer):
            if body.count + buffer.readableBytes > Self.maxBody {
                tooLarge = true
            } else if let bytes = buffer.readBytes(length: buffer.readableBytes) {
                body += bytes
            }
        case .end:
            guard let head else { return }
            let status: Int
            if head.method != .POST {
                status = 405
            } else if tooLarge {
                status = 413
            } else {
                status = deliveries.deliver(body: body, signature: head.headers.first(name: "X-Armox-Signature"))
            }
            var headers = HTTPHeaders()
            headers.add(name: "Content-Length", value: "0")
            headers.add(name: "Connection", value: "close")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: status), headers: headers))), promise: nil)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        }
    }
}

/// `listen`'s receivers, on loopback.
public struct LoopbackWebhooks: WebhookListening {
    public init() {}

    public func start(port: Int, secret: String) async throws -> any WebhookListener {
        try await WebhookReceiver.start(port: port, secret: secret)
    }
}
