import ArmoxAPI

extension Evaluator {
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
        guard var job = session.jobs[id]?.job else { return delivered }
        job.status = delivered.status
        if let output = delivered.output { job.output = output }
        if let error = delivered.error { job.error = error }
        if let completed = delivered.completedAt { job.completedAt = completed }
        if let cancelled = delivered.cancelledAt { job.cancelledAt = cancelled }
        job.webhookDelivered = true
        return job
    }
}
