import ArmoxAPI
import Foundation
import ArmoxLedger
import ArmoxRender

extension Evaluator {
    /// Runs `body` on the ledger. Its first failure (a locked, full or
    /// corrupt file) is one warning, and the session goes on without it:
    /// the ledger never stops a run.
    @discardableResult
    func withLedger<T>(_ body: (LedgerSession) throws -> T) -> T? {
        guard let ledger else { return nil }
        do {
            return try body(ledger)
        } catch {
            self.ledger = nil
            guard ledger.claimWarning() else { return nil }
            progress?.clear()
            output.err(Self.ledgerWarning(path: ledger.path, error: error, colour: outputStyle().errorColour))
            return nil
        }
    }

    /// The one line a ledger that failed gets.
    public static func ledgerWarning(path: String, error: any Error, colour: Bool) -> String {
        Tint.yellow.apply("warning:", when: colour) + " "
            + TerminalText.printable("the run ledger \(path) cannot be used (\(error)); this session goes on without it") + "\n"
    }

    /// Keeps a job's newest state in the session's record of it and, when
    /// it changed, in the ledger.
    @discardableResult
    func keep(_ job: Job, started: Bool = false) -> JobRecord {
        let record = session.record(job, started: started)
        noteInLedger([record.job])
        return record
    }

    /// `keep` for many jobs at once: one ledger transaction for them all.
    /// `listed`: they come from a `jobs` listing (see `Session.listedOnly`).
    @discardableResult
    func keep(all jobs: [Job], listed: Bool = false) -> [JobRecord] {
        let records = jobs.map { session.record($0, listed: listed) }
        noteInLedger(records.map(\.job))
        return records
    }

    /// Writes the jobs whose status, outputs or charge changed since the
    /// ledger last heard of them (a poll that learns nothing writes nothing).
    func noteInLedger(_ jobs: [Job]) {
        guard ledger != nil else { return }
        let changed = jobs.filter { ledgerMarks[$0.id] != Self.ledgerMark($0) }
        guard !changed.isEmpty else { return }
        withLedger { try $0.ledger.update(changed, server: $0.server) }
        for job in changed { ledgerMarks[job.id] = Self.ledgerMark(job) }
    }

    static func ledgerMark(_ job: Job) -> String {
        "\(job.status.rawValue) \(job.outputURLs.count) \(job.creditsCharged ?? -1) \(job.error?.count ?? -1)"
    }

    /// A file `download` saved from a job's output: its path, size and
    /// SHA-256 go in the ledger, against the job.
    func noteDownload(_ item: Downloader.Item, _ file: Downloader.SavedFile) {
        session.downloads[item.url] = file.path
        guard let jobID = item.jobID else { return }
        withLedger {
            try $0.ledger.downloaded(jobID: jobID, server: $0.server, url: item.url, path: file.path, size: file.size, sha256: file.sha256)
        }
    }

    /// How the ledger names where a statement was: `FILE:LINE` (and the
    /// script's absolute path, what `--resume` matches on), `-c:LINE`,
    /// `stdin:LINE`, or `prompt`.
    func ledgerSource(_ location: SourceLocation) -> (source: String, script: String?) {
        switch location.file {
        case Self.promptSourceName: return ("prompt", nil)
        case "-c": return ("-c:\(location.line)", nil)
        case "<stdin>": return ("stdin:\(location.line)", nil)
        case let file:
            let path = file.hasPrefix("/") ? file : workingDirectory + "/" + file
            return ("\(file):\(location.line)", Self.normalised(path))
        }
    }

    /// One script, one path, however it was named (`a/./b/../c` is `a/c`).
    static func normalised(_ path: String) -> String { Downloader.normalized(path) }
}

extension Evaluator {
    /// `armox --resume`: the job of a completed earlier run of this script
    /// file with the same model (or app) and input, when there is one this
    /// session has not reused yet; its outputs are reused and nothing is
    /// sent or charged. A line on stderr says so.
    func resumed(_ run: RunRequest) -> Value? {
        guard let job = resumable(run, excluding: reusedJobs) else { return nil }
        reusedJobs.insert(job.id)
        output.err(noteLine("\(run.invocation.location): --resume: \(run.what) reuses job \(job.id) from an earlier run of this script; nothing was sent"))
        return .job(session.record(job))
    }

