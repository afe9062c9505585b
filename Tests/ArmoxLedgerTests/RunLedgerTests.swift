import ArmoxAPI
import Foundation
import GRDB
import Testing

@testable import ArmoxLedger

/// The ledger on real SQLite files in a temporary folder.
@Suite("run ledger")
struct RunLedgerTests {
    /// A fresh folder for one test, removed after it.
    static func withFolder<T>(_ body: (String) async throws -> T) async throws -> T {
        let folder = NSTemporaryDirectory() + "armox-ledger-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try await body(folder)
    }

    static func start(
        _ prompt: String, model: String = "google/nano-banana", cost: Int? = 70, script: String? = nil,
        server: String = "http://127.0.0.1:9"
    ) -> RunStart {
        RunStart(
            server: server, session: "s1", source: script.map { "\($0):1" } ?? "prompt", script: script,
            kind: .model, subject: model, input: .object(["prompt": .string(prompt), "aspect_ratio": .string("1:1")]),
            estimatedCost: cost)
    }

    @Test func aRunIsOnFileBeforeItIsSentThenCompleted() async throws {
        try await Self.withFolder { folder in
            let ledger = try RunLedger(path: folder + "/state/armox/runs.sqlite3")
            let row = try ledger.begin(Self.start("a red fox"))
            // A second connection (another process would see the same): the row is there, sending.
            let other = try RunLedger(path: ledger.path)
            let written = try #require(try other.runs(RunQuery()).first)
            #expect(written.state == .sending && written.jobID == nil && written.mayHaveBeenAccepted)
            #expect(written.prompt == "a red fox" && written.estimatedCost == 70)

            try ledger.accepted(row, job: Job(id: "job_1", status: .processing, creditsCharged: 70, createdAt: "2026-12-02T10:00:00Z"))
            try ledger.update([Job(id: "job_1", status: .processing)], server: "http://127.0.0.1:9")
            try ledger.update(
                [Job(id: "job_1", status: .completed, output: .object(["images": .array([.string("https://x/1.png")])]),
                     completedAt: "2026-12-02T10:00:09Z")],
                server: "http://127.0.0.1:9")
            try ledger.update([Job(id: "job_1", status: .failed)], server: "http://another:1")
            let run = try #require(try ledger.run(jobID: "job_1", server: "http://127.0.0.1:9"))
            #expect(run.state == .accepted && run.status == "completed" && run.creditsCharged == 70)
            #expect(run.outputs == ["https://x/1.png"] && run.completedAt == "2026-12-02T10:00:09Z")
            #expect(run.job?.outputURLs == ["https://x/1.png"] && run.job?.model == "google/nano-banana")
            let changes = try DatabaseQueue(path: ledger.path).read { db in
                try String.fetchAll(db, sql: "SELECT status FROM status_changes WHERE run_id = ? ORDER BY rowid", arguments: [row])
            }
            #expect(changes == ["processing", "completed"])
        }
    }

    @Test func theFileIsTheUsersAlone() async throws {
        try await Self.withFolder { folder in
            let ledger = try RunLedger(path: folder + "/armox/runs.sqlite3")
            _ = try ledger.begin(Self.start("x"))
            let file = try FileManager.default.attributesOfItem(atPath: ledger.path)[.posixPermissions] as? Int
            let dir = try FileManager.default.attributesOfItem(atPath: folder + "/armox")[.posixPermissions] as? Int
            #expect(file == 0o600)
            #expect(dir == 0o700)
            let wal = try FileManager.default.attributesOfItem(atPath: ledger.path + "-wal")[.posixPermissions] as? Int
            #expect(wal == 0o600)
        }
    }

