#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where the sandbox agrees to send webhooks: loopback only.
///
/// The sandbox runs with no key and no network on a user's machine; letting a
/// run make it POST to any address would turn it into a request forwarder.
/// Loopback is all a local receiver (`listen`, a test) needs.
enum WebhookURLPolicy {
    static let rejection = APIError(400, "webhook_url must be a loopback address in the sandbox")

    /// True for `http(s)://` URLs whose host is `localhost`, `127.0.0.0/8` or `[::1]`.
    static func isLoopback(_ text: String) -> Bool {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            var host = components.host?.lowercased(), !host.isEmpty
        else { return false }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return false }
        let numbers = octets.compactMap { octet -> Int? in
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isASCII), octet.allSatisfy(\.isNumber) else {
                return nil
            }
            return Int(octet).flatMap { $0 <= 255 ? $0 : nil }
        }
        return numbers.count == 4 && numbers[0] == 127
    }

    /// Reads `webhook_url` from a run body: absent or null is fine, anything
    /// else must be a loopback URL string.
    static func read(_ value: JSONValue?) -> Result<String?, APIError> {
        guard let value, !value.isNull else { return .success(nil) }
        guard let text = value.stringValue, isLoopback(text) else { return .failure(rejection) }
        return .success(text)
    }
}
