import ArmoxAPI
import ArmoxRender
import Foundation

/// Evaluates the armox language, whatever fed it: the prompt, `-c`, stdin,
/// a script file, or `source`. It never asks whether it is interactive.
///
/// Not Sendable: one evaluator belongs to the one task that runs a session.
public final class Evaluator {
    /// The API client; `login` at the prompt replaces it with one holding the new key.
    public internal(set) var client: ArmoxClient
    /// Clients `login` replaced: shut down with the session (a background
    /// catalogue refresh may still be using one).
    var retiredClients: [ArmoxClient] = []
    /// Every key this session held; all output passes through it.
    public let keys: KeyScrubber
    /// Where the session prints, the key scrubbed; silent while the
    /// whole-entry check walks an entry (it prints only what it finds).
    public var output: OutputSink { muted ? OutputSink.silent : sink }
    let sink: OutputSink
    /// True while the whole-entry check walks an entry.
    var muted = false
    /// How many entries are running inside one another (a script and the
    /// files it sources): only the outermost is checked, as a whole.
    var entryDepth = 0
    /// Print every command's result as JSON (`armox --json`).
    public let json: Bool
    /// What the edge provides (terminal, prompt, opener, webhooks, login's
    /// store and secret reader), fixed when the evaluator is made.
    public let host: EvaluatorHost
    public internal(set) var session: Session
    let polling: PollingPolicy
    public let workingDirectory: String
    /// Folders of the files being run (innermost last): `source` resolves
    /// relative paths against the file that names them, and their count
    /// stops a file that sources itself.
    var sourceFolders: [String] = []
    /// `listen`'s webhook receiver, while it runs.
    var receiver: (any WebhookListener)?
    /// The credits this session may spend (`budget N`, `--budget=N`); nil: no cap.
    public internal(set) var budget: Int?
    /// Set while `check` walks a script: runs are priced and recorded, never sent.
    var plan: RunPlan?
    /// The `--unlisted` notes already printed: one per statement and keys.
    var notedUnlisted: Set<String> = []
    /// `record FILE`'s file, while a recording runs.
    var recorder: ScriptRecorder?
    /// The run ledger: the host's, until it fails once (see `withLedger`).
    var ledger: LedgerSession?
    /// Per job id: what the ledger was last told of it (see `noteInLedger`).
    var ledgerMarks: [String: String] = [:]
    /// `armox --resume`: a run a completed earlier run of the same script
    /// already made is not sent again (see `LiveRuns`).
    public let resume: Bool
    /// Jobs `--resume` reused, each once.
    var reusedJobs: Set<String> = []
    /// The data files the check of the running entry read, by absolute
    /// path: the run reads the same rows the check priced, even if the file
    /// changed in between. Emptied when the outermost entry ends.
    var checkedReads: [String: DataFile] = [:]
    /// The passes of the `for` loops over read rows now running, innermost last.
    var dataPasses: [DataPass] = []
    /// The result of the statement that ran last (a command's value, an
    /// assignment's): what a collecting `for` keeps of each pass.
    var lastValue: Value?

    public init(
        client: ArmoxClient,
        output: OutputSink,
        json: Bool = false,
        session: Session = Session(),
        polling: PollingPolicy = .standard,
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        host: EvaluatorHost = .none,
        budget: Int? = nil,
        resume: Bool = false,
        keys: KeyScrubber? = nil
    ) {
        self.client = client
        // `keys` is shared with what else prints for the session (the prompt's catalogue cache).
        let keys = keys ?? KeyScrubber()
        if let key = client.configuration.apiKey { keys.add(key) }
        self.keys = keys
        // The key is a password: nothing the session prints shows it whole.
        self.sink = OutputSink(out: { output.out(keys.scrub($0)) }, err: { output.err(keys.scrub($0)) })
        self.json = json
        self.session = session
        self.polling = polling
        self.workingDirectory = workingDirectory
        self.host = host
        self.budget = budget
        self.resume = resume
        self.ledger = host.ledger
    }

    /// How output should look now.
    var outputStyle: () -> OutputStyle { host.outputStyle }
    /// The live wait lines, where stderr is a terminal.
    var progress: (any WaitDisplay)? { host.waitDisplay }

    /// Ends the session's own servers (`listen`): call before the client shuts down.
    public func close() async {
        await receiver?.stop()
        receiver = nil
        recorder?.close()
        recorder = nil
        for retired in retiredClients { await retired.shutdown() }
        retiredClients = []
    }

