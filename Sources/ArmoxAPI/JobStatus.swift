/// A job's status. Unknown statuses from a newer server are kept, not rejected,
/// and count as not terminal so a waiter keeps asking rather than guessing.
public enum JobStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    case pending, processing, completed, failed, cancelled
    case other(String)

    public init(_ raw: String) {
        switch raw.lowercased() {
        case "pending": self = .pending
        case "processing": self = .processing
        case "completed": self = .completed
        case "failed": self = .failed
        case "cancelled", "canceled": self = .cancelled
        default: self = .other(raw)
        }
    }

    public var rawValue: String {
        switch self {
        case .pending: "pending"
        case .processing: "processing"
        case .completed: "completed"
        case .failed: "failed"
        case .cancelled: "cancelled"
        case .other(let raw): raw
        }
    }

    public var description: String { rawValue }

    /// `completed`, `failed` and `cancelled` never change again.
    public var isTerminal: Bool {
        switch self {
        case .completed, .failed, .cancelled: true
        default: false
        }
    }

    public init(from decoder: Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
