import ArmoxAPI

/// Checks a run against the catalogue before anything is sent: a run that
/// is refused here costs nothing and sends nothing.
enum RunPlanner {
    /// Every key a run of `model` may carry.
    static func allKeys(of model: Model) -> [String] {
        let inputs = model.inputKeys
        return inputs + model.settings.map(\.key).filter { !inputs.contains($0) }
    }

    enum Kind {
        case select([String]), number(min: Double?, max: Double?, whole: Bool), boolean, other
    }

    static func kind(of setting: ModelSetting) -> Kind {
        if let options = setting.options, !options.isEmpty { return .select(options) }
        switch setting.inputType.lowercased() {
        case "integer", "int": return .number(min: setting.min, max: setting.max, whole: true)
        case "number", "float", "slider": return .number(min: setting.min, max: setting.max, whole: false)
        case "boolean", "bool", "toggle", "switch", "checkbox": return .boolean
        default: return .other
        }
    }

    /// The allowed values as help text: `1:1, 16:9`, `1 to 4`, `true, false`.
    static func allowed(_ setting: ModelSetting) -> String? {
        switch kind(of: setting) {
        case .select(let options): return options.joined(separator: ", ")
        case .number(let min, let max, let whole):
            if whole, min == nil, max == nil { return "a whole number" }
            switch (min, max) {
            case let (min?, max?): return "\(Number(min).raw) to \(Number(max).raw)"
            case let (min?, nil): return "at least \(Number(min).raw)"
            case let (nil, max?): return "at most \(Number(max).raw)"
            default: return "a number"
            }
        case .boolean: return "true, false"
        case .other: return nil
        }
    }

    static func unknownKey(_ key: String, of model: Model, at location: SourceLocation, settingsOnly: Bool = false) -> ScriptError {
        let keys = settingsOnly ? model.settings.map(\.key) : allKeys(of: model)
        let near = Nearest.matches(for: key, among: keys, limit: 1)
        let list = keys.isEmpty ? "it takes no settings" : "its keys: " + keys.joined(separator: ", ")
        return ScriptError(
            "\(model.id) has no setting \"\(key)\"",
            hint: (near.first.map { "did you mean \($0)? " } ?? "") + list, at: location)
    }

    /// `value` made the type `setting` wants (a select's `5` is the text "5";
    /// a number setting's "2" is the number 2), or an error naming what is allowed.
    static func checked(_ value: Value, for setting: ModelSetting, of model: Model, at location: SourceLocation) throws -> Value {
        func refuse(_ what: String) -> ScriptError {
            ScriptError(
                "\(value.text) is not \(what) for \(setting.key) of \(model.id)",
                hint: allowed(setting).map { "allowed: \($0)" }, at: location)
        }
        if case .null = value { return value }
        // `armox check`: a value known only at run time is checked then, by the run itself.
        if value.isKnownOnlyAtRunTime { return value }
        switch kind(of: setting) {
        case .select(let options):
            guard value.isScalar, options.contains(value.text) else { throw refuse("an allowed value") }
            // As the catalogue lists it: `8` where it gave the number 8.
            return setting.typedOptions[value.text].map(Value.init) ?? .string(value.text)
        case .number(let min, let max, let whole):
            guard value.isNumberLike, let number = Double(value.text) else { throw refuse("a number") }
            if whole, number.rounded() != number { throw refuse("a whole number") }
            // Sent as a JSON number: an integer past 2^53 (a seed, say)
            // would arrive as another number. A float setting written in
            // exponent form (`scale=1e20`) means the float it reads as.
            let digits = value.text.drop { $0 == "-" }
            let writtenAsInteger = !digits.isEmpty && digits.allSatisfy { ("0"..."9").contains($0) }
            if whole || writtenAsInteger, abs(number) >= WholeNumber.limit {
                throw ScriptError(
                    "\(value.text) is too large to send exactly for \(setting.key) of \(model.id)",
                    hint: "JSON numbers are exact up to 9007199254740992 (2^53)", at: location)
            }
            if let min, number < min { throw refuse("in range") }
            if let max, number > max { throw refuse("in range") }
            return .number(Number(raw: value.text))
        case .boolean:
            switch value.text {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw refuse("true or false")
            }
        case .other:
            return value
        }
    }

    /// The `input` object of a run: session defaults under the line's own
    /// values, every key and value checked; media inputs must be URLs. With
    /// `unlisted`, keys the catalogue does not list are sent as written and
    /// returned, so the caller can name them.
    static func input(
        for model: Model, prompt: (value: Value, location: SourceLocation)?, pairs: [Invocation.Pair],
        defaults: [String: Value], at location: SourceLocation, allowingUnlisted: Bool = false
    ) throws -> (input: [String: JSONValue], unlisted: [String]) {
        var input: [String: JSONValue] = [:]
        var unlisted: [String] = []
        for (key, value) in defaults where model.setting(key) != nil {
            input[key] = try value.json()
        }
        let inputKeys = Set(model.inputKeys)
        for pair in pairs {
            if let setting = model.setting(pair.key) {
                input[pair.key] = try checked(pair.value, for: setting, of: model, at: pair.valueLocation).jsonAt(pair.valueLocation)
            } else if inputKeys.contains(pair.key) {
                if pair.key == "prompt", prompt != nil {
                    throw ScriptError("the prompt is given twice", hint: "drop prompt= or the quoted prompt", at: pair.location)
                }
                input[pair.key] = try pair.value.jsonAt(pair.valueLocation)
            } else if allowingUnlisted {
                input[pair.key] = try pair.value.jsonAt(pair.valueLocation)
                unlisted.append(pair.key)
                continue
            } else {
                throw unknownKey(pair.key, of: model, at: pair.location)
            }
            // Known only at run time: checked then, by the run itself.
            if MediaInputs.isMedia(pair.key, of: model), !pair.value.isKnownOnlyAtRunTime, let value = input[pair.key] {
                try MediaInputs.check(value, pair.key, at: pair.valueLocation)
            }
        }
        if let prompt {
            guard prompt.value.isScalar else {
                throw ScriptError("the prompt is \(prompt.value.kindName), not text", at: prompt.location)
            }
            input["prompt"] = .string(prompt.value.text)
        }
        if case .string(let text)? = input["prompt"], text.isEmpty { input["prompt"] = nil }
        if model.promptRequired && input["prompt"] == nil {
            throw ScriptError(
                "\(model.id) needs a prompt", hint: "run \(model.id) \"a red fox in the snow\"", at: location)
        }
        let media = MediaInputs.required(by: model)
        if !media.isEmpty, unlisted.isEmpty, !media.contains(where: { input[$0] != nil && input[$0] != .null }) {
            let names = media.joined(separator: " or ")
            throw ScriptError(
                "\(model.id) needs \(names): it takes no text, only what it is given",
                hint: "run \(model.id) \(media[0])=$hero (a job, or a URL)", at: location)
        }
        return (input, unlisted)
    }
}

extension Value {
    /// Written as a number (`5`, `"5"`), so a number setting can take it.
    var isNumberLike: Bool {
        switch self {
        case .number: return true
        case .string(let text): return Double(text)?.isFinite == true
        default: return false
        }
    }

    /// `json()` with the error placed at the value's word.
    func jsonAt(_ location: SourceLocation) throws -> JSONValue {
        do {
            return try json()
        } catch var error as ScriptError {
            if error.location == nil { error.location = location }
            throw error
        }
    }
}
