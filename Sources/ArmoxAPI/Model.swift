import Foundation

/// A model of the catalogue (`GET /models`).
public struct Model: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var modality: String
    public var cost: Int?
    public var inputTypes: [String]
    public var promptRequired: Bool
    public var outputType: String?
    public var description: String?
    public var settings: [ModelSetting]

    public init(
        id: String, name: String, modality: String, cost: Int? = nil, inputTypes: [String] = [],
        promptRequired: Bool = true, outputType: String? = nil, description: String? = nil,
        settings: [ModelSetting] = []
    ) {
        self.id = id
        self.name = name
        self.modality = modality
        self.cost = cost
        self.inputTypes = inputTypes
        self.promptRequired = promptRequired
        self.outputType = outputType
        self.description = description
        self.settings = settings
    }

    enum CodingKeys: String, CodingKey {
        case id, name, modality, cost, inputTypes, promptRequired, outputType, description, settings
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = c.lenientString(.name) ?? id
        modality = c.lenientString(.modality) ?? "unknown"
        cost = c.lenientCredits(.cost)
        inputTypes = c.lenientStrings(.inputTypes)
        // The reference documents the field; a model without it is taken to need a prompt.
        promptRequired = c.lenientBool(.promptRequired) ?? true
        outputType = c.lenientString(.outputType)
        description = c.lenientString(.description)
        settings = (c.lenient([Lenient<ModelSetting>].self, .settings) ?? []).compactMap(\.value)
    }

    public func setting(_ key: String) -> ModelSetting? {
        settings.first { $0.key == key }
    }
}

/// One setting of a model. Only `inputType: "select"` is documented; any other
/// type is kept as given, with `options`, `min` and `max` when the server sends them.
public struct ModelSetting: Sendable, Hashable, Codable {
    public var key: String
    public var label: String?
    public var inputType: String
    public var defaultValue: JSONValue?
    /// Allowed values of a select, as strings (options may come as plain values
    /// or as `{ "value": ..., "label": ... }` objects).
    public var options: [String]?
    /// The options the server gave as numbers or booleans, by their text:
    /// a run sends `"duration": 8`, as listed, not the string `"8"`.
    public var typedOptions: [String: JSONValue] = [:]
    public var min: Double?
    public var max: Double?

    public init(
        key: String, label: String? = nil, inputType: String = "text", defaultValue: JSONValue? = nil,
        options: [String]? = nil, typedOptions: [String: JSONValue] = [:], min: Double? = nil, max: Double? = nil
    ) {
        self.key = key
        self.label = label
        self.inputType = inputType
        self.defaultValue = defaultValue
        self.options = options
        self.typedOptions = typedOptions
        self.min = min
        self.max = max
    }

    enum CodingKeys: String, CodingKey {
        case key, label, inputType, defaultValue, options, min, max
    }

    /// As it was read: each option a number or boolean where the server gave one.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encodeIfPresent(label, forKey: .label)
        try c.encode(inputType, forKey: .inputType)
        try c.encodeIfPresent(defaultValue, forKey: .defaultValue)
        try c.encodeIfPresent(options.map { $0.map { typedOptions[$0] ?? .string($0) } }, forKey: .options)
        try c.encodeIfPresent(min, forKey: .min)
        try c.encodeIfPresent(max, forKey: .max)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        label = c.lenientString(.label)
        inputType = c.lenientString(.inputType) ?? "text"
        defaultValue = c.lenient(JSONValue.self, .defaultValue)
        let listed = c.lenient(JSONValue.self, .options)
        options = listed.flatMap(Self.options(from:))
        typedOptions = listed.map(Self.typedOptions(from:)) ?? [:]
        min = c.lenientDouble(.min)
        max = c.lenientDouble(.max)
    }

    /// The options of `value` given as numbers or booleans (plain, or as an
    /// object's `value`), by the text `options(from:)` gives them.
    static func typedOptions(from value: JSONValue) -> [String: JSONValue] {
        var typed: [String: JSONValue] = [:]
        for option in value.arrayValue ?? [] {
            let given = option["value"] ?? option
            switch given {
            case .number, .bool: typed[given.displayString] = given
            default: break
            }
        }
        return typed
    }

    /// A select's allowed values from the `options` field: plain values, or
    /// `{ "value": …, "label": … }` objects; nil when it is not a list.
    static func options(from value: JSONValue) -> [String]? {
        value.arrayValue.map { list in
            list.compactMap { option -> String? in
                if let value = option["value"] { return value.displayString }
                if case .object = option { return nil }
                if case .array = option { return nil }
                return option.displayString
            }
        }
    }

    public var isSelect: Bool { inputType.lowercased() == "select" || options?.isEmpty == false }
}

/// Decodes an element or gives nil, so one bad entry does not sink a whole list.
struct Lenient<T: Decodable>: Decodable {
    let value: T?
    init(from decoder: Decoder) throws {
        value = try? T(from: decoder)
    }
}
