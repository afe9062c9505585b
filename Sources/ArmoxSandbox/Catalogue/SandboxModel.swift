/// What a model produces; decides the sandbox's answer (200 or 202), how long
/// the job takes and what kind of file it outputs.
enum Modality: String, Sendable {
    case image, video, audio, text
    case threeD = "3d"

    /// Image and text models finish within the request (200); the others are
    /// accepted and run in the background (202), as the API reference describes.
    var isSynchronous: Bool {
        self == .image || self == .text
    }
}

/// One setting of a model, as `GET /models` lists it.
struct ModelSetting: Sendable {
    enum Kind: Sendable {
        case select(options: [String])
        case number(min: Double, max: Double)
        case boolean
        case text
    }

    let key: String
    let label: String
    let kind: Kind
    let defaultValue: JSONValue

    var inputTypeName: String {
        switch kind {
        case .select: return "select"
        case .number: return "number"
        case .boolean: return "boolean"
        case .text: return "text"
        }
    }

    var json: JSONValue {
        var object: JSONObject = ["key": .string(key), "label": .string(label), "inputType": .string(inputTypeName)]
        object["defaultValue"] = defaultValue
        switch kind {
        case .select(let options): object["options"] = .array(options.map(JSONValue.string))
        case .number(let min, let max):
            object["min"] = .number(min)
            object["max"] = .number(max)
        case .boolean, .text: break
        }
        return .object(object)
    }
}

/// One model of the sandbox catalogue.
struct SandboxModel: Sendable {
    let id: String
    let name: String
    let modality: Modality
    let cost: Int
    let inputTypes: [String]
    let promptRequired: Bool
    let description: String
    let settings: [ModelSetting]

    func setting(_ key: String) -> ModelSetting? {
        settings.first { $0.key == key }
    }

    /// The `GET /models` entry.
    var json: JSONValue {
        [
            "id": .string(id),
            "name": .string(name),
            "modality": .string(modality.rawValue),
            "cost": .int(cost),
            "inputTypes": .array(inputTypes.map(JSONValue.string)),
            "promptRequired": .bool(promptRequired),
            "outputType": .string(modality.rawValue),
            "description": .string(description),
            "settings": .array(settings.map(\.json)),
        ]
    }
}
