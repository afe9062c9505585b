/// A job's lifecycle: `pending → processing → completed | failed`, and
/// `pending | processing → cancelled`.
enum JobStatus: String, Sendable {
    case pending, processing, completed, failed, cancelled

    var isTerminal: Bool {
        switch self {
        case .completed, .failed, .cancelled: return true
        case .pending, .processing: return false
        }
    }
}
