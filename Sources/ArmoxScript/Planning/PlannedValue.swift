import ArmoxAPI

/// Values `armox check` cannot know without running the script: what a run
/// returns, what `account` or `jobs` would say.
///
/// They are ordinary strings and jobs carrying a private-use mark
/// (U+E000), so every path of the evaluator handles them as it handles real
/// values, and the mark survives interpolation (`"$hero.status"` stays
/// unknown). Nothing with the mark is ever sent: marks exist only while
/// checking, and checking sends no run.
enum PlannedValue {
    static let mark: Character = "\u{E000}"
    /// Planned outputs are URLs (so they can feed another run's input) and a
    /// URL cannot carry the mark: they live under the reserved `.invalid` domain.
    static let outputPrefix = "https://planned.invalid/"

    /// A value known only when the script runs; `what` says what it stands for.
    static func unknown(_ what: String) -> Value {
        .string(String(mark) + what)
    }

    /// What a planned run returns: a job whose id, status and output are unknown
    /// (the output is a URL, so the job can feed another run's input).
    static func job(number: Int, model: String?, appName: String? = nil, cost: Int?) -> Job {
        return Job(
            id: String(mark) + "run-\(number)", status: .other(String(mark) + "status"), model: model, appName: appName,
            output: .object(["outputImage": .string(outputPrefix + "run-\(number)")]), creditsCharged: cost)
    }

    /// The fields of a planned job that checking fills in (the rest read as unknown):
    /// its outputs are planned URLs, so they can feed another run's input.
    static let knownJobFields: Set<String> = ["id", "status", "model", "app_name", "output", "outputs"]

    /// True when `value`, or anything in it, is known only at run time.
    static func isUnknown(_ value: Value) -> Bool {
        switch value {
        case .string(let text): return isUnknown(text)
        case .job(let job): return isUnknown(job.id)
        case .list(let items): return items.contains(where: isUnknown)
        case .object(let fields): return fields.values.contains(where: isUnknown)
        case .number, .bool, .null: return false
        }
    }

    static func isUnknown(_ text: String) -> Bool {
        text.contains(mark) || text.contains(outputPrefix)
    }
}