    @Test func promptsAreSearchedWordByWordAndNoTextIsASyntaxError() async throws {
        try await Self.withFolder { folder in
            let ledger = try RunLedger(path: folder + "/runs.sqlite3")
            for prompt in ["a red fox in snow", "a blue whale", "fox and hound", #"say "hi" (loudly) AND NOT -x*"#] {
                _ = try ledger.begin(Self.start(prompt))
            }
            #expect(try ledger.runs(RunQuery(text: "fox")).map(\.prompt) == ["fox and hound", "a red fox in snow"])
            #expect(try ledger.runs(RunQuery(text: "red fox")).map(\.prompt) == ["a red fox in snow"])
            #expect(try ledger.runs(RunQuery(text: "wha")).map(\.prompt) == ["a blue whale"], "the last word is a prefix")
            // A quote with a combining mark after it is one Character: it is still doubled.
            for hostile in [#""hi"#, "AND", "NOT -x*", "(", "\"", "*", "NEAR(a b)", "x\"\u{35E} OR y", "fox\"\u{301}"] {
                #expect(throws: Never.self) { _ = try ledger.runs(RunQuery(text: hostile)) }
            }
            #expect(try ledger.runs(RunQuery(text: #""hi" loudly"#)).count == 1)
            #expect(try ledger.runs(RunQuery(text: "   ")).count == 4, "no words: every run")
            #expect(try ledger.runs(RunQuery(limit: 2)).map(\.prompt) == [#"say "hi" (loudly) AND NOT -x*"#, "fox and hound"])
        }
    }

    /// Every commit is synced before it returns (FULL), the row written
    /// before a run is sent among them; GRDB's WAL set-up had left NORMAL.
    @Test func writesAreSyncedInFull() async throws {
        try await Self.withFolder { folder in
            let ledger = try RunLedger(path: folder + "/runs.sqlite3")
            #expect(try ledger.synchronousMode() == 2)
        }
    }

