import ArmoxAPI

extension Value {
    /// A model as a language value, field by field: the same value
    /// `Value.encoding(model)` gives (a test holds them equal), without the
    /// encoder in between — `m = models` over 100,000 models took seconds that way.
    init(model: Model) {
        var fields: [String: Value] = [
            "id": .string(model.id), "name": .string(model.name), "modality": .string(model.modality),
            "inputTypes": .list(model.inputTypes.map(Value.string)), "promptRequired": .bool(model.promptRequired),
            "settings": .list(model.settings.map(Value.init(setting:))),
        ]
        fields.reserveCapacity(9)
        if let cost = model.cost { fields["cost"] = .number(Number(Double(cost))) }
        if let outputType = model.outputType { fields["outputType"] = .string(outputType) }
        if let description = model.description { fields["description"] = .string(description) }
        self = .object(fields)
    }

    init(setting: ModelSetting) {
        var fields: [String: Value] = ["key": .string(setting.key), "inputType": .string(setting.inputType)]
        if let label = setting.label { fields["label"] = .string(label) }
        if let value = setting.defaultValue { fields["defaultValue"] = Value(value) }
        if let options = setting.options { fields["options"] = .list(options.map(Value.string)) }
        if let min = setting.min { fields["min"] = .number(Number(min)) }
        if let max = setting.max { fields["max"] = .number(Number(max)) }
        self = .object(fields)
    }
}
