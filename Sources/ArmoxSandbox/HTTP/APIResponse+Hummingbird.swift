import Hummingbird
import NIOCore

extension APIResponse {
    /// The Hummingbird response: status, `Content-Type`, `Content-Length`
    /// (from the body) and the extra headers.
    var hummingbirdResponse: Response {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        for (name, value) in headers {
            // `HTTPField.Name` is reached by inference: HTTPTypes is not a
            // direct dependency of this target, only re-exported in part.
            guard let fieldName = Self.fieldName(name) else { continue }
            fields[fieldName] = value
        }
        return Response(
            status: .init(code: status),
            headers: fields,
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    private static func fieldName(_ name: String) -> HTTPFields.Element.Name? {
        .init(name)
    }
}
