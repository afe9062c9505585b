import ArmoxAPI
import ArmoxLedger
import ArmoxScript
import Foundation
import GRDB

// The run ledger's costs.
//
//   armox-bench ledger-writes --base-url URL --key KEY --dir DIR [--runs N (300)] [--model ID]
//       one `run MODEL "…"` statement at a time against a running sandbox,
//       through two evaluators on one client: one with a ledger in DIR (as
//       armox opens it: WAL, synchronous = FULL, the key scrubbed), one
//       without; interleaved, the order turning each run. Prints each
//       side's median and p90 round trip, the difference of the medians,
//       the ledger's own writes for a run timed alone (begin, accepted, the
//       finished job: three synced transactions), and the file's bytes per run.
//   armox-bench emit-ledger PATH --server URL [--runs N (100,000)] [--pending K (3)] [--seed S]
//       a ledger of N runs of SERVER, K of them still running: the schema
//       and a first run written by RunLedger itself, the rest copies of that
//       row with made-up prompts (seeded words), job ids and times, in one
//       transaction (N synced writes would take minutes). Prints its size.

enum LedgerBenchmark {
    static func writes(_ arguments: ArraySlice<String>) async throws {
        let flags = Flags(arguments, known: ["--base-url", "--key", "--dir", "--runs", "--model"])
        guard let baseURL = flags.string("--base-url"), let key = flags.string("--key"), let dir = flags.string("--dir") else {
            fail("ledger-writes needs --base-url, --key and --dir")
        }
        let runs = flags.int("--runs", 300)
        let model = flags.string("--model") ?? "black-forest-labs/flux-schnell"
        let client = ArmoxClient(configuration: ArmoxConfiguration(baseURL: baseURL, apiKey: key))
        let keys = KeyScrubber(key)
        let path = dir + "/runs.sqlite3"
        let ledger = try RunLedger(path: path, scrub: { keys.scrub($0) })
        let sink = OutputSink(out: { _ in }, err: { text in FileHandle.standardError.write(Data(text.utf8)) })
        let on = Evaluator(client: client, output: sink, host: EvaluatorHost(ledger: LedgerSession(ledger: ledger, server: baseURL)), keys: keys)
        let off = Evaluator(client: client, output: sink, keys: keys)
        let clock = ContinuousClock()

        func once(_ evaluator: Evaluator, _ n: Int) async throws -> Double {
            let source = SourceText(name: "bench.armox", text: #"run \#(model) "a lighthouse at dusk, take \#(n)""#)
            let start = clock.now
            try await evaluator.run(source)
            return (clock.now - start).seconds * 1000
        }
        for n in 0..<10 {  // warm-up: connections, the catalogue, SQLite's pages
            _ = try await once(on, n)
            _ = try await once(off, n)
        }
        let written = try ledger.runs(RunQuery()).count
        var withLedger: [Double] = []
        var without: [Double] = []
        for n in 0..<runs {
            if n % 2 == 0 {
                withLedger.append(try await once(on, n))
                without.append(try await once(off, n))
            } else {
                without.append(try await once(off, n))
                withLedger.append(try await once(on, n))
            }
        }
        await client.shutdown()
        withLedger.sort()
        without.sort()
        print(String(format: "run round trip, ledger on:   median %.3f ms   p90 %.3f ms   (%d runs)", median(withLedger), percentile(withLedger, 0.9), runs))
        print(String(format: "run round trip, ledger off:  median %.3f ms   p90 %.3f ms   (%d runs, the baseline)", median(without), percentile(without, 0.9), runs))
        let added = median(withLedger) - median(without)
        print(String(format: "added by the ledger: %.3f ms median (ratio on/off %.2f); target <= 2 ms: %@", added,
                     median(withLedger) / median(without), added <= 2 ? "met" : "MISSED"))

        // The ledger alone: the three writes of an image run, no network.
        let job = Job(id: "job_bench", status: .pending, model: model, createdAt: LedgerTime.now())
        var alone: [Double] = []
        for n in 0..<runs {
            let start = clock.now
            let row = try ledger.begin(RunStart(
                server: baseURL, session: "bench", source: "bench.armox:1", script: nil, kind: .model, subject: model,
                input: .object(["prompt": .string("a lighthouse at dusk, take \(n)")]), estimatedCost: 30))
            try ledger.accepted(row, job: job.with(id: "job_bench_\(n)"))
            try ledger.update([job.with(id: "job_bench_\(n)", status: .completed)], server: baseURL)
            alone.append((clock.now - start).seconds * 1000)
        }
        alone.sort()
        print(String(format: "the ledger's writes for one run alone (3 synced transactions): median %.3f ms   p90 %.3f ms", median(alone), percentile(alone, 0.9)))

        let total = written + 2 * runs
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        try await DatabaseQueue(path: path).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("file: \(bytes) bytes for \(total) runs once checkpointed (the -wal had grown to \(wal)): \(bytes / max(total, 1)) bytes a run")
    }

    static func emit(_ arguments: ArraySlice<String>) throws {
        guard let path = arguments.first, !path.hasPrefix("--") else { fail("emit-ledger needs a PATH") }
        let flags = Flags(arguments.dropFirst(), known: ["--server", "--runs", "--pending", "--seed"])
        guard let server = flags.string("--server") else { fail("emit-ledger needs --server") }
        let count = flags.int("--runs", 100_000)
        let pending = flags.int("--pending", 3)
        var random = SeededGenerator(seed: UInt64(flags.int("--seed", 7)))
        try? FileManager.default.removeItem(atPath: path)

        // The template: a finished image run, written as armox writes one.
        let ledger = try RunLedger(path: path)
        let model = "black-forest-labs/flux-schnell"
        let template = try ledger.begin(RunStart(
            server: server, session: "template", source: "batch.armox:12", script: "/home/user/batch.armox", kind: .model,
            subject: model, input: .object(["prompt": .string("template"), "aspect_ratio": .string("16:9")]), estimatedCost: 30))
        let job = Job(id: "job_template", status: .pending, model: model, createdAt: LedgerTime.now())
        try ledger.accepted(template, job: job)
        var done = job.with(id: "job_template", status: .completed)
        done.creditsCharged = 30
        done.output = .array([.string("https://cdn.armox.example/outputs/job_template/0.png")])
        done.completedAt = LedgerTime.now()
        try ledger.update([done], server: server)

        let words = [
            "lighthouse", "dragon", "harbour", "forest", "neon", "city", "portrait", "mountain", "river", "desert", "storm",
            "garden", "robot", "castle", "ocean", "sunset", "winter", "market", "train", "library", "cathedral", "fox",
            "owl", "whale", "bicycle", "lantern", "glacier", "canyon", "meadow", "volcano", "orchard", "skyline", "violin",
            "astronaut", "samurai", "teapot", "umbrella", "waterfall", "windmill", "zeppelin",
        ]
        let styles = ["watercolour", "oil painting", "35mm photo", "isometric", "pixel art", "cinematic", "charcoal sketch", "low poly"]
        let queue = try DatabaseQueue(path: path)
        let start = Date().addingTimeInterval(-Double(count) * 60)
        try queue.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO runs (server, session, source, script, kind, subject, app_name, input, prompt, webhook, estimated_cost,
                  state, job_id, status, credits_charged, credits_refunded, outputs, output, error, sent_at, created_at, completed_at, updated_at)
                SELECT server, ?, source, script, kind, subject, app_name, ?, ?, webhook, estimated_cost,
                  state, ?, ?, credits_charged, credits_refunded, ?, output, error, ?, ?, ?, ?
                FROM runs WHERE id = ?
                """)
            let changes = try db.makeStatement(sql: """
                INSERT INTO status_changes (run_id, status, at) VALUES (?, 'pending', ?), (?, 'processing', ?), (?, ?, ?)
                """)
            for n in 1..<count {
                let prompt = (0..<Int.random(in: 4...9, using: &random)).map { _ in words.randomElement(using: &random)! }
                    .joined(separator: " ") + ", " + styles.randomElement(using: &random)!
                let input = JSONValue.object(["prompt": .string(prompt), "aspect_ratio": .string("16:9")]).jsonString()
                let id = String(format: "job_%020llx", random.next() >> 1)
                let at = LedgerTime.text(start.addingTimeInterval(Double(n) * 60))
                let running = n >= count - pending
                let status = running ? "processing" : "completed"
                let outputs = running ? "[]" : "[\"https://cdn.armox.example/outputs/\(id)/0.png\"]"
                try statement.execute(arguments: [
                    "session-\(n / 50)", input, prompt, id, status, outputs, at, at, running ? nil : at, at, template,
                ])
                let row = db.lastInsertedRowID
                try changes.execute(arguments: [row, at, row, at, row, status, at])
            }
        }
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("\(path): \(count) runs (\(pending) still running), \(bytes) bytes, \(bytes / max(count, 1)) bytes a run")
    }

}

extension Job {
    fileprivate func with(id: String, status: JobStatus? = nil) -> Job {
        var job = self
        job.id = id
        if let status { job.status = status }
        return job
    }
}
