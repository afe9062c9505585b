import Hummingbird
import NIOCore

/// The sandbox's request pipeline: route, count, play a fault, then serve.
///
/// It never throws: every path ends in a response in the API's error shape
/// (or, for the two connection faults, in no response at all), so a malformed
/// request cannot reach Hummingbird's generic error handling, let alone crash
/// the process.
struct SandboxResponder: HTTPResponder {
    typealias Context = SandboxRequestContext

    let state: SandboxState

    func respond(to request: Request, context: Context) async throws -> Response {
        switch SandboxRoute.resolve(method: request.method, path: request.uri.path) {
        case .notFound:
            return APIResponse(.notFound).hummingbirdResponse
        case .methodNotAllowed(let allowed):
            let error = APIError(405, "Method not allowed", headers: [("Allow", allowed.joined(separator: ", "))])
            return APIResponse(error).hummingbirdResponse
        case .control(let action):
            return await ControlHandler(state: state).handle(action, request: request).hummingbirdResponse
        case .endpoint(let endpoint, let jobId, let fileName):
            return await serve(endpoint, jobId: jobId, fileName: fileName, request: request, context: context)
        }
    }

    /// Plays the endpoint's next fault around the real handling.
    private func serve(
        _ endpoint: SandboxEndpoint, jobId: String?, fileName: String?, request: Request, context: Context
    ) async -> Response {
        let fault = await state.begin(endpoint)
        switch fault {
        case .status(let status, let message):
            return APIResponse(APIError(status, message)).hummingbirdResponse
        case .rateLimited(let retryAfter):
            return APIResponse(.rateLimited(retryAfter: max(0, retryAfter))).hummingbirdResponse
        case .malformedJSON:
            return APIResponse(
                bytes: Array("<html><body><h1>502 Bad Gateway</h1> upstream sent garbage</body></html>".utf8),
                contentType: "application/json"
            ).hummingbirdResponse
        case .dropConnection:
            return await Self.drop(context)
        case .body(let status, let body, carryOut: false):
            return APIResponse(status: status, bytes: Array(body.utf8), contentType: "application/json").hummingbirdResponse
        case .oversized(let bytes):
            return FaultBodies.oversized(bytes: bytes)
        case .endless(let piece, let pause):
            return FaultBodies.endless(pieceBytes: piece, pause: pause)
        case .delay, .truncatedJSON, .lostReply, .body, .slowBody, nil:
            break
        }

        var response = await APIHandler(state: state).handle(
            endpoint, jobId: jobId ?? "", fileName: fileName ?? "", request: request)

        switch fault {
        case .delay(let seconds):
            if seconds.isFinite, seconds > 0 { try? await Task.sleep(for: .seconds(min(seconds, 3_600))) }
        case .truncatedJSON:
            response.body = Array(response.body.prefix(response.body.count / 2))
        case .lostReply:
            return await Self.drop(context)
        case .body(let status, let body, carryOut: true):
            return Self.replacing(response, status: status, body: body).hummingbirdResponse
        case .slowBody(let seconds):
            return FaultBodies.trickled(response, over: seconds)
        case .status, .rateLimited, .malformedJSON, .dropConnection, .body, .oversized, .endless, nil:
            break
        }
        return response.hummingbirdResponse
    }

    /// The real answer's headers with another status and body, in which
    /// `{{id}}` stands for the real answer's `id` (empty when it has none).
    static func replacing(_ response: APIResponse, status: Int, body: String) -> APIResponse {
        let id = JSONValue.parse(response.body)?.objectValue?["id"]?.stringValue ?? ""
        let text = body.split(separator: "{{id}}", omittingEmptySubsequences: false).joined(separator: id)
        return APIResponse(status: status, bytes: Array(text.utf8), contentType: "application/json", headers: response.headers)
    }

    /// Closes the connection before any byte of a response is written.
    ///
    /// Hummingbird then fails to write the response it is handed and ends the
    /// connection's handling quietly; the client sees the peer close the
    /// connection with no response (AsyncHTTPClient: `remoteConnectionClosed`).
    private static func drop(_ context: Context) async -> Response {
        try? await context.channel.close(mode: .all).get()
        return Response(status: .internalServerError)
    }
}
