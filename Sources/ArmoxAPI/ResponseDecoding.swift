import Foundation
import NIOHTTP1

/// How an answer of the API becomes a value or an `ArmoxError`.
///
/// This is the code `ArmoxClient` runs on every answer it reads (its
/// "Decoding" section only adds the transport and key scrubbing), public so
/// the fuzz targets (`Fuzz/ArmoxFuzzTargets`) and tests drive the real path
/// with any bytes, no server needed.
///
/// Every function here throws only `ArmoxError`: `.api` for an error status
/// (with the server's own message), `.malformedResponse` for a 2xx body it
/// cannot read (with a printable excerpt).
public enum ResponseDecoding {
    /// A list answer, `{ "object": "list", "data": [...] }` (`GET /models`,
    /// `/apps`, `/jobs`). Entries that cannot be read are skipped, so one bad
    /// entry does not sink the whole list.
    ///
    /// - Parameters:
    ///   - retryAfter: the answer's `Retry-After` header, if any.
    ///   - request: `METHOD /path`, for messages.
    ///   - scrub: applied to anything taken from the body before it reaches an
    ///     error (the client removes its API key there).
    public static func list<T: Decodable>(
        _ type: T.Type, status: Int, body: [UInt8], retryAfter: String? = nil, request: String,
        scrub: (String) -> String = { $0 }
    ) throws -> [T] {
        try listing(T.self, status: status, body: body, retryAfter: retryAfter, request: request, scrub: scrub).items
    }

    /// A list answer as `list` reads it, with how many entries were skipped,
    /// so a caller can say that a list is short rather than empty.
    public static func listing<T: Decodable>(
        _ type: T.Type, status: Int, body: [UInt8], retryAfter: String? = nil, request: String,
        scrub: (String) -> String = { $0 }
    ) throws -> Listing<T> {
        let entries = try item(ListEnvelope<T>.self, status: status, body: body, retryAfter: retryAfter, request: request, scrub: scrub).data
        let items = entries.compactMap(\.value)
        return Listing(items: items, unreadable: entries.count - items.count)
    }

    /// A one-value answer (a `Job` from a run, `GET /jobs/{id}` or a cancel;
    /// an `Account`): the value on a 2xx status, else the API error.
    public static func item<T: Decodable>(
        _ type: T.Type, status: Int, body: [UInt8], retryAfter: String? = nil, request: String,
        scrub: (String) -> String = { $0 }
    ) throws -> T {
        guard (200...299).contains(status) else {
            throw ArmoxError.api(error(status: status, body: body, retryAfter: retryAfter, request: request, scrub: scrub))
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch {
            throw ArmoxError.malformedResponse(
                MalformedResponse(
                    request: request, status: status, reason: describe(error, body: body),
                    body: Array(scrub(String(decoding: body, as: UTF8.self)).utf8)))
        }
    }

    /// An error status's `{ "error": "…" }`: the server's message when it
    /// gives one, else `HTTP <status> <reason>` and an excerpt of the body.
    public static func error(
        status: Int, body: [UInt8], retryAfter: String? = nil, request: String, scrub: (String) -> String = { $0 }
    ) -> APIError {
        let seconds = RetryAfter.seconds(retryAfter)
        let parsed = try? JSONDecoder().decode(ErrorBody.self, from: Data(body))
        let message: String
        if let text = parsed?.error, !text.isEmpty {
            message = text
        } else {
            let reason = HTTPResponseStatus(statusCode: status).reasonPhrase
            // Scrubbed before it is cut: cut first, a key across the cut would
            // no longer match whole and would show all but its end.
            let excerpt = body.isEmpty ? "" : ": " + MalformedResponse.excerpt(of: Array(scrub(String(decoding: body, as: UTF8.self)).utf8))
            message = "HTTP \(status) \(reason)\(excerpt)"
        }
        return APIError(status: status, message: scrub(message), retryAfter: seconds, request: request)
    }

    /// Why a body could not be read, in words (the path of the bad field).
    static func describe(_ error: any Error, body: [UInt8]) -> String {
        if body.isEmpty { return "empty body where JSON was expected" }
        switch error {
        case DecodingError.dataCorrupted(let context):
            if context.codingPath.isEmpty, JSONNesting.isTooDeep(body) { return "JSON \(JSONNesting.tooDeep)" }
            return context.codingPath.isEmpty ? "not valid JSON (truncated or corrupted)" : "bad value at \(path(context.codingPath))"
        case DecodingError.keyNotFound(let key, let context):
            return "missing field \"\(path(context.codingPath + [key]))\""
        case DecodingError.typeMismatch(let type, let context):
            return "field \"\(path(context.codingPath))\" is not a \(type)"
        case DecodingError.valueNotFound(_, let context):
            return "field \"\(path(context.codingPath))\" is null"
        default:
            return "unreadable JSON"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

/// A list answer's readable entries, and the count of those that were not.
public struct Listing<T> {
    public var items: [T]
    /// Entries the server sent that could not be read (a job with no id, a
    /// field of the wrong type), left out of `items`.
    public var unreadable: Int
}

extension Listing: Sendable where T: Sendable {}

/// `{ "object": "list", "data": [...] }`; entries that cannot be read are skipped.
struct ListEnvelope<T: Decodable>: Decodable {
    let data: [Lenient<T>]
}

struct ErrorBody: Decodable {
    let error: String?
}
