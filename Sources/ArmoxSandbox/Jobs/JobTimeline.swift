/// How long each kind of job stays pending and then processing, in seconds at
/// `speed` 1.0 (the configuration's `speed` multiplies them).
///
/// Image and text models answer within the request, after `processing`
/// seconds of simulated generation; the rest run in the background and are
/// polled. The values are short enough for a demo and long enough for a user
/// to see `pending` and `processing` go by.
struct JobTimeline: Sendable, Equatable {
    let pending: Double
    let processing: Double

    var total: Double { pending + processing }

    static func forModality(_ modality: Modality) -> JobTimeline {
        switch modality {
        case .image: return JobTimeline(pending: 0, processing: 0.8)
        case .text: return JobTimeline(pending: 0, processing: 0.5)
        case .video: return JobTimeline(pending: 1, processing: 5)
        case .audio: return JobTimeline(pending: 0.5, processing: 2.5)
        case .threeD: return JobTimeline(pending: 0.5, processing: 3.5)
        }
    }

    /// Workflow apps always run in the background.
    static let app = JobTimeline(pending: 0.5, processing: 3.5)

    func scaled(by speed: Double) -> JobTimeline {
        JobTimeline(pending: pending * speed, processing: processing * speed)
    }
}
