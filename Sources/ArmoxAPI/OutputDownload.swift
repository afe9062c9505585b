import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The head of the answer an output download is about to stream: what the
/// caller needs to pick a file name before the first byte of the body is taken.
public struct DownloadResponseHead: Sendable, Equatable {
    /// The URL the bytes come from, after redirects.
    public let url: String
    public let status: Int
    /// `Content-Type` as sent (parameters included), when there is one.
    public let contentType: String?
    /// `Content-Length`, when the server declared one.
    public let contentLength: Int64?

    public init(url: String, status: Int, contentType: String?, contentLength: Int64?) {
        self.url = url
        self.status = status
        self.contentType = contentType
        self.contentLength = contentLength
    }

    /// The media type alone, lowercased: `image/png` for `Image/PNG; charset=x`.
    public var mediaType: String? { Self.mediaType(of: contentType) }

    /// The media type of a `Content-Type` value alone, lowercased.
    public static func mediaType(of contentType: String?) -> String? {
        guard let contentType else { return nil }
        let type = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let trimmed = type.trimmingCharacters(in: .whitespaces).lowercased()
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// What `downloadOutput` fetched.
public struct DownloadedOutput: Sendable, Equatable {
    /// The URL the bytes came from, after redirects.
    public let url: String
    /// `Content-Type` as sent, when there is one.
    public let contentType: String?
    /// Bytes handed to the writer, which is the whole body.
    public let byteCount: Int64
}

extension ArmoxClient {
    /// Longest redirect chain followed for an output URL.
    static let maxDownloadRedirects = 5
    /// Largest error body read to build an error message.
    static let maxErrorBodyBytes = 64 * 1024

    /// Fetches a job output (a public storage URL) and streams its body to `write`,
    /// chunk by chunk; nothing is held in memory beyond one chunk.
    ///
    /// - Never sends the API key or any `Authorization` header: output URLs are
    ///   public, and may point at any host.
    /// - `GET` only; http and https only; up to 5 redirects, followed here (the
    ///   transport is configured not to follow them), each target checked again.
    /// - Failures before the first byte reached `write` (connection refused,
    ///   429, 5xx) are retried per `configuration.retry`; after that, never: the
    ///   caller's sink already holds bytes.
    /// - Errors: an error status is `ArmoxError.api` with the URL in its message;
    ///   transport failures `ArmoxError.transport`, stalls `.timedOut` (the head
    ///   must arrive within `requestTimeout`, and the body must not stall for
    ///   longer than it, nor bring less than `minimumProgressBytes` in any
    ///   stretch of that length: a body trickled a byte at a time ends too); a
    ///   body shorter than its `Content-Length` is a `.transport` failure; a
    ///   body over `maxBytes` (by default `configuration.maxDownloadBytes`) is
    ///   `.refused`, declared or not, and nothing more of it is read.
    ///   Cancelling the task throws `CancellationError`. Whatever `onResponse`
    ///   or `write` throw is rethrown as is (the body is then abandoned).
    ///
    /// - Parameters:
    ///   - onResponse: called once with the 2xx head, before any byte of the body;
    ///     throw to abandon the download without reading the body.
    ///   - write: receives the body in order; the buffer is valid only during the call.
    public func downloadOutput(
        from url: String,
        maxBytes: Int64? = nil,
        onResponse: (DownloadResponseHead) throws -> Void = { _ in },
        write: (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> DownloadedOutput {
        var current = try ArmoxClient.outputURL(url)
        let maxBytes = maxBytes ?? configuration.maxDownloadBytes
        let policy = configuration.retry
        var redirects = 0
        var attempt = 1
        while true {
            try Task.checkCancellation()
            let label = scrub("GET \(ArmoxClient.shown(current))")
            let response: HTTPClientResponse
            do {
                response = try await openOutput(current, label: label)
            } catch let error as ArmoxError {
                guard attempt < policy.maxAttempts, ArmoxClient.mayRetryDownload(error) else { throw error }
                try await backoff(after: attempt, label: label, reason: error.description)
                attempt += 1
                continue
            }
            let status = Int(response.status.code)
            if (300...399).contains(status), let location = response.headers.first(name: "Location") {
                guard redirects < ArmoxClient.maxDownloadRedirects else {
                    throw ArmoxError.refused("\(label): too many redirects (more than \(ArmoxClient.maxDownloadRedirects); last to \(scrub(location)))")
                }
                guard let next = URL(string: location, relativeTo: current)?.absoluteURL else {
                    throw ArmoxError.refused("\(label): redirected to an invalid URL \"\(scrub(location))\"")
                }
                let target = try ArmoxClient.outputURL(next.absoluteString, redirectedFrom: label)
                redirects += 1
                traceLine("… \(label): \(status) redirect to \(ArmoxClient.shown(target))")
                current = target
                continue
            }
            guard (200...299).contains(status) else {
                let body = try await readErrorBody(response, label: label)
                let raw = RawResponse(status: status, headers: response.headers, body: body, request: label)
                if status == 429 || status >= 500, attempt < policy.maxAttempts {
                    let wait = status == 429
                        ? policy.waitAfterRateLimit(retryAfter: response.headers.first(name: "Retry-After"), afterAttempt: attempt)
                        : policy.backoff(afterAttempt: attempt)
                    if wait <= policy.maxRetryAfter {
                        traceLine("… \(label) answered \(status): retrying in \(wait)")
                        try await Task.sleep(for: wait)
                        attempt += 1
                        continue
                    }
                }
                let base = apiError(from: raw)
                throw ArmoxError.api(APIError(status: base.status, message: scrub("\(ArmoxClient.shown(current)): \(base.message)"), retryAfter: base.retryAfter, request: label))
            }
            let length = response.headers.first(name: "Content-Length").flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
            let head = DownloadResponseHead(url: current.absoluteString, status: status, contentType: response.headers.first(name: "Content-Type"), contentLength: length)
            if let length, length > maxBytes {
                throw ArmoxClient.tooLarge(label, bytes: length, cap: maxBytes)
            }
            try onResponse(head)
            let started = ContinuousClock.now
            let count = try await stream(response.body, label: label, status: status, target: current, maxBytes: maxBytes, write: write)
            try Task.checkCancellation()
            if let length, count != length {
                throw ArmoxError.transport(TransportFailure(request: label, reason: "the connection ended after \(count) of \(length) bytes", requestMayHaveBeenProcessed: true))
            }
            traceLine("← \(status) \(label) \(count) bytes in \((ContinuousClock.now - started).formatted(.units(allowed: [.milliseconds])))")
            return DownloadedOutput(url: current.absoluteString, contentType: head.contentType, byteCount: count)
        }
    }

    /// Sends the GET (without a key) and returns once the head has arrived,
    /// within `requestTimeout`.
    private func openOutput(_ url: URL, label: String) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "armox/\(ArmoxClient.version)")
        request.headers.add(name: "Accept", value: "*/*")
        traceLine("→ \(label) (no key: output URLs are public)")
        let timeout = configuration.requestTimeout
        do {
            return try await http.execute(request, timeout: .nanoseconds(Int64(timeout.seconds * 1e9)))
        } catch {
            if Task.isCancelled { throw CancellationError() }
            let failure = ArmoxClient.classify(error, label: label, target: TransportSecurity.endpoint(url), timeout: timeout)
            traceLine("✗ \(label): \(failure.description)")
            throw failure
        }
    }

    /// Hands the body to `write` chunk by chunk; returns the byte count.
    private func stream(
        _ body: HTTPClientResponse.Body, label: String, status: Int, target: URL, maxBytes: Int64,
        write: (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> Int64 {
        var count: Int64 = 0
        var chunks = body.makeAsyncIterator()
        let clock = ContinuousClock()
        let window = configuration.requestTimeout
        var windowStart = clock.now
        var windowBytes: Int64 = 0
        while true {
            let next: ByteBuffer?
            do {
                next = try await chunks.next()
            } catch {
                if Task.isCancelled || error is CancellationError { throw CancellationError() }
                let failure = ArmoxClient.classify(error, label: label, target: TransportSecurity.endpoint(target), timeout: configuration.requestTimeout)
                let reason: String
                if case .transport(let t) = failure {
                    reason = "\(t.reason) (after \(count) bytes of the body)"
                    traceLine("✗ \(label): \(reason)")
                    throw ArmoxError.transport(TransportFailure(request: label, reason: reason, requestMayHaveBeenProcessed: true))
                }
                traceLine("✗ \(label): \(failure.description)")
                throw failure
            }
            guard let chunk = next else { return count }
            let size = Int64(chunk.readableBytes)
            if count + size > maxBytes {
                throw ArmoxClient.tooLarge(label, bytes: nil, cap: maxBytes)
            }
            try chunk.withUnsafeReadableBytes { try write($0) }
            count += size
            windowBytes += size
            if clock.now - windowStart >= window {
                // Bytes keep coming, but too few to call it a download.
                guard windowBytes >= ArmoxClient.minimumProgressBytes else {
                    traceLine("✗ \(label): stalled (\(windowBytes) bytes in \(window.seconds) s)")
                    let reason = "the download stalled: \(windowBytes) bytes in the last \(WholeNumber.text(window.seconds)) s (\(count) in all; ARMOX_TIMEOUT sets the time)"
                    throw ArmoxError.transport(TransportFailure(request: label, reason: reason, requestMayHaveBeenProcessed: true))
                }
                windowStart = clock.now
                windowBytes = 0
            }
        }
    }

    /// Fewer bytes than this in a stretch of `requestTimeout` is a stalled download.
    static let minimumProgressBytes: Int64 = 1024

    /// A download past its cap, declared (`bytes`) or found while reading.
    static func tooLarge(_ label: String, bytes: Int64?, cap: Int64) -> ArmoxError {
        let size = bytes.map { "\($0) bytes" } ?? "more than \(cap) bytes"
        return ArmoxError.refused("\(label): the file is too large (\(size); the cap is \(cap) bytes, set with ARMOX_MAX_DOWNLOAD)")
    }

    /// The start of an error answer's body, to quote the server.
    private func readErrorBody(_ response: HTTPClientResponse, label: String) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            for try await chunk in response.body {
                bytes.append(contentsOf: chunk.readableBytesView.prefix(ArmoxClient.maxErrorBodyBytes - bytes.count))
                if bytes.count >= ArmoxClient.maxErrorBodyBytes { break }
            }
        } catch {
            if Task.isCancelled { throw CancellationError() }
            // The status is what matters; a body cut short still says enough.
        }
        return bytes
    }

    /// Only failures that happened before any byte of the body was taken reach here.
    private static func mayRetryDownload(_ error: ArmoxError) -> Bool {
        switch error {
        case .transport, .timedOut: return true
        default: return false
        }
    }

    /// An absolute http(s) URL with a host, or `ArmoxError.refused`.
    public static func outputURL(_ text: String, redirectedFrom: String? = nil) throws -> URL {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let context = redirectedFrom.map { "\($0): redirected to " } ?? ""
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased() else {
            throw ArmoxError.refused("\(context)not a URL: \"\(trimmed)\"")
        }
        guard scheme == "http" || scheme == "https" else {
            throw ArmoxError.refused("\(context)\(shown(url)): only http and https URLs can be downloaded")
        }
        guard let host = url.host, !host.isEmpty else {
            throw ArmoxError.refused("\(context)\"\(trimmed)\": the URL has no host")
        }
        return url
    }

    /// A URL as messages show it: without user info, and with the query (often
    /// a storage signature) reduced to `?…`.
    static func shown(_ url: URL) -> String {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return url.absoluteString }
        parts.user = nil
        parts.password = nil
        let hadQuery = parts.percentEncodedQuery != nil
        parts.percentEncodedQuery = nil
        parts.fragment = nil
        return (parts.string ?? url.absoluteString) + (hadQuery ? "?…" : "")
    }
}
