import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// One answer, read whole (up to the configured cap).
struct RawResponse: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]
    let request: String
}

/// Whether a request may be sent again after a failure (see `RetryPolicy`).
enum Idempotence: Sendable {
    /// GETs: safe to repeat.
    case safe
    /// A POST that starts or cancels something: repeated only when the server
    /// certainly did not act on it.
    case once
}

extension ArmoxClient {
    /// Sends one logical request: retries what `RetryPolicy` allows, follows
    /// redirects (dropping the key when the origin changes), reads the body
    /// whole, and records the rate-limit headers.
    func exchange(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil,
        idempotence: Idempotence, cap: Int? = nil
    ) async throws -> RawResponse {
        let label = "\(method.rawValue) \(path)"
        guard var url = URL(string: configuration.baseURL + path + ArmoxClient.queryString(query)),
            url.host != nil
        else {
            throw ArmoxError.refused("invalid base URL \"\(configuration.baseURL)\": expected something like \(ArmoxConfiguration.defaultBaseURL)")
        }
        let bodyBytes = try body.map { body in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(body)
        }
        let policy = configuration.retry
        var sendKey = true
        var redirects = 0
        var attempt = 1
        // A run or a cancel never rides a kept-alive connection: a server
        // may close one it thinks idle just as the request goes out, after
        // it was written (the close crossing it on the wire), and nothing
        // then tells "never read" from "acted on, then gone". A connection
        // of its own costs a handshake; a run costs credits.
        let ownConnection = idempotence == .once
        var fresh = ownConnection
        var resentFresh = false
        while true {
            do {
                if sendKey { try await waitForRateLimitWindow(label) }
                let response = try await sendOnce(
                    method, url: url, body: bodyBytes, sendKey: sendKey, label: label, fresh: fresh, cap: cap ?? configuration.maxResponseBytes)
                fresh = ownConnection
                if (300...399).contains(response.status), let location = response.headers.first(name: "Location") {
                    guard redirects < 5, let next = URL(string: location, relativeTo: url)?.absoluteURL else {
                        throw ArmoxError.refused("\(label): too many redirects (last to \(location))")
                    }
                    redirects += 1
                    if !TransportSecurity.sameOrigin(url, next) {
                        // A redirect to another origin never carries the Authorization header.
                        guard method == .GET else {
                            throw ArmoxError.refused("\(label): the server redirected to \(next.host ?? location); not re-sending a \(method.rawValue) with your key to another host")
                        }
                        sendKey = false
                    }
                    url = next
                    continue
                }
                if response.status == 429, attempt < policy.maxAttempts {
                    let wait = policy.waitAfterRateLimit(retryAfter: response.headers.first(name: "Retry-After"), afterAttempt: attempt)
                    // The limiter refused the request: nothing was accepted, so even a run may be re-sent.
                    if wait <= policy.maxRetryAfter {
                        traceLine("… 429 on \(label): waiting \(wait) before attempt \(attempt + 1)")
                        try await Task.sleep(for: wait + .milliseconds(Int.random(in: 0...250)))
                        attempt += 1
                        continue
                    }
                }
                if !sendKey, response.status == 401 || response.status == 403 {
                    // Its "missing token" is about the key armox kept back, not a bad key.
                    throw ArmoxError.refused(
                        "\(label): the server redirected to \(url.host ?? "another host"), another origin, which asks for a key (HTTP \(response.status)); armox never sends your key to another host")
                }
                if response.status >= 500, idempotence == .safe, attempt < policy.maxAttempts {
                    try await backoff(after: attempt, label: label, reason: "HTTP \(response.status)")
                    attempt += 1
                    continue
                }
                return response
            } catch let error as ArmoxError {
                if case .transport(let failure) = error, failure.staleConnection, !fresh, !resentFresh {
                    // A pooled connection that had closed while it sat idle:
                    // nothing was written, so it is not ambiguous. Once, at
                    // once, on a connection of its own. (On a connection of
                    // its own, as every run has, a closed channel means the
                    // server closed it while the request was being written:
                    // that is never re-sent.)
                    traceLine("… \(label): the kept-alive connection had been closed before the request was written; sending it on a fresh connection")
                    fresh = true
                    resentFresh = true
                    continue
                }
                fresh = ownConnection
                guard attempt < policy.maxAttempts, mayRetry(error, idempotence) else { throw error }
                try await backoff(after: attempt, label: label, reason: error.description)
                attempt += 1
            }
        }
    }

