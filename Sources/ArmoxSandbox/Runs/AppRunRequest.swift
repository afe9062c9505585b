/// A validated `POST /apps/run` body.
struct AppRunRequest: Sendable {
    let app: SandboxApp
    let inputs: JSONObject
    let webhookURL: String?

    /// The values of the app's text inputs (where the failure marker is looked for).
    var textInputs: [String] {
        app.inputs.filter { $0.type == "text" }.flatMap { inputs[$0.id]?.allStrings ?? [] }
    }

    /// Parses and validates a body: JSON, `app_id` (404 when unknown),
    /// `inputs`, `webhook_url`, then the required inputs, reported by label
    /// (`Missing required inputs: Input Images, Aspect Ratio`). Inputs are keyed
    /// by the input's `id`; an empty string or list counts as missing.
    static func parse(_ body: [UInt8]) -> Result<AppRunRequest, APIError> {
        guard let json = JSONValue.parse(body) else { return .failure(.invalidJSON) }
        guard let object = json.objectValue else { return .failure(APIError(400, "Request body must be a JSON object")) }
        guard let appValue = object["app_id"], !appValue.isNull else {
            return .failure(APIError(400, "Missing required field: app_id"))
        }
        guard let appId = appValue.stringValue, let app = AppCatalogue.app(appId) else {
            return .failure(.appNotFound)
        }
        var inputs = JSONObject()
        if let inputsValue = object["inputs"], !inputsValue.isNull {
            guard let inputsObject = inputsValue.objectValue else {
                return .failure(APIError(400, "inputs must be a JSON object"))
            }
            inputs = inputsObject
        }
        let webhookURL: String?
        switch WebhookURLPolicy.read(object["webhook_url"]) {
        case .success(let url): webhookURL = url
        case .failure(let error): return .failure(error)
        }
        let missing = app.inputs.filter { $0.required && isBlank(inputs[$0.id]) }.map(\.label)
        if !missing.isEmpty { return .failure(.missingInputs(missing)) }
        return .success(AppRunRequest(app: app, inputs: inputs, webhookURL: webhookURL))
    }

    private static func isBlank(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null: return true
        case .string(let text): return text.trimmingSpaces.isEmpty
        case .array(let values): return values.allSatisfy { isBlank($0) }
        case .bool, .number, .object: return false
        }
    }
}
