import Foundation

/// Where the API key may go: over https anywhere, over plain http only to this
/// machine (the sandbox). Checked before a connection is opened.
public enum TransportSecurity {
    public static func isLoopback(host: String) -> Bool {
        var h = host.lowercased()
        if h.hasPrefix("[") && h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        if h == "localhost" || h.hasSuffix(".localhost") || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) else { return false }
        return parts[0] == "127"
    }

    /// Throws `ArmoxError.refused` when `url` may not carry the key.
    public static func checkKeyMayBeSent(to url: URL) throws {
        let scheme = url.scheme?.lowercased() ?? ""
        let host = url.host ?? ""
        switch scheme {
        case "https":
            return
        case "http" where isLoopback(host: host):
            return
        case "http":
            throw ArmoxError.refused(
                "refusing to send the API key over plain http to \(host): use https, or a loopback address (127.0.0.1, localhost) for the sandbox"
            )
        default:
            throw ArmoxError.refused("unsupported URL scheme \"\(scheme)\" in \(url.absoluteString): use https")
        }
    }

    /// Same scheme, host and port: a redirect within the origin keeps the key.
    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased()
            && effectivePort(a) == effectivePort(b)
    }

    /// The port a connection to `url` uses: the explicit one, else the scheme's default.
    /// `host:port` of a URL, for "could not connect to …" messages.
    static func endpoint(_ url: URL) -> String {
        "\(url.host ?? "?"):\(effectivePort(url))"
    }

    static func effectivePort(_ url: URL) -> Int {
        url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
    }
}
