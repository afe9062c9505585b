import ArmoxAPI

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
                display: "stopped listening on \(receiver.url) (\(counts.accepted) delivered, \(counts.duplicates) repeated, \(counts.rejected) rejected)")
        }
        if let receiver {
            return CommandResult(value: .string(receiver.url), display: "already listening on \(receiver.url)")
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
            display: "listening on \(started.url) (run … --webhook=$_ sends there; listen --stop ends it)")
    }

    /// Once per receiver, while a wait goes on: a delivery refused for its
    /// signature most likely means `listen` was given another secret than the
    /// server signs with. The wait goes on by polling; without a word, webhooks
    /// would seem to do nothing.
    func noteRefusedDelivery() {
        guard let receiver, receiver.deliveries.takeFirstRefusal() else { return }
        progress?.clear()
        output.err(noteLine(
            "a webhook delivery to \(receiver.url) failed its signature check: is the secret given to listen (--secret or ARMOX_WEBHOOK_SECRET) the one the server signs with? Waits go on by polling"))
    }

    /// The delivered state of `id`, merged into what the session knew.
    func delivered(_ id: String) -> Job? {
        guard let delivered = receiver?.deliveries.job(id), delivered.status.isTerminal else { return nil }
        guard var job = session.jobs[id] else { return delivered }
        job.status = delivered.status
        if let output = delivered.output { job.output = output }
        if let error = delivered.error { job.error = error }
        if let completed = delivered.completedAt { job.completedAt = completed }
        if let cancelled = delivered.cancelledAt { job.cancelledAt = cancelled }
        job.webhookDelivered = true
        return job
    }
}
