import Foundation

/// Where the client talks to and with which key, plus its limits.
public struct ArmoxConfiguration: Sendable {
    public static let defaultBaseURL = "https://armox.ai/api/v1"

    /// The API root, without a trailing slash, e.g. `https://armox.ai/api/v1`.
    public var baseURL: String
    public var apiKey: String?
    /// Longest wait for a connection to open.
    public var connectTimeout: Duration = .seconds(10)
    /// Longest wait for a whole answer (head and body) to one request.
    public var requestTimeout: Duration = .seconds(60)
    /// Largest answer read into memory for a job, a jobs list, the account
    /// or a run's answer: 4 MiB, a hundred times a job with many outputs.
    /// More is a `tooLarge` error, never read whole.
    public var maxResponseBytes: Int = 4 << 20
    /// Largest catalogue answer (`GET /models`, `GET /apps`): 256 MiB, room
    /// for 500,000 models of about 500 bytes each (the reference's shape is
    /// about 330).
    public var maxCatalogueBytes: Int = 256 << 20
    /// How much of an error status's body is read (its message is at the
    /// start); the rest is left unread, and the status still reported.
    public var maxErrorBytes: Int = 64 << 10
    /// Largest output a download saves (`ARMOX_MAX_DOWNLOAD`): 2 GiB, above
    /// any image, clip or sound a model makes, and a bound on a body that never ends.
    public var maxDownloadBytes: Int64 = 2 << 30
    public var retry: RetryPolicy = .init()

    public init(baseURL: String = ArmoxConfiguration.defaultBaseURL, apiKey: String? = nil) {
        var base = baseURL.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.apiKey = apiKey
    }

    /// Flags win over the environment (`ARMOX_BASE_URL`, `ARMOX_API_KEY`), which
    /// wins over the built-in default. An empty value counts as unset.
    ///
    /// `ARMOX_TIMEOUT` is the per-request timeout in seconds (default 60; a
    /// number, fractions allowed, above 0 and at most 86400); the connect
    /// timeout is 10 s or that, whichever is shorter, so no single request
    /// waits longer than it. A value that is not such a number is ignored —
    /// a typo should not stop a script that would run fine on the default —
    /// and `warn` is told why (by default on stderr, as `armox: warning: …`).
    public static func resolve(
        environment: [String: String], baseURL flagBaseURL: String? = nil, apiKey flagKey: String? = nil,
        warn: (String) -> Void = { FileHandle.standardError.write(Data("armox: warning: \($0)\n".utf8)) }
    ) -> ArmoxConfiguration {
        func nonEmpty(_ s: String?) -> String? {
            guard let s, !s.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return s.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let base = nonEmpty(flagBaseURL) ?? nonEmpty(environment["ARMOX_BASE_URL"]) ?? defaultBaseURL
        let key = nonEmpty(flagKey) ?? nonEmpty(environment["ARMOX_API_KEY"])
        var configuration = ArmoxConfiguration(baseURL: base, apiKey: key)
        if let raw = nonEmpty(environment["ARMOX_TIMEOUT"]) {
            if let seconds = Double(raw), seconds.isFinite, seconds > 0, seconds <= maxTimeoutSeconds {
                configuration.requestTimeout = .milliseconds(Int64((seconds * 1000).rounded(.up)))
                configuration.connectTimeout = min(configuration.connectTimeout, configuration.requestTimeout)
            } else {
                warn("ARMOX_TIMEOUT=\(raw) is not a number of seconds above 0 and at most \(Int(maxTimeoutSeconds)); using the default \(Int(configuration.requestTimeout.seconds)) s")
            }
        }
        if let raw = nonEmpty(environment["ARMOX_MAX_DOWNLOAD"]) {
            if let bytes = byteCount(raw), bytes > 0 {
                configuration.maxDownloadBytes = bytes
            } else {
                warn("ARMOX_MAX_DOWNLOAD=\(raw) is not a size in bytes (like 500M or 4G); using the default 2G")
            }
        }
        return configuration
    }

    /// `123`, `500K`, `500M`, `4G` (powers of 1024, a trailing `B` or `iB`
    /// allowed): bytes, or nil when it is no such size or passes 1 TiB.
    static func byteCount(_ text: String) -> Int64? {
        var digits = Substring(text.uppercased())
        for suffix in ["IB", "B"] where digits.hasSuffix(suffix) && digits.count > suffix.count {
            digits = digits.dropLast(suffix.count)
            break
        }
        var factor: Int64 = 1
        if let unit = digits.last, let shift = ["K": 10, "M": 20, "G": 30, "T": 40][String(unit)] {
            factor = 1 << Int64(shift)
            digits = digits.dropLast()
        }
        guard let number = Int64(digits), number >= 0 else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: factor)
        guard !overflow, bytes <= 1 << 40 else { return nil }
        return bytes
    }

    /// The longest `ARMOX_TIMEOUT` taken: a day.
    public static let maxTimeoutSeconds: Double = 86_400
}
