import ArmoxSandbox
import ArmoxTestSupport
import AsyncHTTPClient
import Foundation
import Testing

/// One HTTP answer, read whole.
struct Reply: Sendable {
    let status: Int
    let headers: [(name: String, value: String)]
    let body: [UInt8]

    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object; fails the test when it is not one.
    func object(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        return try #require(value as? [String: Any], "not a JSON object: \(text)", sourceLocation: sourceLocation)
    }

    /// `error` of an error body.
    func errorMessage() throws -> String? {
        try object()["error"] as? String
    }
}

/// A sandbox on a free loopback port and a client pointed at it.
struct SandboxHarness: Sendable {
    let server: SandboxServer
    let key: String?

    static let fast: SandboxConfiguration = {
        var configuration = SandboxConfiguration()
        configuration.speed = 0.01
        return configuration
    }()

    /// Starts a sandbox, runs the body, and always stops the sandbox.
    static func with<T: Sendable>(
        _ configuration: SandboxConfiguration = fast,
        key: String? = SandboxKeys.valid,
        _ body: (SandboxHarness) async throws -> T
    ) async throws -> T {
        try await withSandboxServer({ $0 = configuration }) { server in
            try await body(SandboxHarness(server: server, key: key))
        }
    }

    var origin: String { "http://127.0.0.1:\(server.port)" }

    func withKey(_ key: String?) -> SandboxHarness {
        SandboxHarness(server: server, key: key)
    }

    /// A request to `/api/v1` + `path` (or to an absolute URL).
    func send(
        _ method: String, _ path: String, body: String? = nil, rawBody: [UInt8]? = nil,
        headers: [(String, String)] = []
    ) async throws -> Reply {
        let url = path.hasPrefix("http") ? path : server.baseURL + path
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(Array(body.utf8))
        } else if let rawBody {
            request.body = .bytes(rawBody)
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let buffer = try await response.body.collect(upTo: 16 << 20)
        return Reply(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: Array(buffer.readableBytesView))
    }

    func get(_ path: String) async throws -> Reply {
        try await send("GET", path)
    }

    func post(_ path: String, _ body: String) async throws -> Reply {
        try await send("POST", path, body: body)
    }

    /// Runs a model; `input` is the JSON text of the `input` object.
    func run(_ model: String, input: String = "{}", extra: String = "") async throws -> Reply {
        try await post("/models/run", "{\"model\": \"\(model)\", \"input\": \(input)\(extra)}")
    }

    /// Polls `GET /jobs/{id}` until `done` holds for the record; bounded.
    func poll(
        _ jobId: String, timeout: Duration = .seconds(3), until done: ([String: Any]) -> Bool
    ) async throws -> [String: Any] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            let record = try await get("/jobs/\(jobId)").object()
            if done(record) { return record }
            guard clock.now < deadline else {
                Issue.record("job \(jobId) still \(record["status"] ?? "?") after \(timeout)")
                return record
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Polls until the job reaches a terminal status.
    func waitTerminal(_ jobId: String) async throws -> [String: Any] {
        try await poll(jobId) { record in
            ["completed", "failed", "cancelled"].contains(record["status"] as? String ?? "")
        }
    }
}

extension Dictionary where Key == String, Value == Any {
    /// A nested object, or an empty one.
    func object(_ key: String) -> [String: Any] {
        self[key] as? [String: Any] ?? [:]
    }

    func string(_ key: String) -> String? {
        self[key] as? String
    }

    func int(_ key: String) -> Int? {
        (self[key] as? NSNumber)?.intValue ?? self[key] as? Int
    }

    /// True when the key is present with JSON null.
    func isNull(_ key: String) -> Bool {
        self[key] is NSNull
    }
}
