import ArmoxAPI

/// A value of the language: what variables hold, words evaluate to, and
/// commands return.
public enum Value: Sendable {
    case string(String)
    /// Kept as written, so `2.50` prints `2.50` and `2` never becomes `2.0`.
    case number(Number)
    case bool(Bool)
    case null
    case list([Value])
    /// JSON objects from the API (accounts, models, raw outputs); keys print sorted.
    case object([String: Value])
    /// A job: the session's one record of it, so field access reads its latest state.
    case job(JobRecord)
    /// Known only when the script runs: only while a check walks it (see `Unknown`).
    indirect case unknown(Unknown)

    /// The kind's name, for error messages.
    public var kindName: String {
        switch self {
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        case .list: return "a list"
        case .object: return "an object"
        case .job: return "a job"
        case .unknown(let unknown): return unknown.run == nil ? "known only at run time" : "a job"
        }
    }

    /// How a value is named in "… is not a job" errors: a string quoted, anything else by its kind.
    public var named: String {
        if case .string(let text) = self { return "\"\(text)\"" }
        return kindName
    }

    /// `false`, `null`, `""`, `0`, an empty list or object are false; all else is true.
    public var isTruthy: Bool {
        switch self {
        case .string(let text): return !text.isEmpty
        case .number(let number): return number.value != 0
        case .bool(let flag): return flag
        case .null: return false
        case .list(let items): return !items.isEmpty
        case .object(let fields): return !fields.isEmpty
        case .job, .unknown: return true
        }
    }

    /// The text a value becomes inside a string or an `echo`: strings bare,
    /// numbers as written, a job as its id, list items separated by spaces,
    /// objects as compact JSON.
    public var text: String {
        switch self {
        case .string(let text): return text
        case .number(let number): return number.raw
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .list(let items): return items.map(\.text).joined(separator: " ")
        case .object: return jsonText()
        case .job(let job): return job.id
        case .unknown(let unknown): return unknown.placeholder
        }
    }

    /// Equality for `==`/`!=`: numbers by value, a job equals its id, and a
    /// string equals a number or boolean that is written the same way
    /// (`$x.duration == 5` holds for `"5"`), as a shell user expects.
    public func matches(_ other: Value) -> Bool {
        switch (self, other) {
        case (.number(let a), .number(let b)): return a.value == b.value
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.job(let a), .job(let b)): return a.id == b.id
        case (.job(let job), .string(let id)), (.string(let id), .job(let job)): return job.id == id
        case (.string(let text), .number(let number)), (.number(let number), .string(let text)):
            return text == number.raw || Double(text) == number.value
        case (.string(let text), .bool(let flag)), (.bool(let flag), .string(let text)):
            return text == (flag ? "true" : "false")
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.matches($1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map(value.matches) ?? false }
        default: return false
        }
    }
}

/// A number as written in the script (or formatted from the API's JSON).
public struct Number: Sendable, Hashable {
    public var raw: String
    public var value: Double

    /// From a literal the lexer accepted (`-?digits[.digits][e±digits]`).
    public init(raw: String) {
        self.raw = raw
        self.value = Double(raw) ?? .nan
    }

    public init(_ value: Double) {
        self.value = value
        self.raw = JSONValue.number(value).displayString
    }

    public init(_ value: Int) {
        self.value = Double(value)
        self.raw = String(value)
    }

    /// The value as an Int when it is whole.
    public var intValue: Int? {
        WholeNumber.integer(value)
    }
}
