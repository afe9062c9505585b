import AsyncHTTPClient
import NIOCore

/// Posts signed webhook deliveries.
///
/// Deliveries are best effort, as a receiver that is down must not disturb
/// the sandbox: one retry after a short pause, then the failure is swallowed
/// (the job simply keeps `webhook_delivered: false`). It uses the process-wide
/// `HTTPClient.shared`, which needs no shutdown; cancelling the calling task
/// cancels a delivery in flight.
struct WebhookSender: Sendable {
    let secret: String
    var timeout: TimeAmount = .seconds(5)
    var retryPause: Duration = .milliseconds(250)

    /// True when the receiver answered 2xx.
    func deliver(body: [UInt8], to url: String) async -> Bool {
        for attempt in 0..<2 {
            if attempt > 0 {
                try? await Task.sleep(for: retryPause)
            }
            if Task.isCancelled { return false }
            if await post(body: body, to: url) { return true }
        }
        return false
    }

    private func post(body: [UInt8], to url: String) async -> Bool {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "armox-sandbox")
        request.headers.add(name: WebhookSignature.headerName, value: WebhookSignature.header(for: body, secret: secret))
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: timeout)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return (200..<300).contains(response.status.code)
        } catch {
            return false
        }
    }
}
