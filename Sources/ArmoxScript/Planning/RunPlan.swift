/// What `armox check` found in a script: every run it would send, priced
/// from the catalogue, and every run that would be refused — with nothing sent.
///
/// A run inside `if` whose condition depends on a run's result is listed as
/// conditional; one inside a `for` over a list known only at run time, as
/// repeating an unknown number of times. Neither is guessed into the total.
public final class RunPlan {
    /// Why a run may or may not happen.
    public enum Condition: Sendable, Equatable {
        /// Every time the script runs (literal lists count each iteration).
        case always
        /// Only if the condition of the `if` at this location holds.
        case onlyIf(SourceLocation)
        /// Once per item of the list at this location, known only at run time.
        case repeatsUnknown(SourceLocation)
    }

    public struct Run: Sendable {
        public var location: SourceLocation
        /// `run` or `run-app`.
        public var command: String
        /// The model id or app name; nil when it is known only at run time.
        public var subject: String?
        /// Credits from the catalogue; nil when unknown.
        public var cost: Int?
        public var condition: Condition
        /// False when checking refused the run (its error is in `errors`).
        public var valid: Bool
    }

    public internal(set) var runs: [Run] = []
    /// Refused runs, and the error that stopped the check if one did.
    public internal(set) var errors: [ScriptError] = []
    /// The session budget, when one was set (`--budget`, `budget N`).
    public internal(set) var budget: Int?
    /// The sources checked, by name, so refused runs print their line.
    var sources: [String: SourceText] = [:]
    /// Innermost last: the conditions the statements being checked are under.
    var conditions: [Condition] = []

    public init(budget: Int? = nil) {
        self.budget = budget
    }

    var condition: Condition { conditions.last ?? .always }

    /// Runs `body` with runs counted under `condition`.
    func under<T>(_ condition: Condition, _ body: () async throws -> T) async rethrows -> T {
        conditions.append(condition)
        defer { conditions.removeLast() }
        return try await body()
    }

    func add(_ run: Run) { runs.append(run) }

    func refuse(_ error: ScriptError) {
        errors.append(error.location.flatMap { sources[$0.file] }.map(error.attaching) ?? error)
    }

    // MARK: Totals

    /// Credits of the valid runs that happen on every path.
    public var certainCredits: Int {
        runs.filter { $0.valid && $0.condition == .always }.reduce(0) { $0 + ($1.cost ?? 0) }
    }

    /// Credits of the valid runs that may happen (conditional or repeating an
    /// unknown number of times, counted once).
    public var possibleCredits: Int {
        runs.filter { $0.valid && $0.condition != .always }.reduce(0) { $0 + ($1.cost ?? 0) }
    }

    /// Valid runs whose cost or model is not known.
    public var unpricedRuns: Int {
        runs.filter { $0.valid && $0.cost == nil }.count
    }

    public var isValid: Bool { errors.isEmpty }

    /// True when the runs sure to happen alone pass the budget.
    public var exceedsBudget: Bool {
        guard let budget else { return false }
        return certainCredits > budget
    }
}
