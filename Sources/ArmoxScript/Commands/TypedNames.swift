import ArmoxAPI

/// The names users type for what the catalogue describes, shared by the
/// evaluator (which checks them) and the completer (which offers them).
extension Model {
    /// The input keys a model takes besides its settings, from its input
    /// types: `prompt`, `image_input`, `video_input`, `audio_input`.
    public var inputKeys: [String] {
        var keys: [String] = []
        let types = Set(inputTypes.map { $0.lowercased() })
        if types.contains("text") || promptRequired { keys.append("prompt") }
        for (type, key) in MediaInputs.keys where types.contains(type) {
            keys.append(key)
        }
        return keys
    }
}

extension AppInput {
    /// The name users type for an input: its targetHandle, else its label
    /// with underscores for spaces, else its id.
    public var typedName: String {
        if let handle = targetHandle, !handle.isEmpty { return handle }
        if let label, !label.isEmpty { return Self.normalized(label) }
        return id
    }

    /// A label as a key: lowercased, spaces and dashes as underscores.
    static func normalized(_ name: String) -> String {
        name.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" }).joined(separator: "_")
    }
}

extension App {
    /// The input a user names by id, targetHandle or label (as written, or
    /// with underscores for spaces).
    public func input(typed key: String) -> AppInput? {
        input(named: key) ?? inputs.first { $0.label.map(AppInput.normalized) == AppInput.normalized(key) }
    }
}
