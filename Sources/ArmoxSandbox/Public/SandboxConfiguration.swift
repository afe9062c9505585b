import NIOCore

/// How a sandbox behaves: where it listens, how fast jobs run, how strict it is.
public struct SandboxConfiguration: Sendable {
    /// The address to listen on. The sandbox is meant for loopback only: it has
    /// no TLS and its control surface (`/_sandbox/...`) has no authentication.
    public var host: String = "127.0.0.1"
    /// The port to listen on; 0 lets the system pick a free one (read it back
    /// from `SandboxServer.port`).
    public var port: Int = 0
    /// Multiplies every simulated duration (job phases, synchronous latency).
    /// Tests use about 0.01 so a video job finishes in 60 ms; demos use 1.0.
    public var speed: Double = 1.0
    /// Requests allowed per key in any rolling 60-second window.
    public var rateLimitPerMinute: Int = 120
    /// The rate limit's rolling window in seconds: 60, as the API's. Tests of
    /// pacing shorten it to keep the same shape in less time.
    public var rateLimitWindow: Double = 60
    /// A test and demo knob: `X-RateLimit-Reset` rounded down to whole
    /// seconds instead of up. The reference names the header but not its
    /// rounding, and a server that truncates names an instant up to a
    /// second before a slot really frees; a client must pace for that too.
    public var rateLimitResetRoundsDown: Bool = false
    /// Seconds a keep-alive connection may sit idle before the sandbox
    /// closes it; nil (the default) leaves idle connections open. A test
    /// and demo knob: about 1 s makes a client's pooled connection go stale
    /// between two requests, as real servers' idle timeouts do.
    public var idleTimeout: Double?
    /// The account's balance when the sandbox starts.
    public var startingCredits: Int = 10_000
    /// The secret webhook deliveries are signed with (HMAC-SHA256 of the raw body).
    public var webhookSecret: String = "whsec_sandbox_secret"
    /// Made-up models listed after the real ones (`synthetic/model-00001` …,
    /// about 330 bytes each, the reference's shape): a large catalogue to
    /// try completion and the catalogue's fetch on. Listed, not runnable.
    public var syntheticModels: Int = 0
    /// The most `syntheticModels` takes: the catalogue armox is sized for.
    public static let maxSyntheticModels = 500_000

    public init() {}

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        speed: Double = 1.0,
        rateLimitPerMinute: Int = 120,
        startingCredits: Int = 10_000,
        webhookSecret: String = "whsec_sandbox_secret"
    ) {
        self.host = host
        self.port = port
        self.speed = speed
        self.rateLimitPerMinute = rateLimitPerMinute
        self.startingCredits = startingCredits
        self.webhookSecret = webhookSecret
    }

    /// The slowest pace taken: jobs take at most this many times their demo
    /// time (a few minutes for a video), never so long they seem never to end.
    public static let maxSpeed: Double = 100

    /// True when `speed` is a factor the sandbox takes as it is.
    public static func isValidSpeed(_ speed: Double) -> Bool {
        speed.isFinite && speed > 0 && speed <= maxSpeed
    }

    /// `idleTimeout` as NIO takes it: nil (never close) when unset, not a
    /// positive finite number, or over a day.
    var effectiveIdleTimeout: TimeAmount? {
        guard let seconds = idleTimeout, seconds.isFinite, seconds > 0, seconds <= 86_400 else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }

    /// `speed` made safe to multiply by: negative or non-finite values mean
    /// "instant" rather than a crash, and past `maxSpeed` the pace is `maxSpeed`.
    var effectiveSpeed: Double {
        speed.isFinite && speed > 0 ? min(speed, Self.maxSpeed) : 0
    }
}
