/// Checks one setting value of a run against the catalogue, the way the real
/// API rejects a bad select value: 400 with a message naming what is allowed.
///
/// Values are read leniently where the meaning is unambiguous, because a
/// shell passes what the user typed: `duration=5` may arrive as the number 5
/// for a select whose options are `"5"` and `"10"`, and `num_outputs="2"` as a
/// string. `null` means "not given" and is always accepted.
enum SettingValidator {
    static func validate(_ value: JSONValue, for setting: ModelSetting) -> APIError? {
        if value.isNull { return nil }
        switch setting.kind {
        case .select(let options):
            guard let text = scalarText(value), options.contains(text) else {
                return APIError(
                    400,
                    "Invalid value for \(setting.key): \(value.displayText). Allowed values: "
                        + options.joined(separator: ", "))
            }
        case .number(let min, let max):
            guard let number = number(from: value), number >= min, number <= max else {
                return APIError(
                    400,
                    "Invalid value for \(setting.key): \(value.displayText). Must be a number between "
                        + "\(JSONWriter.format(min)) and \(JSONWriter.format(max))")
            }
        case .boolean:
            guard boolean(from: value) != nil else {
                return APIError(400, "Invalid value for \(setting.key): \(value.displayText). Must be true or false")
            }
        case .text:
            guard scalarText(value) != nil else {
                return APIError(400, "Invalid value for \(setting.key): must be text")
            }
        }
        return nil
    }

    /// A number, or a string holding one; finite only.
    static func number(from value: JSONValue) -> Double? {
        switch value {
        case .number(let number): return number.isFinite ? number : nil
        case .string(let text):
            guard let number = Double(text.trimmingSpaces), number.isFinite else { return nil }
            return number
        default: return nil
        }
    }

    static func boolean(from value: JSONValue) -> Bool? {
        switch value {
        case .bool(let flag): return flag
        case .string("true"): return true
        case .string("false"): return false
        default: return nil
        }
    }

    /// Strings as they are, numbers as written (`5`, `2.5`), booleans as words.
    static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .number(let number): return JSONWriter.format(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines (no Foundation needed).
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
