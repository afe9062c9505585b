import Foundation

/// Everything the client can fail with. Descriptions are for people: they keep
/// the server's own message and never contain the API key.
public enum ArmoxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server answered with an error status and (usually) `{ "error": "..." }`.
    case api(APIError)
    /// The exchange failed below HTTP: refused connection, reset, TLS, DNS.
    case transport(TransportFailure)
    /// No complete answer within the time allowed.
    case timedOut(seconds: Double, request: String)
    /// The server answered 2xx (or an error status) with a body we could not read.
    case malformedResponse(MalformedResponse)
    /// A well-formed 2xx answer larger than the cap for its kind (never read whole).
    case tooLarge(OversizedResponse)
    /// The request was refused here, before connecting (plain http with a key, bad URL, redirect).
    case refused(String)
    /// No API key is configured.
    case missingAPIKey

    public var description: String {
        switch self {
        case .api(let e): return e.description
        case .transport(let t): return t.description
        case .timedOut(let s, let request): return "\(request): no complete answer within \(WholeNumber.text((s * 10).rounded() / 10)) s"
        case .malformedResponse(let m): return m.description
        case .tooLarge(let o): return o.description
        case .refused(let why): return why
        case .missingAPIKey:
            return "no API key: set ARMOX_API_KEY, run `armox login`, or try `armox --sandbox`"
        }
    }

    /// True when a run request may have been accepted (and charged) even though
    /// no answer arrived: the caller must not send it again blindly.
    public var runMayHaveBeenAccepted: Bool {
        switch self {
        case .transport(let t): return t.requestMayHaveBeenProcessed
        case .timedOut: return true
        case .malformedResponse, .tooLarge: return true
        case .api(let e): return e.status >= 500
        default: return false
        }
    }
}

/// An error status from the API with the server's own message.
public struct APIError: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case badRequest, unauthorized, paymentRequired, forbidden, notFound, conflict, rateLimited, server, other
    }

    public let status: Int
    public let message: String
    /// Seconds from `Retry-After`, on a 429.
    public let retryAfter: Int?
    /// `METHOD /path` of the request that failed.
    public let request: String

    public init(status: Int, message: String, retryAfter: Int? = nil, request: String) {
        self.status = status
        self.message = message
        self.retryAfter = retryAfter
        self.request = request
    }

    public var kind: Kind {
        switch status {
        case 400: .badRequest
        case 401: .unauthorized
        case 402: .paymentRequired
        case 403: .forbidden
        case 404: .notFound
        case 409: .conflict
        case 429: .rateLimited
        case 500...599: .server
        default: .other
        }
    }

    /// The server's message; for a 429 or a 5xx — the server's state, not
    /// the user's request, after the client's own retries — also the request
    /// and the status, so "GET /jobs/job_1: HTTP 503: Service unavailable"
    /// says what failed and how.
    public var description: String {
        var text = message
        if kind == .rateLimited, let retryAfter { text += " (retry after \(retryAfter) s)" }
        guard kind == .server || kind == .rateLimited else { return text }
        // A body that was not the error shape already reads "HTTP 502 Bad Gateway: …".
        return text.hasPrefix("HTTP \(status)") ? "\(request): \(text)" : "\(request): HTTP \(status): \(text)"
    }
}

public struct TransportFailure: Sendable, Equatable, CustomStringConvertible {
    public let request: String
    public let reason: String
    /// False only when the connection failed before any byte of the request was
    /// written (refused, unreachable, DNS, connect timeout): the server cannot have acted on it.
    public let requestMayHaveBeenProcessed: Bool
    /// The request was handed to a kept-alive connection the server had
    /// already closed (NIO's `ioOnClosedChannel`): nothing was written, and
    /// a fresh connection will most likely carry it.
    public let staleConnection: Bool

    public init(request: String, reason: String, requestMayHaveBeenProcessed: Bool, staleConnection: Bool = false) {
        self.request = request
        self.reason = reason
        self.requestMayHaveBeenProcessed = requestMayHaveBeenProcessed
        self.staleConnection = staleConnection
    }

    public var description: String { "\(request): \(reason)" }
}

public struct MalformedResponse: Sendable, Equatable, CustomStringConvertible {
    public let request: String
    public let status: Int
    public let reason: String
    /// The start of the body, printable, for the user to see what came back.
    public let excerpt: String

    public init(request: String, status: Int, reason: String, body: [UInt8]) {
        self.request = request
        self.status = status
        self.reason = reason
        self.excerpt = MalformedResponse.excerpt(of: body)
    }

    static func excerpt(of body: [UInt8], limit: Int = 120) -> String {
        if body.isEmpty { return "(empty body)" }
        let text = String(decoding: body.prefix(limit), as: UTF8.self)
        let printable = String(text.unicodeScalars.map { scalar -> Character in
            scalar.value < 0x20 || scalar.value == 0x7F ? " " : Character(scalar)
        })
        return body.count > limit ? printable + "…" : printable
    }

    public var description: String {
        "\(request): malformed response (HTTP \(status)): \(reason); body starts: \(excerpt)"
    }
}

/// An answer over the cap for its kind of request: how large it said it was
/// (or that it passed the cap while streaming), and the cap.
public struct OversizedResponse: Sendable, Equatable, CustomStringConvertible {
    public let request: String
    public let status: Int
    /// The `Content-Length` it announced; nil when it streamed past the cap.
    public let bytes: Int?
    public let cap: Int

    public init(request: String, status: Int, bytes: Int?, cap: Int) {
        self.request = request
        self.status = status
        self.bytes = bytes
        self.cap = cap
    }

    public var description: String {
        let size = bytes.map { "\($0) bytes" } ?? "more than \(cap) bytes"
        return "\(request): the answer is too large (\(size), the cap is \(cap) bytes, \(ArmoxClient.byteSize(cap)))"
    }
}
