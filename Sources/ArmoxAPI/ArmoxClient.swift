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
    /// How `http` was set up: a request re-sent after its pooled connection
    /// turned out closed goes on a one-off client made the same way.
    let httpConfiguration: HTTPClient.Configuration
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
        self.httpConfiguration = http
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

    /// The catalogue, read straight from its bytes (`CatalogueDecoding`);
    /// `JSONDecoder` reads what that fast path gives up on, and names its errors.
    public func models() async throws -> [Model] {
        let response = try await exchange(.GET, "/models", idempotence: .safe, cap: configuration.maxCatalogueBytes)
        if (200...299).contains(response.status), let models = CatalogueDecoding.models(response.body) { return models }
        return try ResponseDecoding.list(
            Model.self, status: response.status, body: response.body, retryAfter: response.headers.first(name: "Retry-After"),
            request: response.request, scrub: scrub)
    }

    /// Starts a run. A 200 answer is a finished job; a 202 answer a job still running.
    /// Sent at most once unless the server certainly did not accept it (see `RetryPolicy`).
    public func run(model: String, input: [String: JSONValue] = [:], webhookURL: String? = nil) async throws -> Job {
        var body: [String: JSONValue] = ["model": .string(model)]
        if !input.isEmpty { body["input"] = .object(input) }
        if let webhookURL { body["webhook_url"] = .string(webhookURL) }
        var job = try await item(.POST, "/models/run", body: .object(body), idempotence: .once, as: Job.self)
        // The answer carries no input; what was sent is the job's input, as a later poll reports it.
        if job.input == nil { job.input = .object(input) }
        return job
    }

    // MARK: Jobs

    /// The key owner's recent jobs, newest first; `limit` 1–100.
    public func jobs(limit: Int = 20) async throws -> [Job] {
        try await jobListing(limit: limit).items
    }

    /// `jobs(limit:)` with the count of entries that could not be read.
    public func jobListing(limit: Int = 20) async throws -> Listing<Job> {
        let response = try await exchange(.GET, "/jobs", query: [("limit", String(limit))], idempotence: .safe)
        return try ResponseDecoding.listing(
            Job.self, status: response.status, body: response.body, retryAfter: response.headers.first(name: "Retry-After"),
            request: response.request, scrub: scrub)
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
        try await list(.GET, "/apps", cap: configuration.maxCatalogueBytes, of: App.self)
    }

    /// Runs an app (always asynchronous). `inputs` are keyed by input id.
    public func runApp(id: String, inputs: [String: JSONValue], webhookURL: String? = nil) async throws -> Job {
        var body: [String: JSONValue] = ["app_id": .string(id), "inputs": .object(inputs)]
        if let webhookURL { body["webhook_url"] = .string(webhookURL) }
        var job = try await item(.POST, "/apps/run", body: .object(body), idempotence: .once, as: Job.self)
        if job.input == nil { job.input = .object(inputs) }
        return job
    }

    // MARK: Account

    public func account() async throws -> Account {
        try await item(.GET, "/account", as: Account.self)
    }

    // MARK: Decoding

    private func list<T: Decodable>(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], cap: Int? = nil, of: T.Type
    ) async throws -> [T] {
        let response = try await exchange(method, path, query: query, idempotence: .safe, cap: cap)
        return try ResponseDecoding.list(T.self, status: response.status, body: response.body, retryAfter: response.headers.first(name: "Retry-After"), request: response.request, scrub: scrub)
    }

    private func item<T: Decodable>(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil, idempotence: Idempotence = .safe, as: T.Type) async throws -> T {
        let response = try await exchange(method, path, body: body, idempotence: idempotence)
        return try ResponseDecoding.item(T.self, status: response.status, body: response.body, retryAfter: response.headers.first(name: "Retry-After"), request: response.request, scrub: scrub)
    }

    /// An error status's `APIError` (see `ResponseDecoding.error`), key scrubbed.
    func apiError(from response: RawResponse) -> APIError {
        ResponseDecoding.error(status: response.status, body: response.body, retryAfter: response.headers.first(name: "Retry-After"), request: response.request, scrub: scrub)
    }

    static func pathSegment(_ s: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}