    /// armox never provokes a 429 on its own: when the server's last answer
    /// said no request remains in the window, the next one waits until the
    /// window has certainly freed a slot (`X-RateLimit-Reset` read the latest
    /// way its precision allows, `RateLimitStatus.freesBy`; at most a
    /// minute), with a little jitter so several clients do not wake in step.
    func waitForRateLimitWindow(_ label: String) async throws {
        guard let status = rateLimit, let remaining = status.remaining, remaining <= 0, let reset = status.freesBy else { return }
        let wait = min(60, reset.timeIntervalSinceNow)
        guard wait > 0 else { return }
        traceLine("… rate limit spent: \(label) waits \(WholeNumber.text((wait * 10).rounded() / 10)) s for the window")
        try await Task.sleep(for: .seconds(wait) + .milliseconds(Int.random(in: 20...200)))
    }

    /// The once-only rule of `RetryPolicy`: a GET may be repeated after any
    /// transport failure; a run or cancel only when nothing reached the
    /// server (the connection failed before the request was written).
    ///
    /// A timeout is not retried, GET or not: a server that took the whole
    /// `requestTimeout` once is unlikely to be quick the next instant, and
    /// four attempts would make the user wait four timeouts for an error.
    /// The timeout is the longest one request makes anyone wait; the waiter
    /// polls again on its own schedule.
    private func mayRetry(_ error: ArmoxError, _ idempotence: Idempotence) -> Bool {
        switch error {
        case .transport(let failure):
            return idempotence == .safe || !failure.requestMayHaveBeenProcessed
        default:
            return false
        }
    }

    func backoff(after attempt: Int, label: String, reason: String) async throws {
        let wait = configuration.retry.backoff(afterAttempt: attempt)
        traceLine("… \(label) failed (\(reason)): retrying in \(wait)")
        try await Task.sleep(for: wait)
    }

    /// One HTTP request and its whole answer, within `requestTimeout`; with
    /// `fresh`, on a one-off client of its own (so on a new connection, not
    /// one from the pool), shut down afterwards.
    private func sendOnce(
        _ method: HTTPMethod, url: URL, body: Data?, sendKey: Bool, label: String, fresh: Bool, cap: Int
    ) async throws -> RawResponse {
        guard fresh else { return try await sendOnce(method, url: url, body: body, sendKey: sendKey, label: label, on: http, cap: cap) }
        let oneOff = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
        do {
            let response = try await sendOnce(method, url: url, body: body, sendKey: sendKey, label: label, on: oneOff, cap: cap)
            try? await oneOff.shutdown()
            return response
        } catch {
            try? await oneOff.shutdown()
            throw error
        }
    }

