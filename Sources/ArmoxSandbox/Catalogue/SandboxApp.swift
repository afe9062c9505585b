/// One input of a workflow app. Runs key their `inputs` by `id`; `targetHandle`
/// names the model input the value feeds.
struct AppInput: Sendable {
    let id: String
    let type: String
    let label: String
    let required: Bool
    let targetHandle: String
    let allowMultiple: Bool

    var json: JSONValue {
        var object: JSONObject = [
            "id": .string(id), "type": .string(type), "label": .string(label),
            "required": .bool(required), "targetHandle": .string(targetHandle),
        ]
        if allowMultiple { object["allowMultiple"] = true }
        return .object(object)
    }
}

/// A workflow app built in Armox Canvas, as `GET /apps` lists it.
struct SandboxApp: Sendable {
    let id: String
    let name: String
    let description: String
    let brainId: String
    let tags: [String]
    let cost: Int
    let inputs: [AppInput]
    /// The canvas node whose image is the app's result
    /// (`output_data.node_outputs.{outputNodeId}.outputImage`).
    let outputNodeId: String

    /// The `GET /apps` entry. `thumbnail_url` points at a real PNG the sandbox
    /// serves, so a client that previews thumbnails has something to show.
    func json(origin: String) -> JSONValue {
        [
            "id": .string(id),
            "name": .string(name),
            "description": .string(description),
            "icon": nil,
            "thumbnail_url": .string("\(origin)/files/thumbnails/\(id).png"),
            "is_template": true,
            "brain_id": .string(brainId),
            "tags": .array(tags.map(JSONValue.string)),
            "cost": .int(cost),
            "inputs": .array(inputs.map(\.json)),
        ]
    }
}
