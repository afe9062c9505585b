/// A failure the sandbox plays on purpose, so clients can be tested against
/// the ways a real network and a real backend misbehave.
///
/// Faults are injected per endpoint (`SandboxServer.inject(_:on:times:)` or
/// `POST /_sandbox/faults`) and consumed first in, first out: each request that
/// reaches the endpoint takes one, whether or not it is authenticated. Faults
/// come before authentication and rate limiting, as an outage would.
///
/// ## JSON form
/// Used by the control surface (`POST /_sandbox/faults`); `kind` names the case:
/// ```json
/// {"kind": "status", "status": 500, "message": "Internal server error"}
/// {"kind": "delay", "seconds": 1.5}
/// {"kind": "dropConnection"}
/// {"kind": "malformedJSON"}
/// {"kind": "truncatedJSON"}
/// {"kind": "lostReply"}
/// {"kind": "rateLimited", "retryAfter": 30}
/// {"kind": "body", "status": 200, "body": "{\"id\": 42, \"status\": \"completed\"}"}
/// {"kind": "body", "status": 200, "body": "{\"id\": \"{{id}}\", \"status\": \"queued\"}", "carryOut": true}
/// {"kind": "oversized", "bytes": 17000000}
/// {"kind": "slowBody", "seconds": 5}
/// {"kind": "endless", "pieceBytes": 65536, "pause": 0}
/// ```
/// A case without values may also be written as a bare string:
/// `"dropConnection"`. For `status`, `message` is optional (a standard message
/// for the status is used). For `body`, `carryOut` is optional (false).
public enum SandboxFault: Sendable, Codable, Equatable {
    /// Answer with this status and `{"error": message}`; nothing is carried out.
    case status(Int, message: String)
    /// Carry the request out and answer normally, after waiting this long.
    case delay(seconds: Double)
    /// Close the connection before writing any response; nothing is carried out
    /// (a run is not accepted). Clients see the connection closed by the peer.
    case dropConnection
    /// Answer 200 with a body that is not JSON; nothing is carried out.
    case malformedJSON
    /// Carry the request out, then send its real status with the first half of
    /// its JSON body (`Content-Length` matches the cut body, so the client
    /// receives a complete response whose JSON is broken). A run is accepted.
    case truncatedJSON
    /// Carry the request out (a run is accepted, charged and in the ledger),
    /// then close the connection without writing the response.
    case lostReply
    /// Answer 429 `Rate limit exceeded` with `Retry-After: retryAfter`, without
    /// touching the real rate-limit window.
    case rateLimited(retryAfter: Int)
    /// Answer with exactly this status and body (as `application/json`): for
    /// what a parser must survive, like wrong types in known fields or a job
    /// status no client knows. Without `carryOut` nothing is carried out (a
    /// run is not accepted). With it, the request is carried out first (a run
    /// is accepted and charged: the server acted and its reply is
    /// unreadable), its real answer's headers are kept, and every `{{id}}` in
    /// `body` becomes the `id` of that real answer (the job the run created or
    /// the poll read), so a test can answer for a job it cannot know yet.
    case body(status: Int, body: String, carryOut: Bool = false)
    /// Answer 200 with a well-formed JSON object of exactly `bytes` bytes
    /// (`{"padding": "xxx…"}`, streamed, never held whole in memory), for a
    /// client's response size cap; nothing is carried out. At least 2 bytes
    /// and at most 1 GiB.
    case oversized(bytes: Int)
    /// Carry the request out, send the real status and headers at once, then
    /// trickle the real body over `seconds` (in small pieces, evenly spaced,
    /// `Content-Length` exact): a server that answers but never finishes, for
    /// a client's whole-answer timeout. A run is accepted.
    case slowBody(seconds: Double)
    /// Answer 200 (`application/octet-stream`, no `Content-Length`) with a
    /// body that does not end: `pieceBytes` bytes, then `pause` seconds, and
    /// again, until the client goes away (or an hour, or 64 GiB, pass):
    /// a flood (64 KiB, no pause) or a trickle (1 byte every 2 s), for a
    /// client's download bounds. Nothing is carried out.
    case endless(pieceBytes: Int, pause: Double)

    /// Largest `oversized` body: enough to pass any sane client cap many
    /// times over, small enough that a runaway test cannot fill a disk.
    public static let maxOversizedBytes = 1 << 30

    private enum CodingKeys: String, CodingKey {
        case kind, status, message, seconds, retryAfter, body, carryOut, bytes, pieceBytes, pause
    }