    /// `cap`: the most a 2xx answer may be; an error status's body is read
    /// only up to `maxErrorBytes` (its message comes first), the rest left.
    private func sendOnce(
        _ method: HTTPMethod, url: URL, body: Data?, sendKey: Bool, label: String, on http: HTTPClient, cap: Int
    ) async throws -> RawResponse {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "armox/\(ArmoxClient.version)")
        if sendKey {
            guard let key = configuration.apiKey else { throw ArmoxError.missingAPIKey }
            try TransportSecurity.checkKeyMayBeSent(to: url)
            request.headers.add(name: "Authorization", value: "Bearer \(key)")
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let shown = scrub(url.absoluteString)
        traceLine("→ \(method.rawValue) \(shown)" + (sendKey ? " (Authorization: Bearer \(APIKeyRedaction.redacted(configuration.apiKey ?? "")))" : "") + (body.map { " \($0.count) bytes: \(scrub(String(decoding: $0.prefix(300), as: UTF8.self)))" } ?? ""))
        let started = ContinuousClock.now
        let timeout = configuration.requestTimeout
        let limit = cap
        let errorLimit = configuration.maxErrorBytes
        let prepared = request
        let response: RawResponse
        do {
            response = try await withThrowingTaskGroup(of: RawResponse?.self) { group in
                group.addTask {
                    let answer = try await http.execute(prepared, timeout: .nanoseconds(Int64(timeout.seconds * 1e9)))
                    let status = Int(answer.status.code)
                    if !(200...299).contains(status) {
                        // An error's message is at the start of its body: the rest is not read.
                        var bytes: [UInt8] = []
                        for try await chunk in answer.body {
                            bytes.append(contentsOf: chunk.readableBytesView.prefix(errorLimit - bytes.count))
                            if bytes.count >= errorLimit { break }
                        }
                        return RawResponse(status: status, headers: answer.headers, body: bytes, request: label)
                    }
                    // Refused as soon as the head announces too much; read up to the cap otherwise.
                    let announced = answer.headers.first(name: "Content-Length").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                    if let length = announced, length > limit {
                        throw ArmoxError.tooLarge(OversizedResponse(request: label, status: status, bytes: length, cap: limit))
                    }
                    var bytes: [UInt8] = []
                    // A declared length is reserved at once (it is under the cap): no regrowth.
                    if let length = announced, length > 0 { bytes.reserveCapacity(length) }
                    for try await chunk in answer.body {
                        if bytes.count + chunk.readableBytes > limit {
                            throw ArmoxError.tooLarge(OversizedResponse(request: label, status: status, bytes: nil, cap: limit))
                        }
                        bytes.append(contentsOf: chunk.readableBytesView)
                    }
                    return RawResponse(status: Int(answer.status.code), headers: answer.headers, body: bytes, request: label)
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let answer = first else {
                    throw ArmoxError.timedOut(seconds: timeout.seconds, request: label)
                }
                return answer
            }
        } catch let error as ArmoxError {
            traceLine("✗ \(label): \(error.description)")
            throw error
        } catch {
            // Ctrl-C at the prompt cancels the statement's task: that is not a
            // transport failure, and nothing may retry it.
            if Task.isCancelled || error is CancellationError { throw CancellationError() }
            let failure = ArmoxClient.classify(error, label: label, target: TransportSecurity.endpoint(url), timeout: timeout)
            traceLine("✗ \(label): \(failure.description)")
            throw failure
        }
        let elapsed = ContinuousClock.now - started
        let limits = RateLimitStatus(headerValue: { response.headers.first(name: $0) })
        if let limits { recordRateLimit(limits) }
        traceLine("← \(response.status) \(label) \(response.body.count) bytes in \(elapsed.formatted(.units(allowed: [.milliseconds])))" + (limits.map { " (rate limit \($0.remaining.map(String.init) ?? "?")/\($0.limit.map(String.init) ?? "?") left)" } ?? ""))
        return response
    }

    /// `16 MiB`, `512 KiB`, `100 bytes`.
    static func byteSize(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    /// Sorts a low-level failure into "certainly not sent" and "maybe processed".
    static func classify(_ error: any Error, label: String, target: String, timeout: Duration) -> ArmoxError {
        if let client = error as? HTTPClientError {
            switch client {
            case .connectTimeout, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout:
                return .transport(TransportFailure(request: label, reason: "could not connect to \(target) (\(client))", requestMayHaveBeenProcessed: false))
            case .invalidURL, .emptyHost, .emptyScheme:
                return .refused("\(label): invalid URL")
            case .deadlineExceeded, .readTimeout:
                return .timedOut(seconds: timeout.seconds, request: label)
            case .remoteConnectionClosed:
                return .transport(TransportFailure(request: label, reason: "the server closed the connection before answering completely", requestMayHaveBeenProcessed: true))
            default:
                return .transport(TransportFailure(request: label, reason: "\(client)", requestMayHaveBeenProcessed: true))
            }
        }
        if error is NIOConnectionError {
            return .transport(TransportFailure(request: label, reason: "could not connect to \(target): \(connectionReason(error))", requestMayHaveBeenProcessed: false))
        }
        if let io = error as? IOError {
            let notConnected = [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL].contains(io.errnoCode)
            return .transport(TransportFailure(request: label, reason: notConnected ? "could not connect to \(target): \(String(cString: strerror(io.errnoCode)).lowercased())" : io.description, requestMayHaveBeenProcessed: !notConnected))
        }
        if let channel = error as? ChannelError, case .connectTimeout = channel {
            return .transport(TransportFailure(request: label, reason: "could not connect to \(target) (timed out)", requestMayHaveBeenProcessed: false))
        }
        if let channel = error as? ChannelError, case .ioOnClosedChannel = channel {
            // The pool handed the request to a kept-alive connection whose
            // channel had closed (the server let it go while it sat idle):
            // AsyncHTTPClient fails it before writing anything
            // (`HTTP1Connection.execute0`), and NIO fails a write to a closed
            // channel without sending a byte.
            return .transport(
                TransportFailure(
                    request: label, reason: "the kept-alive connection to \(target) had been closed before the request was written",
                    requestMayHaveBeenProcessed: false, staleConnection: true))
        }
        if error is CancellationError {
            return .transport(TransportFailure(request: label, reason: "cancelled", requestMayHaveBeenProcessed: true))
        }
        let text = String(describing: error)
        return .transport(TransportFailure(request: label, reason: text, requestMayHaveBeenProcessed: true))
    }

    private static func connectionReason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("refused") || text.contains("111") { return "connection refused" }
        if text.contains("UnknownHost") || text.contains("DNS") { return "the host name could not be resolved (DNS)" }
        return text
    }

    static func queryString(_ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return "" }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return "?" + query.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }.joined(separator: "&")
    }
}
