import ArmoxAPI
import Crypto
import Foundation
import Synchronization

/// What a `listen` receiver was sent: verified deliveries by job id.
///
/// Every body is checked against `X-Armox-Signature: sha256=<hex>`, the
/// HMAC-SHA256 of the raw body keyed with the webhook secret, before it is
/// parsed (`HMAC.isValidAuthenticationCode` compares in constant time). A
/// delivery repeated for a job already delivered in that status is counted
/// and dropped, as the API asks receivers to do.
public final class WebhookDeliveries: Sendable {
    public struct Counts: Sendable, Equatable {
        public var accepted = 0
        public var duplicates = 0
        public var rejected = 0
    }

    private let key: SymmetricKey
    private let state = Mutex<(jobs: [String: Job], counts: Counts)>(([:], Counts()))
    private let refusalTold = Mutex(false)

    init(secret: String) {
        key = SymmetricKey(data: Array(secret.utf8))
    }

    public var counts: Counts { state.withLock { $0.counts } }

    /// True the first time it is asked after a delivery was refused, then
    /// never again: a wrong secret refuses every delivery, and one word of
    /// it is enough.
    func takeFirstRefusal() -> Bool {
        guard counts.rejected > 0 else { return false }
        return refusalTold.withLock { told in
            defer { told = true }
            return !told
        }
    }

    /// The delivered job with this id, if any.
    public func job(_ id: String) -> Job? {
        state.withLock { $0.jobs[id] }
    }

    /// Takes one delivery: 200 when accepted (or a duplicate), 401 when the
    /// signature is missing or wrong, 400 when a signed body is not a job event.
    func receive(body: [UInt8], signature: String?) -> Int {
        guard let signature, verify(body, signature) else {
            state.withLock { $0.counts.rejected += 1 }
            return 401
        }
        guard let event = try? JSONDecoder().decode(Event.self, from: Data(body)) else { return 400 }
        let job = event.job
        return state.withLock { state in
            if let known = state.jobs[job.id], known.status == job.status {
                state.counts.duplicates += 1
            } else {
                state.jobs[job.id] = job
                state.counts.accepted += 1
            }
            return 200
        }
    }

    private func verify(_ body: [UInt8], _ header: String) -> Bool {
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("sha256="), let code = Self.bytes(hex: trimmed.dropFirst(7)), code.count == 32 else {
            return false
        }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: body, using: key)
    }

    static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var i = 0
        while i < digits.count {
            guard let high = nibble(digits[i]), let low = nibble(digits[i + 1]) else { return nil }
            bytes.append(high << 4 | low)
            i += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `{ "event": "job.completed", "job": { … } }`
    private struct Event: Decodable {
        let job: Job
    }
}
