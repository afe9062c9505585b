import ArmoxAPI

/// `listen [--port=N] [--secret=S] | listen --stop`
enum ListenCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "listen", group: .runs, synopsis: "listen [--port=N] [--secret=S] | listen --stop",
        summary: "Receive signed webhooks on loopback: a wait on jobs run with --webhook=<its URL> ends at their delivery.",
        flags: [
            .init("port", "N", "listen on this port (default: a free one)"),
            .init("secret", "S", "the webhook secret (default: $ARMOX_WEBHOOK_SECRET)"),
            .init("stop", nil, "stop listening"),
        ],
        takesKeyValues: false, maxPositionals: 0,
        details: """
            Every delivery is checked against X-Armox-Signature (the HMAC-SHA256 of the raw body,
            keyed with the secret) in constant time before it is read: a missing or wrong signature
            gets 401. A delivery repeated for the same job and status is dropped. The URL is the
            result ($_). A receiver on loopback only hears from a server on this machine (the
            sandbox); the real API needs a public URL that forwards to it.
            """,
        examples: ["hook = listen --secret=whsec_sandbox_secret", "run google/veo-3 \"waves\" --webhook=$hook --detach", "wait all", "listen --stop"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.listen(invocation)
    }

    /// No receiver is started: the URL is known only at run time.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        CommandResult(value: Value.unknown("webhook URL"))
    }
}

extension Evaluator {
    func listen(_ invocation: Invocation) async throws -> CommandResult {
        if invocation.has("stop") {
            guard let receiver else {
                throw ScriptError("not listening", hint: "listen --secret=S starts a receiver", at: invocation.location)
            }
            await receiver.stop()
            self.receiver = nil
            let counts = receiver.deliveries.counts
            return CommandResult(
                value: .null,
                presentation: .line("stopped listening on \(receiver.url) (\(counts.accepted) delivered, \(counts.duplicates) repeated, \(counts.rejected) rejected)"))
        }
        if let receiver {
            return CommandResult(value: .string(receiver.url), presentation: .line("already listening on \(receiver.url)"))
        }
        guard let secret = invocation.flagValue("secret")?.text ?? session.environment["ARMOX_WEBHOOK_SECRET"], !secret.isEmpty else {
            throw ScriptError(
                "listen needs the webhook secret, to check each delivery's signature",
                hint: "listen --secret=whsec_…, or set ARMOX_WEBHOOK_SECRET", at: invocation.location)
        }
        var port = 0
        if let (value, location) = invocation.flags["port"] {
            guard let value, let number = Int(value.text), (0...65_535).contains(number) else {
                throw ScriptError("--port must be a port number (0 for a free one)", at: location)
            }
            port = number
        }
        guard let webhooks = host.webhooks else {
            throw ScriptError("this session cannot run a webhook receiver", hint: "runs are still waited on by polling", at: invocation.location)
        }
        let started: any WebhookListener
        do {
            started = try await webhooks.start(port: port, secret: secret)
        } catch {
            throw ScriptError("cannot listen on 127.0.0.1:\(port): \(error)", at: invocation.location)
        }
        receiver = started
        return CommandResult(
            value: .string(started.url),
            presentation: .line("listening on \(started.url) (run … --webhook=$_ sends there; listen --stop ends it)"))
    }
}
