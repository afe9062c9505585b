import ArmoxAPI

/// What a session remembers between statements: user variables, the current
/// model and its setting defaults, every job it started, and the catalogue.
///
/// It holds no connection and does no I/O; the evaluator owns it.
public struct Session: Sendable {
    /// Names the session sets itself; assigning them is refused so `$model`
    /// always means the current model and `$job` the last job.
    public static let reservedNames: Set<String> = ["_", "job", "output", "outputs", "model", "args", "env"]
    /// The length of the longest of them, in bytes (`outputs`).
    static let longestReservedName = 7

    /// User variables and the session's own (`_`, `job`, `output`, `outputs`).
    public internal(set) var variables: [String: Value] = [:]
    /// Output URL → the file it was saved to this session (`download all`
    /// skips these; `gallery` shows the file).
    public internal(set) var downloads: [String: String] = [:]
    /// `parallel N`: at most N of the session's jobs unfinished at once; nil: no limit.
    public internal(set) var parallel: Int?
    /// The variables holding rows `read` made, with where each row came from.
    var dataOrigins: [String: DataOrigin] = [:]
    /// The model `use` made current.
    public internal(set) var currentModel: String? {
        didSet { currentModelIsKnownOnlyAtRunTime = false }
    }
    /// While checking: `use $x` made current a model known only at run time
    /// (`currentModel` is then nil).
    var currentModelIsKnownOnlyAtRunTime = false
    /// Per model id: the setting values `set` gave.
    public internal(set) var defaults: [String: [String: Value]] = [:]
    /// Every job this session started or looked at, newest state kept.
    public internal(set) var jobs: [String: JobRecord] = [:]
    /// Ids of the jobs this session started, oldest first.
    public internal(set) var startedJobs: [String] = []
    /// Jobs known only from the server's list (`jobs`): the key's, perhaps
    /// another client's, and not this session's to download or draw.
    var listedOnly: Set<String> = []
    /// When the server accepted each job this session started: a poll that
    /// cannot find a job accepted moments ago is the server catching up,
    /// not the job being gone (see `PollingPolicy.settling`).
    var acceptedAt: [String: ContinuousClock.Instant] = [:]
    /// `$1`… and `$args`.
    public internal(set) var arguments: [String]
    /// `$0`: the script's path, when running one.
    public internal(set) var scriptName: String?
    public let environment: [String: String]

    /// Runs that may have been accepted though no answer said so (see `spentCredits`).
    public internal(set) var uncertainCharges: [UncertainCharge] = []
    /// Credits of accepted runs whose answer repeated a job id the session
    /// already held: that id's record shows one run, and both were charged.
    var repeatedIDCharges = 0
    /// Catalogue costs of accepted runs whose answer gave no `credits_charged`.
    var assumedCharges: [String: Int] = [:]

    var catalogue: [Model]?
    var apps: [App]?

    public init(arguments: [String] = [], scriptName: String? = nil, environment: [String: String] = [:]) {
        self.arguments = arguments
        self.scriptName = scriptName
        self.environment = environment
    }

    /// Keeps the newest known state of a job in its one record, and returns
    /// that record (see `JobRecord.update` for what an answer may leave out).
    /// `listed`: the job comes from the server's list, not from a run, a
    /// wait or a look at it by id.
    @discardableResult
    mutating func record(_ job: Job, started: Bool = false, listed: Bool = false) -> JobRecord {
        if started && jobs[job.id] == nil {
            startedJobs.append(job.id)
            acceptedAt[job.id] = .now
        }
        if !listed {
            listedOnly.remove(job.id)
        } else if jobs[job.id] == nil {
            listedOnly.insert(job.id)
        }
        if let known = jobs[job.id] {
            known.update(job)
            return known
        }
        let record = JobRecord(job)
        jobs[job.id] = record
        return record
    }

    /// The session's own jobs, as `download all` and `gallery` take them:
    /// those it started, oldest first, then those it took up (waited on,
    /// looked at by id, found pending in the ledger), by id. Not the jobs a
    /// `jobs` listing only showed.
    var ownJobs: [JobRecord] {
        var ids = startedJobs
        var seen = Set(ids)
        ids += jobs.keys.sorted().filter { !listedOnly.contains($0) && seen.insert($0).inserted }
        return ids.compactMap { jobs[$0] }
    }

    /// The user's variables only (what `vars` lists first).
    public var userVariables: [String: Value] {
        variables.filter { !Session.reservedNames.contains($0.key) }
    }

    /// After a command: `$_` is its result; a job (or a list ending in one)
    /// also sets `$job`, `$output` and `$outputs`.
    mutating func noteResult(_ value: Value) {
        variables["_"] = value
        var lastJob: JobRecord?
        switch value {
        case .job(let job): lastJob = job
        case .list(let items):
            if case .job(let job)? = items.last { lastJob = job }
            if case .unknown(let unknown)? = items.last, let run = unknown.run { return notePlanned(items.last!, run) }
        case .unknown(let unknown):
            if let run = unknown.run { return notePlanned(value, run) }
        default: break
        }
        guard let record = lastJob else { return }
        variables["job"] = .job(record)
        // The same values as `$job.output` and `$job.outputs`.
        let job = record.job
        variables["output"] = Value.jobField(job, "output")
        variables["outputs"] = Value.jobField(job, "outputs")
    }

    /// While checking: a planned run's job is `$job`, its outputs to come `$output` and `$outputs`.
    private mutating func notePlanned(_ job: Value, _ run: PlannedRun) {
        variables["job"] = job
        variables["output"] = Value.plannedField(run, "output", path: "$output")
        variables["outputs"] = Value.plannedField(run, "outputs", path: "$outputs")
    }
}
