extension Value {
    /// The value written in the language, so a recorded script can set it
    /// again: strings double-quoted (`StringEscaping`), numbers as written,
    /// lists of literals. A job becomes its first output URL (what it stands
    /// for as a run's input); nil for what has no literal form (objects,
    /// jobs without outputs).
    var literal: String? {
        switch self {
        case .string(let text): return StringEscaping.quoted(text)
        case .number(let number): return number.raw
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .list(let items):
            let written = items.compactMap(\.literal)
            guard written.count == items.count else { return nil }
            return "[" + written.joined(separator: ", ") + "]"
        case .object: return nil
        case .job(let job): return job.outputURLs.first.map(StringEscaping.quoted)
        case .unknown: return nil
        }
    }
}
