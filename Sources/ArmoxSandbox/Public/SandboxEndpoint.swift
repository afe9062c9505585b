/// The routes of the sandbox that faults can be injected on and whose
/// requests are counted.
public enum SandboxEndpoint: String, Sendable, CaseIterable, Codable {
    /// `GET /api/v1/models`
    case models
    /// `POST /api/v1/models/run`
    case modelsRun
    /// `GET /api/v1/jobs`
    case jobsList
    /// `GET /api/v1/jobs/{id}`
    case jobGet
    /// `POST /api/v1/jobs/{id}/cancel`
    case jobCancel
    /// `GET /api/v1/apps`
    case apps
    /// `POST /api/v1/apps/run`
    case appsRun
    /// `GET /api/v1/account`
    case account
    /// `GET /files/{jobId}/{name}` (output files; no authentication)
    case files
}