    /// The job of a completed earlier run of this script file with the same
    /// model (or app) and input, not among `excluding`; nil without `--resume`.
    func resumable(_ run: RunRequest, excluding: Set<String>) -> Job? {
        guard resume, ledger != nil, case (_, let script?) = ledgerSource(run.invocation.location) else { return nil }
        let earlier = withLedger {
            try $0.ledger.completedRuns(script: script, server: $0.server, kind: run.kind, subject: run.subject, input: run.input)
        } ?? []
        return earlier.first(where: { !excluding.contains($0.jobID ?? "") })?.job
    }
}

extension Evaluator {
    /// A job as the server tells it; when the server cannot be reached (or
    /// fails), the ledger's last known state of it, said so on stderr. A
    /// server that answers that it has no such job is believed.
    func fetchJob(id: String) async throws -> Job {
        do {
            return try await client.job(id: id)
        } catch let error as ArmoxError {
            if case .api(let api) = error, api.status < 500 { throw error }
            guard let known = withLedger({ try $0.ledger.run(jobID: id, server: $0.server) }) ?? nil, let job = known.job else {
                throw error
            }
            output.err(noteLine(
                "the server could not be asked about job \(id) (\(error.description)): this is its last known state, from the run ledger at \(known.updatedAt)"))
            return job
        }
    }
}

extension Evaluator {
    /// `wait pending`: the ids of every job of this server the ledger knows
    /// unfinished, from any session, oldest first. Runs that were sent and
    /// never answered are first looked for among the server's recent jobs.
    func ledgerPending(at location: SourceLocation) async throws -> [String] {
        guard ledger != nil else {
            throw ScriptError(
                "wait pending reads the run ledger, and this session has none",
                hint: "the ledger is off when ARMOX_LEDGER=off; wait all waits on this session's jobs", at: location)
        }
        await findUnansweredRuns()
        let runs = withLedger { try $0.ledger.unfinished(server: $0.server) } ?? []
        for run in runs { if let job = run.job, session.jobs[job.id] == nil { session.record(job) } }
        return runs.compactMap(\.jobID)
    }

    /// How far a job's `created_at` may be from the time the ledger wrote
    /// the run for the job to be taken as its answer (the two clocks differ).
    static let unansweredWindow: TimeInterval = 15 * 60

    /// Runs whose answer never arrived (armox was killed while the request
    /// was out, or the connection dropped after the server took it): each
    /// is matched to a job of the server's recent list that ran the same
    /// model or app with the same input, was created near when the run was
    /// sent, and no other run holds. A match is the run's job from then on,
    /// said on stderr; a run with none stays "may have been accepted".
    func findUnansweredRuns() async {
        guard let session = ledger else { return }
        let open = (withLedger { try $0.ledger.unanswered(server: $0.server) } ?? [])
            .filter { $0.session != session.id || $0.state == .uncertain }
        guard !open.isEmpty else { return }
        let recent: [Job]
        do {
            recent = try await client.jobs(limit: 100)
        } catch {
            return
        }
        var free = recent.filter { $0.input != nil }
        let known = withLedger { try $0.ledger.knownJobIDs(free.map(\.id), server: $0.server) } ?? []
        free.removeAll { known.contains($0.id) }
        free.sort { ($0.createdAt ?? "") < ($1.createdAt ?? "") }
        for run in open {
            guard let sent = Self.isoDate(run.sentAt),
                let index = free.firstIndex(where: { job in
                    (run.kind == .app ? job.appID : job.model) == run.subject && job.input == run.input
                        && job.createdAt.flatMap(Self.isoDate).map { abs($0.timeIntervalSince(sent)) <= Self.unansweredWindow } == true
                })
            else { continue }
            let job = free.remove(at: index)
            withLedger { try $0.ledger.accepted(run.id, job: job) }
            output.err(noteLine(
                "the run at \(run.source) sent at \(run.sentAt) had no answer on record; the server has it as job \(job.id) (\(job.status.rawValue))"))
        }
    }

    static func isoDate(_ text: String) -> Date? {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = parser.date(from: text) { return date }
        parser.formatOptions = [.withInternetDateTime]
        return parser.date(from: text)
    }
}
