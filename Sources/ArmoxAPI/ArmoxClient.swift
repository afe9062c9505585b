import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// A client for every endpoint of the Armox API. One value per configuration;
/// call `shutdown()` when done with it.
public final class ArmoxClient: Sendable {
    public static let version = "0.1.0"

    public let configuration: ArmoxConfiguration
    let http: HTTPClient
    private let tracer: (@Sendable (String) -> Void)?
    private let lastRateLimit = Mutex<RateLimitStatus?>(nil)

    /// - Parameter trace: receives one line per request and answer (for `--verbose`);
    ///   the key is redacted before a line is handed over.
    public init(configuration: ArmoxConfiguration, trace: (@Sendable (String) -> Void)? = nil) {
        self.configuration = configuration
        self.tracer = trace
        var http = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .init(configuration.connectTimeout), read: .init(configuration.requestTimeout))
        )
        http.connectionPool.idleTimeout = .seconds(30)
        // A refused connection fails at once and goes through `RetryPolicy`
        // (which may re-send: nothing was written). Left on, the pool would
        // silently retry until the connect timeout, turning "nothing listens
        // there" into a long wait.
        http.connectionPool.retryConnectionEstablishment = false
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
    }

    /// A client for the same server, limits and trace, holding `key` (for `login`).
    public func with(apiKey key: String) -> ArmoxClient {
        var configuration = self.configuration
        configuration.apiKey = key
        return ArmoxClient(configuration: configuration, trace: tracer)
    }

    public func shutdown() async {
        try? await http.shutdown()
    }

    /// What the server said about the rate limit on its last answer.
    public var rateLimit: RateLimitStatus? {
        lastRateLimit.withLock { $0 }
    }

    func recordRateLimit(_ status: RateLimitStatus) {
        lastRateLimit.withLock { $0 = status }
    }

    func scrub(_ text: String) -> String {
        APIKeyRedaction.scrub(text, key: configuration.apiKey)
    }

    /// A line for the `--verbose` trace (key scrubbed); nothing without one.
    public func traceLine(_ line: @autoclosure () -> String) {
        guard let tracer else { return }
        tracer(scrub(line()))
    }

    // MARK: Models

    public func models() async throws -> [Model] {
        try await list(.GET, "/models", of: Model.self)
    }

    /// Starts a run. A 200 answer is a finished job; a 202 answer a job still running.
    /// Sent at most once unless the server certainly did not accept it (see `RetryPolicy`).
    public func run(model: String, input: [String: JSONValue] = [:], webhookURL: String? = nil) async throws -> Job {
        var body: [String: JSONValue] = ["model": .string(model)]
        if !input.isEmpty { body["input"] = .object(input) }
        if let webhookURL { body["webhook_url"] = .string(webhookURL) }
        return try await item(.POST, "/models/run", body: .object(body), idempotence: .once, as: Job.self)
    }

    // MARK: Jobs

    /// The key owner's recent jobs, newest first; `limit` 1–100.
    public func jobs(limit: Int = 20) async throws -> [Job] {
        try await list(.GET, "/jobs", query: [("limit", String(limit))], of: Job.self)
    }

    public func job(id: String) async throws -> Job {
        try await item(.GET, "/jobs/\(ArmoxClient.pathSegment(id))", as: Job.self)
    }

    /// Cancels a pending or processing job; 409 (`APIError.Kind.conflict`) when it already ended.
    public func cancel(jobID: String) async throws -> Job {
        try await item(.POST, "/jobs/\(ArmoxClient.pathSegment(jobID))/cancel", idempotence: .once, as: Job.self)
    }

    // MARK: Apps

    public func apps() async throws -> [App] {
        try await list(.GET, "/apps", of: App.self)
    }

    /// Runs an app (always asynchronous). `inputs` are keyed by input id.
    public func runApp(id: String, inputs: [String: JSONValue], webhookURL: String? = nil) async throws -> Job {
        var body: [String: JSONValue] = ["app_id": .string(id), "inputs": .object(inputs)]
        if let webhookURL { body["webhook_url"] = .string(webhookURL) }
        return try await item(.POST, "/apps/run", body: .object(body), idempotence: .once, as: Job.self)
    }

    // MARK: Account

    public func account() async throws -> Account {
        try await item(.GET, "/account", as: Account.self)
    }

    // MARK: Decoding

    private func list<T: Decodable>(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], of: T.Type) async throws -> [T] {
        let response = try await exchange(method, path, query: query, idempotence: .safe)
        let envelope = try decode(ListEnvelope<T>.self, from: response)
        return envelope.data.compactMap(\.value)
    }

    private func item<T: Decodable>(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil, idempotence: Idempotence = .safe, as: T.Type) async throws -> T {
        let response = try await exchange(method, path, body: body, idempotence: idempotence)
        return try decode(T.self, from: response)
    }

    /// Turns an answer into a value or the right error: error statuses keep the
    /// server's `error` message; unreadable bodies say so with an excerpt.
    func decode<T: Decodable>(_ type: T.Type, from response: RawResponse) throws -> T {
        guard (200...299).contains(response.status) else {
            throw ArmoxError.api(apiError(from: response))
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(response.body))
        } catch {
            throw ArmoxError.malformedResponse(MalformedResponse(request: response.request, status: response.status, reason: ArmoxClient.describe(error, bodyIsEmpty: response.body.isEmpty), body: Array(scrub(String(decoding: response.body, as: UTF8.self)).utf8)))
        }
    }

    func apiError(from response: RawResponse) -> APIError {
        let retryAfter = response.headers.first(name: "Retry-After").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let parsed = try? JSONDecoder().decode(ErrorBody.self, from: Data(response.body))
        let message: String
        if let text = parsed?.error, !text.isEmpty {
            message = text
        } else {
            let reason = HTTPResponseStatus(statusCode: response.status).reasonPhrase
            let excerpt = response.body.isEmpty ? "" : ": " + MalformedResponse.excerpt(of: response.body)
            message = "HTTP \(response.status) \(reason)\(excerpt)"
        }
        return APIError(status: response.status, message: scrub(message), retryAfter: retryAfter, request: response.request)
    }

    static func describe(_ error: any Error, bodyIsEmpty: Bool) -> String {
        if bodyIsEmpty { return "empty body where JSON was expected" }
        switch error {
        case DecodingError.dataCorrupted(let context):
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

    static func pathSegment(_ s: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

/// `{ "object": "list", "data": [...] }`; entries that cannot be read are skipped.
struct ListEnvelope<T: Decodable>: Decodable {
    let data: [Lenient<T>]
}

struct ErrorBody: Decodable {
    let error: String?
}
