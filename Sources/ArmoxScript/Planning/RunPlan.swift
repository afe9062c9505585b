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
        /// With `--resume`: the earlier job this run would reuse, sending
        /// nothing and costing nothing.
        public var reusedJob: String? = nil
    }

    /// Where the runs sure to happen first pass the budget.
    public struct BudgetBreach: Sendable {
        public var location: SourceLocation
        /// The run that passes it, and its cost.
        public var subject: String
        public var cost: Int
        /// The credits of the runs sure to happen, up to and with this one.
        public var total: Int
        public var budget: Int
        /// What the session had spent before the check.
        public var spent: Int
    }

    /// A run that sends keys the catalogue does not list (`run --unlisted`).
    public struct Unlisted: Sendable {
        public var location: SourceLocation
        public var keys: [String]
    }

    public internal(set) var runs: [Run] = []
    public internal(set) var unlisted: [Unlisted] = []
    /// Refused runs and statements, each once (a loop's same error is kept
    /// once), at most `errorLimit` of them; and the error that stopped the
    /// check if one did.
    public internal(set) var errors: [ScriptError] = []
    /// Errors found past `errorLimit`, counted, not kept.
    public internal(set) var moreErrors = 0
    static let errorLimit = 50
    /// The session budget, when one was set (`--budget`, `budget N`).
    public internal(set) var budget: Int?
    /// Credits the session had spent before the check (the budget counts them).
    public let spentBefore: Int
    /// The first run at which the runs sure to happen pass the budget.
    public internal(set) var budgetBreach: BudgetBreach?
    /// What stands for each planned run's job, in order (`wait` alone waits on them).
    var plannedJobs: [Value] = []
    /// The earlier jobs `--resume` would reuse, each once, as the live run
    /// would (the check's own set: checking reuses nothing).
    var reusedJobs: Set<String> = []
    /// The sources checked, by name, so refused runs print their line.
    var sources: [String: SourceText] = [:]
    /// Innermost last: the conditions the statements being checked are under.
    var conditions: [Condition] = []

    public init(budget: Int? = nil, spent: Int = 0) {
        self.budget = budget
        self.spentBefore = spent
    }

    var condition: Condition { conditions.last ?? .always }

    /// Runs `body` with runs counted under `condition`.
    func under<T>(_ condition: Condition, _ body: () async throws -> T) async rethrows -> T {
        conditions.append(condition)
        defer { conditions.removeLast() }
        return try await body()
    }

    /// Records a run; under `budget`, notes where the sure runs first pass it.
    func add(_ run: Run, budget: Int?) {
        runs.append(run)
        guard run.valid, run.condition == .always, let budget, budgetBreach == nil, let cost = run.cost else { return }
        let total = certainCredits
        if spentBefore + total > budget {
            budgetBreach = BudgetBreach(
                location: run.location, subject: run.subject ?? run.command, cost: cost, total: total, budget: budget,
                spent: spentBefore)
        }
    }

    func refuse(_ error: ScriptError) {
        if errors.contains(where: { $0.location == error.location && $0.message == error.message }) { return }
        guard errors.count < Self.errorLimit else {
            moreErrors += 1
            return
        }
        errors.append(attached(error))
    }

    /// `error` with its source line, when it points into a checked source.
    func attached(_ error: ScriptError) -> ScriptError {
        error.location.flatMap { sources[$0.file] }.map(error.attaching) ?? error
    }

    // MARK: Totals

    /// Credits of the valid runs that happen on every path.
    public var certainCredits: Int {
        runs.filter { $0.valid && $0.condition == .always && $0.reusedJob == nil }.reduce(0) { $0 + ($1.cost ?? 0) }
    }

    /// Runs `--resume` would not send: an earlier run of the script made them.
    public var reusedRuns: Int {
        runs.filter { $0.valid && $0.reusedJob != nil }.count
    }

    /// Credits of the valid runs that may happen (conditional or repeating an
    /// unknown number of times, counted once).
    public var possibleCredits: Int {
        runs.filter { $0.valid && $0.condition != .always && $0.reusedJob == nil }.reduce(0) { $0 + ($1.cost ?? 0) }
    }

    /// Valid runs whose cost or model is not known.
    public var unpricedRuns: Int {
        runs.filter { $0.valid && $0.cost == nil }.count
    }

    public var isValid: Bool { errors.isEmpty }

    /// True when the runs sure to happen pass the budget (with what the
    /// session had spent before).
    public var exceedsBudget: Bool { budgetBreach != nil }
}
