/// One fuzz target: a reader of bytes from outside armox, and the properties
/// its result must have. `check` is what libFuzzer calls (through
/// `armox-fuzz`, `Fuzz/ArmoxFuzz`) and what the corpus replay test calls, so
/// the properties are checked in plain `swift test` too.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `Parser.parse` and the `Lexer` on any text, and the prompt's
    /// "incomplete" rule.
    case parser
    /// `GET /models`.
    case models
    /// `GET /apps`.
    case apps
    /// One job: a run's answer (200/202), `GET /jobs/{id}`, a cancel's answer.
    case job
    /// `GET /jobs`.
    case jobs
    /// `GET /account`.
    case account
    /// An error status's body and `Retry-After` (first line `STATUS [RETRY-AFTER]`, then the body).
    case error
    /// `X-RateLimit-Limit`, `-Remaining`, `-Reset` (one value a line).
    case ratelimit
    /// A webhook delivery as `listen` takes it (first line the `X-Armox-Signature`
    /// header as sent, then the body).
    case webhook
    /// A catalogue cache file as the shell reads it from disk.
    case catalogueCache = "catalogue-cache"
    /// A data file as `read` takes it (first byte: the format).
    case data

    /// Throws `PropertyViolation` when the result breaks a property; a crash
    /// in the code under test crashes here too.
    public func check(_ bytes: [UInt8]) throws {
        switch self {
        case .parser: try ParserTarget.check(bytes)
        case .models: try ModelsTarget.check(bytes)
        case .apps: try AppsTarget.check(bytes)
        case .job: try JobTargets.checkOne(bytes)
        case .jobs: try JobTargets.checkList(bytes)
        case .account: try AccountTarget.check(bytes)
        case .error: try ErrorTarget.check(bytes)
        case .ratelimit: try RateLimitTarget.check(bytes)
        case .webhook: try WebhookTarget.check(bytes)
        case .catalogueCache: try CatalogueCacheTarget.check(bytes)
        case .data: try DataFileTarget.check(bytes)
        }
    }

    /// The longest input worth trying (libFuzzer's `-max_len`): enough for
    /// several list entries or a screenful of script.
    public var maxLength: Int {
        switch self {
        case .ratelimit: 128
        case .error: 2048
        default: 8192
        }
    }
}