    /// Parses the whole source; nothing has run when this throws.
    public func parse(_ source: SourceText) throws -> Program {
        do {
            return try Parser.parse(source)
        } catch let error as ScriptError {
            throw error.attaching(source)
        }
    }

    /// Parses `source` whole, then runs it, stopping at the first failing statement.
    public func run(_ source: SourceText) async throws {
        try await run(entry(source))
    }

    /// Runs a parsed program. Errors come out as `ScriptError` with a location
    /// and source line, `ExitRequest`, or `CancellationError` (a failed output
    /// of a batch is reported as a `ScriptError` too, see `BatchFailure`).
    public func run(_ program: Program) async throws {
        try await run(EntryStatements.held(program))
    }

    /// Runs what was typed at the prompt: as `run`, and `record` writes its
    /// statements as they succeed.
    public func run(typed program: Program) async throws {
        try await run(EntryStatements.held(program), typed: true)
    }

    /// `source` parsed whole (held, or streamed when large); nothing has run when this throws.
    func entry(_ source: SourceText, streamingPast limit: Int = EntryStatements.heldLimit) throws -> EntryStatements {
        do {
            return try EntryStatements(parsing: source, streamingPast: limit)
        } catch let error as ScriptError {
            throw error.attaching(source)
        }
    }

    /// Checks the entry whole, then runs its statements in order; `typed`:
    /// it came from the prompt.
    func run(_ entry: EntryStatements, typed: Bool = false) async throws {
        // An outermost entry starts with no rows read: an earlier entry's
        // check that refused (and so never ran) must not lend its rows.
        if entryDepth == 0, plan == nil { checkedReads = [:] }
        try await checkEntry(entry)
        plan?.sources[entry.source.name] = entry.source
        entryDepth += 1
        defer {
            entryDepth -= 1
            if entryDepth == 0, plan == nil { checkedReads = [:] }
        }
        do {
            try await entry.forEach { index, statement in
                guard try await self.step(statement), typed, case .held(let program) = entry else { return }
                self.noteSucceeded(statement, at: index, of: program)
            }
        } catch let error as ScriptError {
            throw error.attaching(entry.source)
        }
    }

    /// Reads, parses and runs a script file; `source` inside it resolves
    /// relative paths against the file's folder. `name` is how errors call it.
    public func runFile(at path: String) async throws {
        let absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        try await runFile(named: path, at: absolute) {
            ScriptError("cannot read \(path)", hint: unreadableHint(path, at: absolute), exitStatus: .usage)
        }
    }

