/// The failure marker: a way to make a job fail on purpose, from the outside.
///
/// A run whose prompt (for a model) or any text input (for an app) contains
/// `sandbox:fail` — in any letter case — is accepted and charged like any
/// other, then fails at the end of its processing time with
/// ``message`` as its `error_message`, and its credits are refunded. For an
/// image or text model, which answers synchronously, the 200 response itself
/// carries `status: "failed"` and the message in `error`.
///
/// It lets scripts, demos and end-to-end tests exercise the failed-job paths
/// (`if $job.status == "failed"`, refunds, `job.failed` webhooks) against the
/// sandbox without any test-only switch.
enum FailureMarker {
    static let token = "sandbox:fail"
    static let message = "Sandbox: generation failed (the prompt asked for it with sandbox:fail)"

    static func isPresent(in texts: [String]) -> Bool {
        texts.contains { $0.lowercased().contains(token) }
    }
}
