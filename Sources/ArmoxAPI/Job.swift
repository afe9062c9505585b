import Foundation

/// One job, whichever endpoint it came from.
///
/// The API has two shapes: a run's reply says `model`, `output`, `error`; the
/// job record of `GET /jobs` says `model_id`, `output_data`, `error_message`.
/// Both decode into this one type, so nothing above the client sees the difference.
public struct Job: Sendable, Hashable, Codable {
    public var id: String
    public var status: JobStatus
    /// `model` or `app` when the server says so.
    public var runType: String?
    public var model: String?
    public var appID: String?
    public var appName: String?
    /// What the job was run with: a model run's input object (`prompt` and
    /// the settings), an app run's inputs keyed by input id. The run answer
    /// has none (the client fills in what it sent); the job record nests it
    /// in `input_data` (`input` or `inputs`), unwrapped here so both read alike.
    public var input: JSONValue?
    public var output: JSONValue?
    public var error: String?
    public var creditsCharged: Int?
    public var createdAt: String?
    public var completedAt: String?
    public var cancelledAt: String?
    public var webhookDelivered: Bool?

    public init(
        id: String, status: JobStatus, runType: String? = nil, model: String? = nil, appID: String? = nil,
        appName: String? = nil, input: JSONValue? = nil, output: JSONValue? = nil, error: String? = nil,
        creditsCharged: Int? = nil, createdAt: String? = nil, completedAt: String? = nil,
        cancelledAt: String? = nil, webhookDelivered: Bool? = nil
    ) {
        self.id = id
        self.status = status
        self.runType = runType
        self.model = model
        self.appID = appID
        self.appName = appName
        self.input = input
        self.output = output
        self.error = error
        self.creditsCharged = creditsCharged
        self.createdAt = createdAt
        self.completedAt = completedAt
        self.cancelledAt = cancelledAt
        self.webhookDelivered = webhookDelivered
    }

    enum CodingKeys: String, CodingKey {
        case id, status
        case runType = "run_type"
        case model
        case modelID = "model_id"
        case appID = "app_id"
        case appName = "app_name"
        case inputData = "input_data"
        case output
        case outputData = "output_data"
        case error
        case errorMessage = "error_message"
        case creditsCharged = "credits_charged"
        case createdAt = "created_at"
        case completedAt = "completed_at"
        case cancelledAt = "cancelled_at"
        case webhookDelivered = "webhook_delivered"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        status = try c.decode(JobStatus.self, forKey: .status)
        runType = c.lenientString(.runType)
        model = c.lenientString(.model) ?? c.lenientString(.modelID)
        let output = c.lenient(JSONValue.self, .output) ?? c.lenient(JSONValue.self, .outputData)
        self.output = output == .null ? nil : output
        appID = c.lenientString(.appID) ?? output?["app_id"]?.stringValue
        appName = c.lenientString(.appName) ?? output?["app_name"]?.stringValue
        input = Self.unwrapped(c.lenient(JSONValue.self, .inputData))
        error = c.lenientString(.error) ?? c.lenientString(.errorMessage)
        creditsCharged = c.lenientCredits(.creditsCharged)
        createdAt = c.lenientString(.createdAt)
        completedAt = c.lenientString(.completedAt)
        cancelledAt = c.lenientString(.cancelledAt)
        webhookDelivered = c.lenientBool(.webhookDelivered)
    }

    /// Encodes the one shape armox shows users (`model`, `output`, `error`).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(runType, forKey: .runType)
        try c.encodeIfPresent(model, forKey: .model)
        try c.encodeIfPresent(appID, forKey: .appID)
        try c.encodeIfPresent(appName, forKey: .appName)
        try c.encodeIfPresent(input.map { JSONValue.object([isAppRun ? "inputs" : "input": $0]) }, forKey: .inputData)
        try c.encodeIfPresent(output, forKey: .output)
        try c.encodeIfPresent(error, forKey: .error)
        try c.encodeIfPresent(creditsCharged, forKey: .creditsCharged)
        try c.encodeIfPresent(createdAt, forKey: .createdAt)
        try c.encodeIfPresent(completedAt, forKey: .completedAt)
        try c.encodeIfPresent(cancelledAt, forKey: .cancelledAt)
        try c.encodeIfPresent(webhookDelivered, forKey: .webhookDelivered)
    }

    /// `input_data.input` (a model run) or `input_data.inputs` (an app run),
    /// when it is an object; nil for anything else a server sends there.
    static func unwrapped(_ inputData: JSONValue?) -> JSONValue? {
        for key in ["input", "inputs"] {
            if let inner = inputData?[key], case .object = inner { return inner }
        }
        return nil
    }

    /// An app's run rather than a model's, as far as the job says.
    var isAppRun: Bool { runType == "app" || (model == nil && appID != nil) }

    /// Every output URL, wherever it sits in the output, in a stable order.
    public var outputURLs: [String] {
        guard let output else { return [] }
        return OutputURLs.find(in: output)
    }

    /// The text of a text model's output (`outputText`), when there is one.
    public var outputText: String? {
        output?["outputText"]?.stringValue ?? output?["text"]?.stringValue
    }
}

/// Finds output URLs without knowing the output's keys: only `outputImage` is
/// documented; video, audio, 3D and app outputs are found by walking the value.
public enum OutputURLs {
    /// Keys looked at first, in this order; every other key follows alphabetically.
    static let preferredKeys = [
        "outputImage", "outputImages", "outputVideo", "outputVideos", "outputAudio", "outputModel",
        "output", "outputs", "url", "urls", "node_outputs",
    ]

    public static func find(in value: JSONValue) -> [String] {
        var found: [String] = []
        var seen: Set<String> = []
        walk(value) { url in
            if seen.insert(url).inserted { found.append(url) }
        }
        return found
    }

    static func walk(_ value: JSONValue, _ visit: (String) -> Void) {
        switch value {
        case .string(let s):
            if isURL(s) { visit(s) }
        case .array(let items):
            for item in items { walk(item, visit) }
        case .object(let fields):
            let rest = fields.keys.filter { !preferredKeys.contains($0) }.sorted()
            for key in preferredKeys + rest {
                if let field = fields[key] { walk(field, visit) }
            }
        default:
            break
        }
    }

    static func isURL(_ s: String) -> Bool {
        let lower = s.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && !s.contains(" ") && s.count > 8
    }
}
