/// Faults waiting to be played, first in first out, per endpoint.
///
/// Stored as (fault, remaining) pairs rather than copies, so a control
/// request asking for a fault "a billion times" costs nothing.
struct FaultQueue: Sendable {
    private struct Pending: Sendable {
        let fault: SandboxFault
        var remaining: Int
    }

    private var queues: [SandboxEndpoint: [Pending]] = [:]

    /// Queues the fault for the next `times` requests; zero or fewer queues nothing.
    mutating func add(_ fault: SandboxFault, on endpoint: SandboxEndpoint, times: Int) {
        guard times > 0 else { return }
        queues[endpoint, default: []].append(Pending(fault: fault, remaining: times))
    }

    /// The next fault for a request to this endpoint, if any.
    mutating func take(for endpoint: SandboxEndpoint) -> SandboxFault? {
        guard var queue = queues[endpoint], !queue.isEmpty else { return nil }
        let fault = queue[0].fault
        queue[0].remaining -= 1
        if queue[0].remaining == 0 { queue.removeFirst() }
        queues[endpoint] = queue
        return fault
    }

    mutating func clear() {
        queues = [:]
    }

    /// How many requests to this endpoint will still get a fault (saturating).
    func pendingCount(for endpoint: SandboxEndpoint) -> Int {
        (queues[endpoint] ?? []).reduce(0) { total, pending in
            let (sum, overflow) = total.addingReportingOverflow(pending.remaining)
            return overflow ? Int.max : sum
        }
    }
}
