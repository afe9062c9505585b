import Hummingbird
import NIOCore

/// Reads a request body whole, within a bound, never throwing: a body too
/// large or a connection that breaks mid-body becomes an API error answer.
enum RequestBodyReader {
    /// Far above any real run body; protects the sandbox from being fed gigabytes.
    static let maxSize = 1 << 20

    static func read(_ request: Request) async -> Result<[UInt8], APIError> {
        do {
            let buffer = try await request.body.collect(upTo: maxSize)
            return .success(Array(buffer.readableBytesView))
        } catch is NIOTooManyBytesError {
            return .failure(APIError(413, "Request body too large (limit \(maxSize) bytes)"))
        } catch {
            return .failure(APIError(400, "Could not read the request body"))
        }
    }
}
