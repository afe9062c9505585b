import Foundation

/// A workflow app built in Armox Canvas (`GET /apps`).
public struct App: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var description: String?
    public var tags: [String]
    public var isTemplate: Bool?
    public var cost: Int?
    public var inputs: [AppInput]

    public init(id: String, name: String, description: String? = nil, tags: [String] = [], isTemplate: Bool? = nil, cost: Int? = nil, inputs: [AppInput] = []) {
        self.id = id
        self.name = name
        self.description = description
        self.tags = tags
        self.isTemplate = isTemplate
        self.cost = cost
        self.inputs = inputs
    }

    enum CodingKeys: String, CodingKey {
        case id, name, description, tags, cost, inputs
        case isTemplate = "is_template"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = c.lenientString(.name) ?? id
        description = c.lenientString(.description)
        tags = c.lenientStrings(.tags)
        isTemplate = c.lenientBool(.isTemplate)
        cost = c.lenientCredits(.cost)
        inputs = (c.lenient([Lenient<AppInput>].self, .inputs) ?? []).compactMap(\.value)
    }

    /// The input a user names by its id, its `targetHandle` or its label (case-insensitive).
    public func input(named name: String) -> AppInput? {
        inputs.first { $0.id == name }
            ?? inputs.first { $0.targetHandle == name }
            ?? inputs.first { $0.label?.lowercased() == name.lowercased() }
    }
}

/// One input of an app. `id` is the key the API wants; `targetHandle` and
/// `label` are the friendlier names users type.
public struct AppInput: Sendable, Hashable, Codable {
    public var id: String
    public var type: String
    public var label: String?
    public var required: Bool
    public var targetHandle: String?
    public var allowMultiple: Bool

    public init(id: String, type: String, label: String? = nil, required: Bool = false, targetHandle: String? = nil, allowMultiple: Bool = false) {
        self.id = id
        self.type = type
        self.label = label
        self.required = required
        self.targetHandle = targetHandle
        self.allowMultiple = allowMultiple
    }

    enum CodingKeys: String, CodingKey {
        case id, type, label, required, targetHandle, allowMultiple
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        type = c.lenientString(.type) ?? "text"
        label = c.lenientString(.label)
        required = c.lenientBool(.required) ?? false
        targetHandle = c.lenientString(.targetHandle)
        allowMultiple = c.lenientBool(.allowMultiple) ?? false
    }
}
