#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a job runs: a model, or a workflow app.
enum JobSubject: Sendable {
    case model(SandboxModel)
    case app(SandboxApp)

    /// The id recorded in the ledger.
    var id: String {
        switch self {
        case .model(let model): return model.id
        case .app(let app): return app.id
        }
    }
}

/// One job of the sandbox.
///
/// A job's status is a function of time: it is `pending` until
/// `processingAt`, `processing` until `finishesAt`, then `completed` (or
/// `failed`, when the failure marker asked for it). Nothing ticks in the
/// background; `settle(at:)` records the end once that time has passed, and
/// `cancel(at:)` can end it early. All times come from one wall clock (`Date`),
/// which also gives the timestamps their values.
struct Job: Sendable {
    enum Ending: Sendable {
        case completed(Date)
        case failed(Date)
        case cancelled(Date)

        var status: JobStatus {
            switch self {
            case .completed: return .completed
            case .failed: return .failed
            case .cancelled: return .cancelled
            }
        }
    }

    let id: String
    let subject: JobSubject
    /// The run's inputs as received: `{"input": {...}}` or `{"inputs": {...}}`.
    let inputData: JSONValue
    let cost: Int
    let createdAt: Date
    let timeline: JobTimeline
    /// The error the job will end with, when the failure marker was present.
    let plannedFailure: String?
    let webhookURL: String?
    let files: [OutputFile]
    /// The answer of a text model.
    let text: String?
    private(set) var ending: Ending?
    var webhookDelivered = false

    init(
        id: String, subject: JobSubject, inputData: JSONValue, cost: Int, createdAt: Date, timeline: JobTimeline,
        plannedFailure: String?, webhookURL: String?, files: [OutputFile], text: String?
    ) {
        self.id = id
        self.subject = subject
        self.inputData = inputData
        self.cost = cost
        self.createdAt = createdAt
        self.timeline = timeline
        self.plannedFailure = plannedFailure
        self.webhookURL = webhookURL
        self.files = files
        self.text = text
    }

    var processingAt: Date { createdAt.addingTimeInterval(timeline.pending) }
    var finishesAt: Date { createdAt.addingTimeInterval(timeline.total) }

    func status(at now: Date) -> JobStatus {
        if let ending { return ending.status }
        if now >= finishesAt { return plannedFailure == nil ? .completed : .failed }
        return now >= processingAt ? .processing : .pending
    }

    /// Records the natural end once its time has come. Returns the ending when
    /// it was recorded by this call (so the caller refunds a failure once).
    mutating func settle(at now: Date) -> Ending? {
        guard ending == nil, now >= finishesAt else { return nil }
        let end: Ending = plannedFailure == nil ? .completed(finishesAt) : .failed(finishesAt)
        ending = end
        return end
    }

    /// Cancels a job that has not ended; returns false if it already had.
    mutating func cancel(at now: Date) -> Bool {
        _ = settle(at: now)
        guard ending == nil else { return false }
        ending = .cancelled(now)
        return true
    }

    /// When the job completed or failed (a cancelled job never completed).
    var completedAt: Date? {
        switch ending {
        case .completed(let date), .failed(let date): return date
        case .cancelled, nil: return nil
        }
    }

    var cancelledAt: Date? {
        if case .cancelled(let date) = ending { return date }
        return nil
    }

    var errorMessage: String? {
        if case .failed = ending { return plannedFailure }
        return nil
    }

    var isSynchronous: Bool {
        if case .model(let model) = subject { return model.modality.isSynchronous }
        return false
    }
}
