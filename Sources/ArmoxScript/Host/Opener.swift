/// Hands an output to the desktop (`open`): a browser, an image viewer.
public protocol Opener: Sendable {
    /// The program that would open outputs for a session with this
    /// environment, or nil when there is none (no desktop, nothing on `PATH`).
    func program(in environment: [String: String]) -> String?
    /// Starts `program` on `url` and returns as soon as it runs.
    func start(_ program: String, on url: String, environment: [String: String]) throws
}
