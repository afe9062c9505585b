import ArmoxAPI
import Foundation
import GRDB

/// The run ledger: one SQLite file holding every run armox sent, written
/// before the request goes out and completed with what comes back.
///
/// Opened in WAL mode with `synchronous = FULL` (a row written before a run
/// is sent is on disk when the request leaves) and a busy timeout, so two
/// armox processes writing at once wait for each other instead of failing
/// with "database is locked". Every call may throw; the evaluator turns the
/// first failure into one warning and goes on without the ledger.
public final class RunLedger: Sendable {
    public let path: String
    private let pool: DatabasePool
    /// Applied to every text written: the API key is never in the file, even
    /// where a prompt or a server's answer holds it.
    private let scrub: @Sendable (String) -> String

    /// How long a write waits for another process's before giving up.
    public static let busyTimeout: TimeInterval = 10

    /// Opens (creating when absent) the ledger at `path`: the folder 0700,
    /// the file 0600 (SQLite gives its `-wal` and `-shm` files the same mode).
    public init(path: String, scrub: @escaping @Sendable (String) -> String = { $0 }) throws {
        self.path = path
        self.scrub = scrub
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        // O_EXCL: a file another process made a moment ago is opened, never truncated.
        let made = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if made >= 0 {
            close(made)
        } else if errno == EEXIST {
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } else {
            throw LedgerError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        pool = try Self.openPool(path, configuration)
        // After the pool is open: GRDB's WAL set-up sets NORMAL on the
        // writer after `prepareDatabase` has run, and NORMAL may lose the
        // last commits on a power cut, the row written before a run included.
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        try Self.migrate(pool)
    }

    /// The pool on `path`. Opening it switches a new file to WAL, and SQLite
    /// answers that switch with "database is locked" at once, busy timeout
    /// or not, while another process opens the same new file: it is tried
    /// again for as long as a write would wait.
    static func openPool(_ path: String, _ configuration: Configuration) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }

    /// Brings the file's tables up to date. GRDB reads which migrations ran
    /// before it takes the write lock, so two processes opening a new file
    /// at once may both start one: the second waits out the first, then
    /// fails on a table that now exists. The first one's migration is the
    /// one that counts, so that failure is read again rather than reported.
    static func migrate(_ pool: DatabasePool) throws {
        let migrator = LedgerSchema.migrator
        // A file already up to date is only read: GRDB's migrate takes the
        // write lock first, so a `runs` would queue behind another
        // process's writes.
        if try pool.read({ try migrator.hasCompletedMigrations($0) }) { return }
        for attempt in 1...4 {
            do {
                return try migrator.migrate(pool)
            } catch {
                if try pool.read({ try migrator.hasCompletedMigrations($0) }) { return }
                if attempt == 4 { throw error }
            }
        }
    }

    // MARK: Writing

