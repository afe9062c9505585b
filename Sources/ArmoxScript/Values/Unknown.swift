/// While a check walks a script (`armox check`, the whole-entry check), what
/// a value stands for when it is known only at run time: what a run returns,
/// what `account` or `jobs` would say, a field of either. Checking sends
/// nothing, so no value holding one is ever sent.
public struct Unknown: Sendable {
    /// What it stands for, as messages name it: `result of account`, `$hero.status`.
    public var what: String
    /// Set when it stands for the job a planned run will start.
    public var run: PlannedRun?

    public init(_ what: String, run: PlannedRun? = nil) {
        self.what = what
        self.run = run
    }

    /// What a run's input holds in its place while checking: a non-empty
    /// text, so a prompt or media input it stands for counts as given.
    var placeholder: String { "(known at run time: \(what))" }
}

/// A run `armox check` priced instead of sending: what is known of its job.
public struct PlannedRun: Sendable {
    /// Its place among the checked runs, from 1.
    public var number: Int
    public var model: String?
    public var appName: String?
    public var cost: Int?
}

extension Value {
    /// A value known only at run time, named `what`.
    static func unknown(_ what: String) -> Value {
        .unknown(Unknown(what))
    }

    /// True when this value, or anything in it, is known only at run time.
    var isKnownOnlyAtRunTime: Bool {
        switch self {
        case .unknown: return true
        case .list(let items): return items.contains { $0.isKnownOnlyAtRunTime }
        case .object(let fields): return fields.values.contains { $0.isKnownOnlyAtRunTime }
        case .string, .number, .bool, .null, .job: return false
        }
    }

    /// A field of a planned run's job: what checking knows (its model or
    /// app, one output to come), the rest unknown; nil for a name a job does
    /// not have.
    static func plannedField(_ run: PlannedRun, _ name: String, path: String) -> Value? {
        guard jobFields.contains(name) || name == "credits_charged" else { return nil }
        switch name {
        case "model": return run.model.map(Value.string) ?? .unknown(path)
        case "app_name": return run.appName.map(Value.string) ?? .unknown(path)
        // How many outputs there will be is known only then: one stands for them.
        case "outputs": return .list([.unknown(path + "[0]")])
        default: return .unknown(path)
        }
    }
}
