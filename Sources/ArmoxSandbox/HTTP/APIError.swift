/// An error answer in the API's one error shape, `{"error": "message"}`.
///
/// Validation and bookkeeping code returns these instead of throwing, so every
/// failure path ends in a well-formed response and nothing reaches
/// Hummingbird's generic 500.
struct APIError: Error, Sendable, Equatable {
    let status: Int
    let message: String
    /// Extra headers, such as `Retry-After` on a 429 or `Allow` on a 405.
    var headers: [(String, String)] = []

    init(_ status: Int, _ message: String, headers: [(String, String)] = []) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    static func == (lhs: APIError, rhs: APIError) -> Bool {
        lhs.status == rhs.status && lhs.message == rhs.message
    }

    static let notFound = APIError(404, "Not found")
    static let jobNotFound = APIError(404, "Job not found")
    static let appNotFound = APIError(404, "App not found")
    static let invalidJSON = APIError(400, "Invalid JSON body")
    static let missingToken = APIError(401, "Missing Authorization Bearer token")
    static let invalidKey = APIError(401, "Invalid API key")
    static let noPlan = APIError(403, "Public API access requires Agency, Master/Business, or Enterprise plan.")

    static func rateLimited(retryAfter: Int) -> APIError {
        APIError(429, "Rate limit exceeded", headers: [("Retry-After", String(retryAfter))])
    }

    static func insufficientCredits(required: Int, available: Int) -> APIError {
        APIError(402, "Insufficient credits. Required \(required), available \(available)")
    }

    static func missingInputs(_ labels: [String]) -> APIError {
        APIError(400, "Missing required inputs: " + labels.joined(separator: ", "))
    }

    var body: JSONValue { ["error": .string(message)] }
}
