import ArmoxAPI

/// Inputs that carry media (an image, a video, a sound) to a model or an
/// app. The API reads them from URLs, so anything else sent there is
/// charged for a run that cannot work: such a value is refused before sending.
enum MediaInputs {
    /// The media a model's `inputTypes` can name, and the input key each is sent under.
    static let keys: [(type: String, key: String)] = [("image", "image_input"), ("video", "video_input"), ("audio", "audio_input")]

    /// Setting and app-input types that hold media.
    static let types: Set<String> = ["image", "video", "audio", "file", "url"]

    /// True when `key` of `model` carries media: one of the `*_input` keys
    /// its input types name, or a setting whose type is a medium.
    static func isMedia(_ key: String, of model: Model) -> Bool {
        if let setting = model.setting(key) { return types.contains(setting.inputType.lowercased()) }
        return keys.contains { $0.key == key }
    }

    /// The media keys a model must be given one of: a model that takes no
    /// text works only on what it is given (an upscaler, image-to-3D).
    /// Empty for a model that takes text, or whose input types are not known.
    static func required(by model: Model) -> [String] {
        let types = Set(model.inputTypes.map { $0.lowercased() })
        guard !types.isEmpty, !types.contains("text"), !model.promptRequired else { return [] }
        return keys.filter { types.contains($0.type) }.map(\.key)
    }

    /// Refuses a media value that is not an `http(s)` URL (a job value was
    /// already turned into its first output URL). `what` names the input.
    /// A value known only at run time is checked then: callers skip it.
    static func check(_ value: JSONValue, _ what: String, at location: SourceLocation) throws {
        switch value {
        case .array(let items):
            for item in items { try check(item, what, at: location) }
        case .string(let text):
            guard !isURL(text) else { return }
            throw ScriptError(
                "\(what) takes a URL, and \(Self.quoted(text)) is not one",
                hint: "the API reads inputs from URLs: upload the file and pass its URL, or pass a job (\(what)=$hero)",
                at: location)
        case .null:
            return
        case .number, .bool, .object:
            let kind = if case .object = value { "an object" } else if case .bool = value { "true or false" } else { "a number" }
            throw ScriptError(
                "\(what) takes a URL (or a list of them), not \(kind)",
                hint: "pass a URL or a job: \(what)=$hero", at: location)
        }
    }

    static func isURL(_ text: String) -> Bool {
        let lower = text.prefix(8).lowercased()
        return (lower.hasPrefix("https://") && text.count > 8) || (lower.hasPrefix("http://") && text.count > 7)
    }

    static func quoted(_ text: String) -> String {
        "\"" + (text.count > 60 ? String(text.prefix(59)) + "…" : text) + "\""
    }
}

extension Evaluator {
    /// `run --unlisted`: names, once per statement, the keys sent that the
    /// catalogue does not list; while checking, the plan lists them instead.
    func noteUnlisted(_ keys: [String], of model: Model, _ invocation: Invocation) {
        if let plan {
            plan.unlisted.append(RunPlan.Unlisted(location: invocation.location, keys: keys))
            return
        }
        let them = keys.count == 1 ? "it" : "them"
        let text = "\(invocation.location): sending \(keys.joined(separator: ", ")) as written: the catalogue does not list \(them) for \(model.id) (--unlisted)"
        guard notedUnlisted.insert(text).inserted else { return }
        output.err(noteLine(text))
    }
}