    private enum Kind: String, Codable {
        case status, delay, dropConnection, malformedJSON, truncatedJSON, lostReply, rateLimited, body, oversized, slowBody, endless
    }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            switch Kind(rawValue: name) {
            case .dropConnection: self = .dropConnection
            case .malformedJSON: self = .malformedJSON
            case .truncatedJSON: self = .truncatedJSON
            case .lostReply: self = .lostReply
            case .status, .delay, .rateLimited, .body, .oversized, .slowBody, .endless, nil:
                throw DecodingError.dataCorruptedError(
                    in: single,
                    debugDescription: "fault \"\(name)\" needs the object form, e.g. {\"kind\": \"status\", \"status\": 500}"
                )
            }
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .status:
            let status = try Self.status(in: container)
            let message = try container.decodeIfPresent(String.self, forKey: .message)
            self = .status(status, message: message ?? Self.standardMessage(for: status))
        case .delay:
            self = .delay(seconds: try Self.seconds(in: container))
        case .body:
            self = .body(
                status: try Self.status(in: container), body: try container.decode(String.self, forKey: .body),
                carryOut: try container.decodeIfPresent(Bool.self, forKey: .carryOut) ?? false)
        case .oversized:
            let bytes = try container.decode(Int.self, forKey: .bytes)
            guard (2...Self.maxOversizedBytes).contains(bytes) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .bytes, in: container, debugDescription: "bytes must be between 2 and \(Self.maxOversizedBytes)")
            }
            self = .oversized(bytes: bytes)
        case .slowBody:
            self = .slowBody(seconds: try Self.seconds(in: container))
        case .endless:
            let piece = try container.decode(Int.self, forKey: .pieceBytes)
            let pause = try container.decode(Double.self, forKey: .pause)
            guard (1...(1 << 20)).contains(piece), pause.isFinite, (0...3_600).contains(pause) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .pieceBytes, in: container, debugDescription: "pieceBytes must be 1 to 1048576, pause 0 to 3600 seconds")
            }
            self = .endless(pieceBytes: piece, pause: pause)
        case .dropConnection: self = .dropConnection
        case .malformedJSON: self = .malformedJSON
        case .truncatedJSON: self = .truncatedJSON
        case .lostReply: self = .lostReply
        case .rateLimited:
            self = .rateLimited(retryAfter: try container.decodeIfPresent(Int.self, forKey: .retryAfter) ?? 60)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .status(let status, let message):
            try container.encode(Kind.status, forKey: .kind)
            try container.encode(status, forKey: .status)
            try container.encode(message, forKey: .message)
        case .delay(let seconds):
            try container.encode(Kind.delay, forKey: .kind)
            try container.encode(seconds, forKey: .seconds)
        case .dropConnection: try container.encode(Kind.dropConnection, forKey: .kind)
        case .malformedJSON: try container.encode(Kind.malformedJSON, forKey: .kind)
        case .truncatedJSON: try container.encode(Kind.truncatedJSON, forKey: .kind)
        case .lostReply: try container.encode(Kind.lostReply, forKey: .kind)
        case .rateLimited(let retryAfter):
            try container.encode(Kind.rateLimited, forKey: .kind)
            try container.encode(retryAfter, forKey: .retryAfter)
        case .body(let status, let body, let carryOut):
            try container.encode(Kind.body, forKey: .kind)
            try container.encode(status, forKey: .status)
            try container.encode(body, forKey: .body)
            try container.encode(carryOut, forKey: .carryOut)
        case .oversized(let bytes):
            try container.encode(Kind.oversized, forKey: .kind)
            try container.encode(bytes, forKey: .bytes)
        case .slowBody(let seconds):
            try container.encode(Kind.slowBody, forKey: .kind)
            try container.encode(seconds, forKey: .seconds)
        case .endless(let piece, let pause):
            try container.encode(Kind.endless, forKey: .kind)
            try container.encode(piece, forKey: .pieceBytes)
            try container.encode(pause, forKey: .pause)
        }
    }

    private static func status(in container: KeyedDecodingContainer<CodingKeys>) throws -> Int {
        let status = try container.decode(Int.self, forKey: .status)
        guard (100...599).contains(status) else {
            throw DecodingError.dataCorruptedError(
                forKey: .status, in: container, debugDescription: "status must be between 100 and 599")
        }
        return status
    }

    private static func seconds(in container: KeyedDecodingContainer<CodingKeys>) throws -> Double {
        let seconds = try container.decode(Double.self, forKey: .seconds)
        guard seconds.isFinite, seconds >= 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .seconds, in: container, debugDescription: "seconds must be a non-negative number")
        }
        return seconds
    }

    /// The message a `status` fault without one carries.
    static func standardMessage(for status: Int) -> String {
        switch status {
        case 400: return "Bad request"
        case 401: return "Invalid API key"
        case 402: return "Insufficient credits"
        case 403: return "Public API access requires Agency, Master/Business, or Enterprise plan."
        case 404: return "Not found"
        case 409: return "Conflict"
        case 429: return "Rate limit exceeded"
        case 502: return "Bad gateway"
        case 503: return "Service unavailable"
        case 504: return "Gateway timeout"
        default: return "Internal server error"
        }
    }
}
