import ArmoxAPI
import Foundation
import GRDB

/// What the ledger is told before a run is sent.
public struct RunStart: Sendable {
    public enum Kind: String, Sendable {
        case model, app
    }

    /// The API's base URL (`sandbox` for the built-in one): runs of one
    /// server are never mixed with another's.
    public var server: String
    public var session: String
    /// `FILE:LINE`, `-c:LINE`, `stdin:LINE` or `prompt`.
    public var source: String
    /// The script's absolute path, when a file ran it (what `--resume` matches on).
    public var script: String?
    public var kind: Kind
    /// The model id, or the app's id.
    public var subject: String
    public var appName: String?
    /// The input exactly as sent (a model's `input`, an app's `inputs`).
    public var input: JSONValue
    public var webhook: String?
    /// The catalogue's cost, when it gives one.
    public var estimatedCost: Int?

    public init(
        server: String, session: String, source: String, script: String?, kind: Kind, subject: String,
        appName: String? = nil, input: JSONValue, webhook: String? = nil, estimatedCost: Int? = nil
    ) {
        self.server = server
        self.session = session
        self.source = source
        self.script = script
        self.kind = kind
        self.subject = subject
        self.appName = appName
        self.input = input
        self.webhook = webhook
        self.estimatedCost = estimatedCost
    }
}

/// Where a run stands in the ledger, apart from its job's status.
public enum RunState: String, Sendable {
    /// Written, and the request going out: a process that died here left a
    /// run that may have been accepted.
    case sending
    /// The server answered with a job.
    case accepted
    /// The request may have reached the server, but no answer said so.
    case uncertain
    /// The server answered that it did not take the run (nothing charged).
    case refused
}

/// A file `download` saved from a run's output.
public struct LedgerDownload: Sendable, Equatable {
    public var url: String
    public var path: String
    public var size: Int
    public var sha256: String
    public var at: String
}

/// One run as the ledger holds it.
public struct LedgerRun: Sendable {
    public var id: Int64
    public var server: String
    public var session: String
    public var source: String
    public var script: String?
    public var kind: RunStart.Kind
    public var subject: String
    public var appName: String?
    public var input: JSONValue
    public var prompt: String?
    public var webhook: String?
    public var estimatedCost: Int?
    public var state: RunState
    public var jobID: String?
    /// The job's last known status (`gone`: a sandbox job whose process ended).
    public var status: String?
    public var creditsCharged: Int?
    public var creditsRefunded: Int
    public var outputs: [String]
    public var output: JSONValue?
    public var error: String?
    public var sentAt: String
    public var createdAt: String?
    public var completedAt: String?
    public var updatedAt: String
    public var downloads: [LedgerDownload] = []

    /// The run as a job, for what shows jobs (nil before the server gave it an id).
    public var job: Job? {
        guard let jobID else { return nil }
        return Job(
            id: jobID, status: JobStatus(status ?? "pending"), runType: kind.rawValue,
            model: kind == .model ? subject : nil, appID: kind == .app ? subject : nil, appName: appName,
            input: input, output: output, error: error, creditsCharged: creditsCharged,
            createdAt: createdAt ?? sentAt, completedAt: completedAt)
    }

    /// Sent, and maybe charged, though no answer said so (or armox ended before one came).
    public var mayHaveBeenAccepted: Bool { state == .sending || state == .uncertain }

    init(row: Row) {
        id = row["id"]
        server = row["server"]
        session = row["session"]
        source = row["source"]
        script = row["script"]
        kind = RunStart.Kind(rawValue: row["kind"]) ?? .model
        subject = row["subject"]
        appName = row["app_name"]
        input = LedgerJSON.decode(row["input"]) ?? .null
        prompt = row["prompt"]
        webhook = row["webhook"]
        estimatedCost = row["estimated_cost"]
        state = RunState(rawValue: row["state"]) ?? .uncertain
        jobID = row["job_id"]
        status = row["status"]
        creditsCharged = row["credits_charged"]
        creditsRefunded = row["credits_refunded"]
        outputs = LedgerJSON.decode(row["outputs"])?.arrayValue?.compactMap(\.stringValue) ?? []
        output = (row["output"] as String?).flatMap(LedgerJSON.decode)
        error = row["error"]
        sentAt = row["sent_at"]
        createdAt = row["created_at"]
        completedAt = row["completed_at"]
        updatedAt = row["updated_at"]
    }
}

/// JSON in the ledger's text columns: compact, keys sorted, so equal inputs
/// are equal text (what `--resume` compares).
enum LedgerJSON {
    static func encode(_ value: JSONValue) -> String { value.jsonString() }

    static func decode(_ text: String?) -> JSONValue? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}