    /// Two processes started at once on a new file: both made its tables,
    /// and the one that lost went on without a ledger.
    @Test func ledgersOpenedAtOnceOnANewFileAllOpen() async throws {
        try await Self.withFolder { folder in
            for round in 0..<12 {
                let path = folder + "/\(round)/runs.sqlite3"
                let opened = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for _ in 0..<6 {
                        group.addTask { try RunLedger(path: path).begin(Self.start("fox \(round)")) > 0 }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(opened == 6)
                #expect(try RunLedger(path: path).runs(RunQuery()).count == 6)
            }
        }
    }

    /// `runs` reads the newest runs and ranks a search's matches without
    /// sorting every run of the ledger: on 100,000 runs that sort took
    /// 240 ms for the newest 20 (`scripts/bench ledger`).
    @Test func theNewestRunsAndSearchesAreReadWithoutSortingEveryRun() async throws {
        try await Self.withFolder { folder in
            let ledger = try RunLedger(path: folder + "/runs.sqlite3")
            let here = "http://127.0.0.1:9", there = "https://api.armox.example"
            for prompt in ["a red fox in snow", "a blue whale", "fox and hound", "a fox, a fox, a fox"] {
                _ = try ledger.begin(Self.start(prompt))
            }
            let sorts = { (query: RunQuery) in try ledger.plan(of: query).filter { $0.contains("TEMP B-TREE") } }
            #expect(try sorts(RunQuery(server: here, limit: 20)) == [])
            #expect(try sorts(RunQuery(since: "2026-01-01T00:00:00.000Z", server: here, limit: 20)) == [])
            #expect(try sorts(RunQuery(limit: 20)) == [])

            // The one server the ledger holds: a search ranks the index's row
            // ids and reads runs by id alone.
            let search = RunQuery(text: "fox", server: here, limit: 2)
            let plan = try ledger.plan(of: search)
            let reads = plan.filter { $0.contains("runs ") && !$0.contains("runs_search") }
            #expect(reads == ["SEARCH runs USING INTEGER PRIMARY KEY (rowid=?)"], "\(plan)")
            #expect(plan.contains("SCAN found"), "the matches ranked apart, then their rows read: \(plan)")
            let best = ["a fox, a fox, a fox", "fox and hound"]
            #expect(try ledger.runs(search).map(\.prompt) == best)

            // Another server's runs, better matches than these: filtered out, and the order kept.
            _ = try ledger.begin(Self.start("fox fox fox fox", server: there))
            _ = try ledger.begin(Self.start("fox", server: there))
            #expect(try ledger.runs(search).map(\.prompt) == best)
            #expect(try ledger.runs(RunQuery(text: "fox", server: there)).map(\.prompt) == ["fox fox fox fox", "fox"])
            #expect(try ledger.runs(RunQuery(text: "fox", limit: 2)).map(\.prompt) == ["fox fox fox fox", "fox"], "every server")
            #expect(try ledger.runs(RunQuery(server: here, limit: 2)).map(\.prompt) == ["a fox, a fox, a fox", "fox and hound"])
        }
    }

    @Test func spendIsChargedLessRefundedByWhatItIsGroupedBy() async throws {
        try await Self.withFolder { folder in
            let ledger = try RunLedger(path: folder + "/runs.sqlite3")
            let server = "http://127.0.0.1:9"
            let a = try ledger.begin(Self.start("a"))
            try ledger.accepted(a, job: Job(id: "a", status: .completed, creditsCharged: 70))
            let b = try ledger.begin(Self.start("b", model: "google/veo-3", cost: 400))
            try ledger.accepted(b, job: Job(id: "b", status: .processing, creditsCharged: 400))
            try ledger.update([Job(id: "b", status: .failed, error: "boom", creditsCharged: 400)], server: server)
            let c = try ledger.begin(Self.start("c", model: "google/veo-3", cost: 400))
            try ledger.accepted(c, job: Job(id: "c", status: .processing))
            let d = try ledger.begin(Self.start("d"))
            try ledger.uncertain(d, error: "connection reset")
            let e = try ledger.begin(Self.start("e"))
            try ledger.refused(e, error: "402 insufficient credits")

            let total = try ledger.spend(SpendQuery(server: server))
            #expect(total == [SpendRow(key: "all", runs: 3, charged: 870, refunded: 400)])
            let byModel = try ledger.spend(SpendQuery(by: .model, server: server))
            #expect(byModel.map(\.key) == ["google/veo-3", "google/nano-banana"])
            #expect(byModel.map(\.credits) == [400, 70], "c has no credits_charged yet: its catalogue cost counts")
            #expect(try ledger.spend(SpendQuery(server: "http://else:1")) == [])
            #expect(try ledger.runs(RunQuery(status: "uncertain")).map(\.prompt) == ["d"])
            #expect(try ledger.runs(RunQuery(status: "refused")).map(\.error) == ["402 insufficient credits"])
        }
    }

    @Test func unfinishedJobsAreFoundAndASandboxsAreMarkedGone() async throws {
        try await Self.withFolder { folder in
            let ledger = try RunLedger(path: folder + "/runs.sqlite3")
            for id in ["j1", "j2", "j3"] {
                let row = try ledger.begin(Self.start(id))
                try ledger.accepted(row, job: Job(id: id, status: id == "j3" ? .completed : .processing))
            }
            #expect(try ledger.unfinished(server: "http://127.0.0.1:9").map(\.jobID) == ["j1", "j2"])
            #expect(try ledger.unfinishedCount(server: "http://127.0.0.1:9") == 2)
            #expect(try ledger.markUnfinishedGone(server: "http://127.0.0.1:9") == 2)
            #expect(try ledger.unfinishedCount(server: "http://127.0.0.1:9") == 0)
            #expect(try ledger.runs(RunQuery(status: "gone")).count == 2)
        }
    }

    @Test func aCompletedRunOfTheSameScriptAndInputIsFoundForResume() async throws {
        try await Self.withFolder { folder in
            let ledger = try RunLedger(path: folder + "/runs.sqlite3")
            let server = "http://127.0.0.1:9"
            let row = try ledger.begin(Self.start("a fox", script: "/s/a.armox"))
            try ledger.accepted(row, job: Job(id: "j1", status: .completed))
            let input = Self.start("a fox").input
            let second = try ledger.begin(Self.start("a fox", script: "/s/a.armox"))
            try ledger.accepted(second, job: Job(id: "j2", status: .failed))
            #expect(try ledger.completedRuns(script: "/s/a.armox", server: server, kind: .model, subject: "google/nano-banana", input: input).map(\.jobID) == ["j1"])
            #expect(try ledger.completedRuns(script: "/s/b.armox", server: server, kind: .model, subject: "google/nano-banana", input: input).isEmpty)
            #expect(try ledger.completedRuns(script: "/s/a.armox", server: server, kind: .model, subject: "google/nano-banana", input: .object(["prompt": .string("a cat")])).isEmpty)
            #expect(try ledger.completedRuns(script: "/s/a.armox", server: "http://else:1", kind: .model, subject: "google/nano-banana", input: input).isEmpty)
        }
    }

    @Test func twoWritersAtOnceNeverFindTheFileLocked() async throws {
        try await Self.withFolder { folder in
            let path = folder + "/runs.sqlite3"
            let first = try RunLedger(path: path)
            let second = try RunLedger(path: path)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for ledger in [first, second] {
                    group.addTask {
                        for n in 0..<15 {
                            let row = try ledger.begin(Self.start("run \(n)"))
                            try ledger.accepted(row, job: Job(id: UUID().uuidString, status: .completed, creditsCharged: 1))
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try first.runs(RunQuery()).count == 30)
        }
    }

    @Test func aCorruptFileIsRefusedNotTrusted() async throws {
        try await Self.withFolder { folder in
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let path = folder + "/runs.sqlite3"
            try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
            #expect(throws: (any Error).self) { _ = try RunLedger(path: path) }
        }
    }

    @Test func runsAreRemovedOneOrOlderThanATime() async throws {
        try await Self.withFolder { folder in
            let ledger = try RunLedger(path: folder + "/runs.sqlite3")
            let row = try ledger.begin(Self.start("a"))
            try ledger.accepted(row, job: Job(id: "j1", status: .completed))
            _ = try ledger.begin(Self.start("b"))
            #expect(try ledger.remove("j1"))
            #expect(try !ledger.remove("j1"))
            #expect(try ledger.runs(RunQuery(text: "a")).isEmpty, "its search entry went with it")
            #expect(try ledger.remove(before: LedgerTime.text(Date().addingTimeInterval(60))) == 1)
            #expect(try ledger.runs(RunQuery()).isEmpty)
        }
    }

    @Test func timesAreReadAsAUserWritesThem() throws {
        let now = try Date("2026-12-02T12:00:00Z", strategy: .iso8601)
        #expect(LedgerTime.parse("2h", now: now) == "2026-12-02T10:00:00.000Z")
        #expect(LedgerTime.parse("3d", now: now) == "2026-11-29T12:00:00.000Z")
        #expect(LedgerTime.parse("30m", now: now) == "2026-12-02T11:30:00.000Z")
        #expect(LedgerTime.parse("2026-12-01", now: now) == "2026-12-01T00:00:00.000Z")
        #expect(LedgerTime.parse("2026-12-01T09:30:00+01:00", now: now) == "2026-12-01T08:30:00.000Z")
        for bad in ["", "h", "-2h", "2x", "yesterday", "2026-13-01", "1e9d"] {
            #expect(LedgerTime.parse(bad, now: now) == nil, "\(bad)")
        }
    }

    @Test func theFileIsFoundWhereTheEnvironmentSays() {
        #expect(LedgerLocation.path(environment: ["HOME": "/h"], sandbox: false) == "/h/.local/state/armox/runs.sqlite3")
        #expect(LedgerLocation.path(environment: ["HOME": "/h", "XDG_STATE_HOME": "/x"], sandbox: true) == "/x/armox/runs-sandbox.sqlite3")
        #expect(LedgerLocation.path(environment: ["HOME": "/h", "ARMOX_LEDGER": "/l/my.db"], sandbox: false) == "/l/my.db")
        #expect(LedgerLocation.path(environment: ["HOME": "/h", "ARMOX_LEDGER": "/l/my.db"], sandbox: true) == "/l/my-sandbox.db")
        #expect(LedgerLocation.path(environment: ["HOME": "/h", "ARMOX_LEDGER": "off"], sandbox: false) == nil)
        #expect(LedgerLocation.path(environment: ["XDG_STATE_HOME": "relative"], sandbox: false) == nil)
    }
}
