/// What a handler answers, before it becomes bytes on the wire.
///
/// Kept apart from Hummingbird's `Response` so the fault layer can inspect and
/// rewrite it (cut its body in half, add rate-limit headers) and so handlers
/// stay plain functions that tests could call without a server.
struct APIResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]
    var contentType: String

    init(status: Int = 200, json: JSONValue, headers: [(String, String)] = []) {
        self.status = status
        self.headers = headers
        self.body = JSONWriter.bytes(json)
        self.contentType = "application/json"
    }

    init(status: Int = 200, bytes: [UInt8], contentType: String, headers: [(String, String)] = []) {
        self.status = status
        self.headers = headers
        self.body = bytes
        self.contentType = contentType
    }

    init(_ error: APIError) {
        self.init(status: error.status, json: error.body, headers: error.headers)
    }

    var isSuccess: Bool { (200..<300).contains(status) }
}