    /// Writes a run about to be sent, and returns its row id. Committed (and
    /// synced) before it returns: the request goes out only after.
    public func begin(_ run: RunStart) throws -> Int64 {
        let now = LedgerTime.now()
        return try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (server, session, source, script, kind, subject, app_name, input, prompt, webhook,
                      estimated_cost, state, sent_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sending', ?, ?)
                    """,
                arguments: [
                    scrub(run.server), run.session, scrub(run.source), run.script.map(scrub), run.kind.rawValue, scrub(run.subject),
                    run.appName.map(scrub), scrub(LedgerJSON.encode(run.input)), Self.prompt(of: run.input).map(scrub),
                    run.webhook.map(scrub), run.estimatedCost, now, now,
                ])
            return db.lastInsertedRowID
        }
    }

    /// The server took the run: its job id and first state.
    public func accepted(_ row: Int64, job: Job) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE runs SET state = 'accepted', job_id = ?, created_at = ? WHERE id = ?",
                arguments: [scrub(job.id), job.createdAt.map(scrub), row])
            try apply(job, toRow: row, db)
        }
    }

    /// No answer said whether the server took the run; `error` is what went wrong.
    public func uncertain(_ row: Int64, error: String) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE runs SET state = 'uncertain', error = ?, updated_at = ? WHERE id = ?",
                arguments: [scrub(error), LedgerTime.now(), row])
        }
    }

    /// The server answered that it did not take the run.
    public func refused(_ row: Int64, error: String) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE runs SET state = 'refused', error = ?, updated_at = ? WHERE id = ?",
                arguments: [scrub(error), LedgerTime.now(), row])
        }
    }

    /// Newer states of jobs (a poll, a list, a webhook): each job the ledger
    /// holds for `server` takes its status, outputs, credits and times; a
    /// status it did not have before is added to its changes. Jobs it does
    /// not hold are left alone. One transaction for them all.
    public func update(_ jobs: [Job], server: String) throws {
        guard !jobs.isEmpty else { return }
        try pool.write { db in
            for job in jobs {
                let rows = try Int64.fetchAll(
                    db, sql: "SELECT id FROM runs WHERE server = ? AND job_id = ? ORDER BY id DESC LIMIT 1",
                    arguments: [server, job.id])
                for row in rows { try apply(job, toRow: row, db) }
            }
        }
    }

    /// A file `download` saved from the job's output.
    public func downloaded(jobID: String, server: String, url: String, path: String, size: Int, sha256: String) throws {
        try pool.write { db in
            guard let row = try Int64.fetchOne(
                db, sql: "SELECT id FROM runs WHERE server = ? AND job_id = ? ORDER BY id DESC LIMIT 1",
                arguments: [server, jobID])
            else { return }
            try db.execute(
                sql: "INSERT INTO downloads (run_id, url, path, size, sha256, at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [row, scrub(url), scrub(path), size, sha256, LedgerTime.now()])
        }
    }

    /// Marks every unfinished job of `server` `gone`: the built-in sandbox's
    /// jobs end with its process, and are never waited on again. Returns how many.
    @discardableResult
    public func markUnfinishedGone(server: String) throws -> Int {
        try pool.write { db in
            let now = LedgerTime.now()
            let rows = try Int64.fetchAll(db, sql: Self.unfinishedSQL(select: "id"), arguments: [server])
            for row in rows {
                try db.execute(sql: "UPDATE runs SET status = 'gone', updated_at = ? WHERE id = ?", arguments: [now, row])
                try db.execute(sql: "INSERT INTO status_changes (run_id, status, at) VALUES (?, 'gone', ?)", arguments: [row, now])
            }
            return rows.count
        }
    }

    /// Removes one run (by job id or ledger row id); false when there is none.
    public func remove(_ id: String) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM runs WHERE job_id = ? OR CAST(id AS TEXT) = ?", arguments: [id, id])
            return db.changesCount > 0
        }
    }

    /// Removes every run sent before `time` (an ISO time); returns how many.
    public func remove(before time: String) throws -> Int {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM runs WHERE sent_at < ?", arguments: [time])
            return db.changesCount
        }
    }

    // MARK: Reading

    /// Runs matching `query`, newest first, each with its downloads.
    public func runs(_ query: RunQuery) throws -> [LedgerRun] {
        try pool.read { db in
            let (sql, arguments) = try Self.sql(of: query, db)
            var runs = try Row.fetchAll(db, sql: sql, arguments: arguments).map(LedgerRun.init(row:))
            try Self.attachDownloads(&runs, db)
            return runs
        }
    }

    /// The SELECT `runs(query)` sends: a search of the one server the
    /// ledger holds skips the server filter (see `RunQuery.sql`).
    static func sql(of query: RunQuery, _ db: Database) throws -> (String, StatementArguments) {
        guard let server = query.server, query.text != nil, query.onlyWordsAndServer else { return query.sql() }
        // Two look-ups at the ends of runs_by_server_and_time, whatever the ledger's size.
        let ends = try Row.fetchOne(db, sql: "SELECT (SELECT min(server) FROM runs), (SELECT max(server) FROM runs)")
        let lowest: String? = ends?[0]
        let highest: String? = ends?[1]
        return query.sql(serverIsTheOnlyOne: lowest == nil || (lowest == server && highest == server))
    }

    /// The writer's `PRAGMA synchronous` (2 is FULL).
    func synchronousMode() throws -> Int {
        try pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// The plan SQLite chose for `runs(query)`, one line a step.
    func plan(of query: RunQuery) throws -> [String] {
        try pool.read { db in
            let (sql, arguments) = try Self.sql(of: query, db)
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
    }

    /// The newest run of `server` with this job id.
    public func run(jobID: String, server: String) throws -> LedgerRun? {
        try pool.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT * FROM runs WHERE server = ? AND job_id = ? ORDER BY id DESC LIMIT 1",
                arguments: [server, jobID])
            else { return nil }
            var runs = [LedgerRun(row: row)]
            try Self.attachDownloads(&runs, db)
            return runs.first
        }
    }

    /// The jobs of `server` the ledger knows and that have not finished, oldest first.
    public func unfinished(server: String) throws -> [LedgerRun] {
        try pool.read { db in
            try Row.fetchAll(db, sql: Self.unfinishedSQL(select: "*") + " ORDER BY id", arguments: [server])
                .map(LedgerRun.init(row:))
        }
    }

    /// The runs of `server` that were sent and never answered (the process
    /// died while the request was out, or the answer was lost), oldest first:
    /// they may have been accepted, and no job id is known for them.
    public func unanswered(server: String) throws -> [LedgerRun] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM runs WHERE server = ? AND state IN ('sending', 'uncertain') AND job_id IS NULL ORDER BY id",
                arguments: [server]
            ).map(LedgerRun.init(row:))
        }
    }

    /// Which of `ids` some run of `server` already holds.
    public func knownJobIDs(_ ids: [String], server: String) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try pool.read { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            return Set(try String.fetchAll(
                db, sql: "SELECT job_id FROM runs WHERE server = ? AND job_id IN (\(marks))",
                arguments: StatementArguments([server] + ids.map(scrub))))
        }
    }

    /// How many jobs of `server` have not finished (one indexed count: read at start).
    public func unfinishedCount(server: String) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: Self.unfinishedSQL(select: "COUNT(*)"), arguments: [server]) ?? 0
        }
    }

    /// The completed runs of this script file that ran this model or app
    /// with exactly this input, oldest first (what `--resume` reuses).
    public func completedRuns(script: String, server: String, kind: RunStart.Kind, subject: String, input: JSONValue) throws -> [LedgerRun] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM runs WHERE script = ? AND subject = ? AND server = ? AND kind = ? AND input = ?
                      AND status = 'completed' AND job_id IS NOT NULL ORDER BY id
                    """,
                arguments: [script, subject, server, kind.rawValue, scrub(LedgerJSON.encode(input))]
            ).map(LedgerRun.init(row:))
        }
    }

    /// Credits charged less refunded, grouped (see `SpendQuery`).
    public func spend(_ query: SpendQuery) throws -> [SpendRow] {
        try pool.read { db in
            let (sql, arguments) = query.sql()
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                SpendRow(key: row["key"] ?? "-", runs: row["runs"], charged: row["charged"], refunded: row["refunded"])
            }
        }
    }

    // MARK: Internals

    /// A job's state written onto its row, and a new status added to its changes.
    private func apply(_ job: Job, toRow row: Int64, _ db: Database) throws {
        let now = LedgerTime.now()
        let known = try String.fetchOne(db, sql: "SELECT status FROM runs WHERE id = ?", arguments: [row])
        let status = scrub(job.status.rawValue)
        // A refund is what the API promises for a failed job: its charge back.
        try db.execute(
            sql: """
                UPDATE runs SET status = ?, credits_charged = COALESCE(?, credits_charged),
                  credits_refunded = CASE WHEN ? = 'failed' THEN COALESCE(?, credits_charged, 0) ELSE 0 END,
                  outputs = ?, output = COALESCE(?, output), error = COALESCE(?, error),
                  completed_at = COALESCE(?, ?, completed_at), updated_at = ?
                WHERE id = ?
                """,
            arguments: [
                status, job.creditsCharged, status, job.creditsCharged,
                scrub(LedgerJSON.encode(.array(job.outputURLs.map(JSONValue.string)))), job.output.map { scrub(LedgerJSON.encode($0)) },
                job.error.map(scrub), job.completedAt.map(scrub), job.cancelledAt.map(scrub), now, row,
            ])
        if known != status {
            try db.execute(sql: "INSERT INTO status_changes (run_id, status, at) VALUES (?, ?, ?)", arguments: [row, status, now])
        }
    }

    private static func unfinishedSQL(select: String) -> String {
        "SELECT \(select) FROM runs WHERE server = ? AND status IN ('pending', 'processing') AND job_id IS NOT NULL"
    }

    private static func attachDownloads(_ runs: inout [LedgerRun], _ db: Database) throws {
        for index in runs.indices {
            runs[index].downloads = try Row.fetchAll(
                db, sql: "SELECT url, path, size, sha256, at FROM downloads WHERE run_id = ? ORDER BY rowid",
                arguments: [runs[index].id]
            ).map { LedgerDownload(url: $0["url"], path: $0["path"], size: $0["size"], sha256: $0["sha256"], at: $0["at"]) }
        }
    }

    /// The text searched: a model input's `prompt`, else every string an app's inputs hold.
    static func prompt(of input: JSONValue) -> String? {
        if let prompt = input["prompt"]?.stringValue { return prompt }
        guard let fields = input.objectValue else { return nil }
        let texts = fields.keys.sorted().compactMap { fields[$0]?.stringValue }.filter { !$0.contains("://") }
        return texts.isEmpty ? nil : texts.joined(separator: " ")
    }
}

/// What went wrong with the ledger file, in words.
public struct LedgerError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
