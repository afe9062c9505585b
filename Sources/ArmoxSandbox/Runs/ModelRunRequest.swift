/// A validated `POST /models/run` body.
struct ModelRunRequest: Sendable {
    let model: SandboxModel
    let input: JSONObject
    let webhookURL: String?

    var prompt: String? { input["prompt"]?.stringValue }

    /// Parses and validates a body in the order a client would fix it: JSON,
    /// model, `input`, `webhook_url`, prompt, settings. Unknown setting keys
    /// are ignored, as the API does. Credits are checked later, by the ledger.
    static func parse(_ body: [UInt8]) -> Result<ModelRunRequest, APIError> {
        guard let json = JSONValue.parse(body) else { return .failure(.invalidJSON) }
        guard let object = json.objectValue else { return .failure(APIError(400, "Request body must be a JSON object")) }
        guard let modelValue = object["model"], !modelValue.isNull else {
            return .failure(APIError(400, "Missing required field: model"))
        }
        guard let modelId = modelValue.stringValue, let model = ModelCatalogue.model(modelId) else {
            return .failure(APIError(400, "Invalid model: \(modelValue.displayText)"))
        }
        var input = JSONObject()
        if let inputValue = object["input"], !inputValue.isNull {
            guard let inputObject = inputValue.objectValue else {
                return .failure(APIError(400, "input must be a JSON object"))
            }
            input = inputObject
        }
        let webhookURL: String?
        switch WebhookURLPolicy.read(object["webhook_url"]) {
        case .success(let url): webhookURL = url
        case .failure(let error): return .failure(error)
        }
        if let prompt = input["prompt"], !prompt.isNull, prompt.stringValue == nil {
            return .failure(APIError(400, "prompt must be a string"))
        }
        if model.promptRequired, (input["prompt"]?.stringValue ?? "").trimmingSpaces.isEmpty {
            return .failure(.missingInputs(["Prompt"]))
        }
        for setting in model.settings {
            if let value = input[setting.key], let error = SettingValidator.validate(value, for: setting) {
                return .failure(error)
            }
        }
        return .success(ModelRunRequest(model: model, input: input, webhookURL: webhookURL))
    }
}