    /// `armox models` names no file but a command: say how to run it.
    private func unreadableHint(_ path: String, at absolute: String) -> String {
        guard CommandCatalog.byName[path] != nil, !FileManager.default.fileExists(atPath: absolute) else {
            return "check the path and its permissions"
        }
        let words = [path] + session.arguments
        let plain = words.allSatisfy { $0.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "'") } }
        let statement = plain ? words.joined(separator: " ") : path
        return "there is no file \(path) here; \(path) is a command: armox -c '\(statement)' runs it"
    }

    /// Reads and parses a file whole, then runs it with its folder as the
    /// base of the relative paths its `source` statements name.
    func runFile(named name: String, at absolute: String, unreadable: () -> ScriptError) async throws {
        guard let data = try ScriptInput.read(path: absolute, named: name) else { throw unreadable() }
        let entry = try entry(SourceText(name: name, text: String(decoding: data, as: UTF8.self)))
        sourceFolders.append((absolute as NSString).deletingLastPathComponent)
        defer { sourceFolders.removeLast() }
        try await run(entry)
    }

    /// Runs `text` as a program named `name` (`<input>`, `-c`, a file name).
    public func evaluate(_ text: String, name: String = "<input>") async throws {
        guard text.utf8.count <= ScriptInput.maxBytes else { throw ScriptInput.tooLarge(name, bytes: text.utf8.count) }
        try await run(SourceText(name: name, text: text))
    }

    /// How a failure reads for the user, with the key scrubbed: a
    /// `ScriptError` with its location, source line and caret; anything else
    /// as `error: …`, shown through `TerminalText`. The prompt and the script
    /// runner print it the same way.
    public func report(_ error: any Error) -> String {
        let colour = outputStyle().errorColour
        let text = (error as? ScriptError)?.rendered(colour: colour) ?? Tint.boldRed.apply("error:", when: colour) + " \(TerminalText.printable("\(error)"))\n"
        return keys.scrub(text)
    }

    // MARK: Statements

    /// Runs `statements` in order; `succeeded` hears of each one that did
    /// (`record` writes the prompt's top-level statements as they succeed).
    func execute(_ statements: [Statement], succeeded: ((Int, Statement) -> Void)? = nil) async throws {
        for (index, statement) in statements.enumerated() where try await step(statement) {
            succeeded?(index, statement)
        }
    }

    /// Runs one statement of a list: true when it ran and succeeded, false
    /// when it was checked (`armox check`, the whole-entry check) instead.
    func step(_ statement: Statement) async throws -> Bool {
        // Ctrl-C at the prompt cancels the task: stop between statements
        // too, not only inside a wait (a loop of echoes has no await that would).
        try Task.checkCancellation()
        guard let plan else {
            try await execute(statement)
            return true
        }
        // Checking goes on past a statement it refuses, so one check
        // lists every error; a name the statement assigns is unknown
        // from there on. A failure of the API stops it.
        do {
            try await execute(statement)
        } catch let error as ScriptError where error.exitStatus != .apiError {
            plan.refuse(dataLocated(error))
            if case .assignment(let assignment) = statement {
                session.variables[assignment.name] = .unknown("$\(assignment.name)")
                session.dataOrigins[assignment.name] = nil
            }
        }
        return false
    }

    func execute(_ statement: Statement) async throws {
        do {
            switch statement {
            case .command(let command):
                let result = try await invoke(command)
                show(result)
                lastValue = result.value
            case .assignment(let assignment):
                try await assign(assignment)
            case .forIn(let loop):
                _ = try await iterate(loop)
            case .ifElse(let branch):
                switch try decide(branch.condition) {
                case true?: try await execute(branch.then)
                case false?: if let otherwise = branch.otherwise { try await execute(otherwise) }
                case nil: try await checkBothBranches(branch)
                }
            }
        } catch let error as ScriptError {
            guard error.location == nil else { throw error }
            var located = error
            located.location = statement.location
            throw located
        } catch let error as ArmoxError {
            throw ScriptError(error, at: statement.location, key: client.configuration.apiKey)
        } catch let failure as BatchFailure {
            throw failure.reported(at: statement.location, key: client.configuration.apiKey)
        }
    }

    private func assign(_ assignment: Assignment) async throws {
        try checkAssignable(assignment.name, at: assignment.location)
        let value: Value
        var origin: DataOrigin?
        switch assignment.value {
        case .command(let command):
            // A captured result still counts as the last one: `hero = run …`
            // sets $_, $job and $output as a bare `run` would.
            let started = session.startedJobs.count
            do {
                let result = try await invoke(command)
                value = result.value ?? .null
                origin = result.dataOrigin
            } catch {
                // The wait on a run it started stopped (Ctrl-C, --timeout, a poll that failed for
                // good): the job goes on, and the name holds it as `$job` does.
                if session.startedJobs.count > started, let id = session.startedJobs.last, let job = session.jobs[id] {
                    session.variables[assignment.name] = .job(job)
                }
                throw error
            }
            session.noteResult(value)
        case .expression(let expression):
            value = try evaluate(expression)
            // `rows2 = $rows` keeps the rows' lines for errors.
            if case .variable(let path) = expression.kind, path.steps.isEmpty { origin = session.dataOrigins[path.name] }
        case .loop(let loop):
            value = try await iterate(loop, collecting: true)
        }
        session.variables[assignment.name] = value
        session.dataOrigins[assignment.name] = origin
        lastValue = value
    }

    func checkAssignable(_ name: String, at location: SourceLocation) throws {
        // Bytes first: this runs for every assignment, twice with the whole-entry check.
        let utf8 = name.utf8
        let startsWithDigit = utf8.first.map { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? false
        guard startsWithDigit || (utf8.count <= Session.longestReservedName && Session.reservedNames.contains(name)) else { return }
        let hint: String
        switch name {
        case "model": hint = "use <model-id> changes the current model"
        case "env": hint = "$env reads the environment; it cannot be assigned"
        case "args": hint = "$args holds the script's arguments"
        default: hint = "the session sets $\(name) itself; pick another name"
        }
        throw ScriptError("cannot assign to $\(name)", hint: hint, at: location)
    }

    /// Runs the body once an item; the value is the list of each pass's
    /// last result (`null` for a pass whose last statement gave none) when
    /// `collecting`, else nil.
    private func iterate(_ loop: ForIn, collecting: Bool = false) async throws -> Value {
        try checkAssignable(loop.variable, at: loop.location)
        let sequence = try evaluate(loop.sequence)
        if let plan, case .unknown(let unknown) = sequence, unknown.run == nil {
            // A list known only at run time: check the body once, its runs
            // counted as repeating an unknown number of times.
            session.variables[loop.variable] = .unknown("item of \(describe(loop.sequence))")
            session.dataOrigins[loop.variable] = nil
            try await plan.under(.repeatsUnknown(loop.sequence.location)) { try await execute(loop.body) }
            return .unknown("the list the loop at \(loop.location.line):\(loop.location.column) collects")
        }
        let items: [Value]
        switch sequence {
        case .list(let list): items = list
        case .null: items = []
        default:
            throw ScriptError(
                "for needs a list to go over, and \(describe(loop.sequence)) is \(sequence.kindName)",
                hint: "write a list: for x in [a, b, c] { … }", at: loop.sequence.location)
        }
        let origin = dataOrigin(of: loop.sequence, items: items.count)
        let reading = origin == nil ? [] : Self.locations(reading: loop.variable, in: loop.body)
        var collected: [Value] = []
        if collecting { collected.reserveCapacity(items.count) }
        for (index, item) in items.enumerated() {
            try Task.checkCancellation()
            session.variables[loop.variable] = item
            session.dataOrigins[loop.variable] = nil
            lastValue = nil
            if let origin { dataPasses.append(DataPass(origin: origin, index: index, reading: reading)) }
            defer { if origin != nil { dataPasses.removeLast() } }
            do {
                try await execute(loop.body)
            } catch let error as ScriptError {
                throw dataLocated(error)
            }
            if collecting { collected.append(lastValue ?? .null) }
        }
        return collecting ? .list(collected) : .null
    }

    /// Whether the condition holds; nil while checking (`armox check`) when
    /// it reads a value known only at run time.
    private func decide(_ condition: Condition) throws -> Bool? {
        let left = try evaluate(condition.left)
        let right = try condition.comparison.map { try evaluate($0.1) }
        if plan != nil, left.isKnownOnlyAtRunTime || right?.isKnownOnlyAtRunTime == true { return nil }
        guard let comparison = condition.comparison?.0, let right else { return left.isTruthy }
        let equal = left.matches(right)
        return comparison == .equal ? equal : !equal
    }

    /// How an expression reads in an error message.
    func describe(_ expression: Expression) -> String {
        switch expression.kind {
        case .variable(let path): return path.text
        case .list: return "the list"
        default: return "the value"
        }
    }

    // MARK: Output

    /// Prints a command's result when the command stood alone (not captured).
    func show(_ result: CommandResult) {
        if let value = result.value { session.noteResult(value) }
        // Checking prints the plan, not what each command would have shown.
        guard plan == nil else { return }
        // `armox --json` leaves text commands (echo, help) text; their own --json asks for JSON.
        if result.jsonRequested || (json && !result.textOnly), let value = result.value {
            output.out(value.jsonText(pretty: true) + "\n")
        } else if let presentation = result.presentation {
            let text = presentation.rendered(in: outputStyle())
            if !text.isEmpty { output.out(text) }
        } else if let value = result.value {
            output.out(value.readable(colour: outputStyle().colour) + "\n")
        }
    }
}

extension ScriptError {
    /// An API or transport failure at a statement, with the key scrubbed and
    /// a hint for the statuses a user can act on.
    init(_ error: ArmoxError, at location: SourceLocation, key: String?) {
        let message = APIKeyRedaction.scrub(error.description, key: key)
        var hint: String?
        if case .api(let api) = error {
            switch api.status {
            case 401: hint = "check the key in ARMOX_API_KEY (or try armox --sandbox)"
            case 402: hint = "see your credits with: account"
            case 403: hint = "the key's plan does not include API access"
            case 429: hint = "the rate limit stayed exceeded; wait a minute and try again"
            default: break
            }
        }
        self.init(message, hint: hint, at: location, exitStatus: .apiError)
    }
}

/// `exit [code]`: ends the script or session with that status.
public struct ExitRequest: Error, Sendable {
    public var code: Int32
}
