import ArmoxAPI
import ArmoxScript
import ArmoxShell
import Foundation

// The completion benchmark: TAB over a catalogue of 100,000 model ids.
//
//   armox-bench completion [--models N] [--tabs N] [--seed S] [--emit FILE]
//
// Builds the synthetic catalogue (SyntheticCatalogue), times building the
// `CatalogueIndex` and reading it back from the disk cache, then times each
// TAB of a seeded mix of lines: what one TAB costs in the shell — the
// snapshot with the catalogue filled in, `Completer.complete`,
// `Completion.insertion` (what the TAB inserts), releasing the result. It
// also times, apart, the same insertion taken from the first and the last
// candidate only (a what-if). `--emit FILE` writes the ids (one a line) to
// FILE and each TAB's kind, line and word before the cursor (tab-separated)
// to FILE.tabs, for the Python baseline.

enum CompletionBenchmark {
    /// One TAB: the line (cursor at its end) and what kind of place it completes.
    struct Tab {
        var kind: String
        var line: String
        /// The whitespace-separated word before the cursor (what a
        /// prompt_toolkit `WordCompleter(WORD=True)` would complete).
        var word: String { String(line.split(separator: " ", omittingEmptySubsequences: false).last ?? "") }
    }

    static let kinds = ["run <id prefix>", "run <id> \"…\" <key prefix>", "run <id> \"x\" aspect_ratio=<prefix>", "model <id prefix>", "$hero.<field prefix>", "help <command prefix>"]

    static func run(_ arguments: ArraySlice<String>) throws {
        let flags = Flags(arguments, known: ["--models", "--tabs", "--seed", "--emit"])
        let count = flags.int("--models", 100_000)
        let tabCount = flags.int("--tabs", 20_000)
        let seed = UInt64(flags.int("--seed", 42))
        let clock = ContinuousClock()

        let made = clock.now
        let models = SyntheticCatalogue.models(count: count, seed: seed)
        let apps = SyntheticCatalogue.apps
        print(String(format: "catalogue: %d models (%d vendors), %d apps, %d settings; generated in %.0f ms", models.count, Set(models.map { $0.id.prefix { $0 != "/" } }).count, apps.count, models.reduce(0) { $0 + $1.settings.count }, (clock.now - made).milliseconds))

        var builds: [Double] = []
        var index = CatalogueIndex()
        for _ in 0..<5 {
            let start = clock.now
            index = CatalogueIndex(models: models, apps: apps)
            builds.append((clock.now - start).milliseconds)
        }
        print(String(format: "CatalogueIndex(models:apps:): median %.1f ms over %d builds", median(builds), builds.count) + " (" + builds.map { String(format: "%.1f", $0) }.joined(separator: " · ") + ")")

        // Reading the disk cache (what the shell does in the background at
        // start, before TAB knows any id), and, for scale, decoding the same
        // catalogue from the API's JSON (what a fetch does).
        let cachePath = FileManager.default.temporaryDirectory.appendingPathComponent("armox-bench-cache-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: cachePath) }
        let cache = CatalogueCache(path: cachePath)
        try cache.save(index, fetchedAt: Date())
        var loads: [Double] = []
        for _ in 0..<5 {
            let start = clock.now
            let loaded = cache.load()
            loads.append((clock.now - start).milliseconds)
            if loaded?.index.count != models.count { fail("the cache did not read back") }
        }
        print("cache file: \(mebibytes(bytes: CatalogueCacheFile.size(cachePath))); CatalogueCache.load() (read + index): " + String(format: "median %.0f ms", median(loads)) + " (" + loads.map { String(format: "%.0f", $0) }.joined(separator: " · ") + ")")
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let json = try encoder.encode(CatalogueCacheFile.JSONCatalogue(fetchedAt: Date(), models: models, apps: apps))
        let decodeStart = clock.now
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let decoded = try decoder.decode(CatalogueCacheFile.JSONCatalogue.self, from: json)
        print("for scale: the same catalogue as the API's JSON is \(mebibytes(bytes: json.count)); JSONDecoder into [Model] (what a fetch decodes): " + String(format: "%.0f ms", (clock.now - decodeStart).milliseconds) + " (once)")
        if decoded.models.count != models.count { fail("the JSON did not read back") }

        var random = SeededGenerator(seed: seed &+ 1)
        let tabs = mix(tabCount, models: models, &random)
        if let path = flags.string("--emit") {
            try (models.map(\.id).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            try (tabs.map { "\($0.kind)\t\($0.line)\t\($0.word)" }.joined(separator: "\n") + "\n")
                .write(toFile: path + ".tabs", atomically: true, encoding: .utf8)
        }

        let base = snapshot()
        // Warm-up: the first 500 TABs once, untimed (page faults, caches).
        var sink = 0
        for tab in tabs.prefix(500) { sink &+= press(tab, base, index, clock).inserted }

        var presses: [Press] = []
        presses.reserveCapacity(tabs.count)
        for tab in tabs {
            let start = clock.now
            var press = press(tab, base, index, clock)
            // The completion is released by now, as after a TAB; the what-if is not counted.
            press.total = (clock.now - start).milliseconds - press.shortcut
            press.complete = (press.completed - start).milliseconds
            presses.append(press)
            sink &+= press.inserted
        }
        let sorted = presses.map(\.total).sorted()
        print(String(format: "armox TAB (%d TABs): p50 %.4f ms, p90 %.4f ms, p99 %.4f ms, max %.3f ms", tabs.count, percentile(sorted, 0.5), percentile(sorted, 0.9), percentile(sorted, 0.99), sorted.last ?? .nan))
        print("by kind:")
        for kind in kinds {
            summarize(kind, presses.enumerated().filter { tabs[$0.offset].kind == kind }.map(\.element))
        }
        print("by number of candidates (then medians of the parts: Completer.complete | .insertion | releasing the candidates):")
        let buckets: [(String, ClosedRange<Int>)] = [
            ("0–1", 0...1), ("2–1,000", 2...1_000), ("1,001–10,000", 1_001...10_000),
            ("10,001–\(count - 1)", 10_001...max(10_001, count - 1)), ("all \(count)", count...count),
        ]
        for (name, range) in buckets {
            summarize(name + " candidates", presses.filter { range.contains($0.candidates) }, parts: true)
        }
        let whatIf = presses.map { $0.total - $0.insertion + $0.shortcut }.sorted()
        print(String(format: "what-if: with .insertion taken from the first and last candidate only (sorted, so the same text; checked on every TAB): p50 %.4f ms, p99 %.4f ms, max %.3f ms", percentile(whatIf, 0.5), percentile(whatIf, 0.99), whatIf.last ?? .nan))
        if sink == 42 { print("") }  // keeps the results alive
    }

    /// One timed TAB: milliseconds in all and per part, and how many candidates.
    struct Press {
        var candidates: Int
        /// Bytes the TAB would insert (kept so the work is not optimized away).
        var inserted: Int
        var completed: ContinuousClock.Instant
        var total = 0.0
        var complete = 0.0
        var insertion = 0.0
        /// `firstLastInsertion` and its check (taken out of `total`).
        var shortcut = 0.0
    }

    static func summarize(_ name: String, _ presses: [Press], parts: Bool = false) {
        guard !presses.isEmpty else { return print("  " + name + ": none") }
        let times = presses.map(\.total).sorted()
        let found = presses.map(\.candidates).sorted()
        var line = "  " + name.padding(toLength: 40, withPad: " ", startingAt: 0)
            + String(format: " %5d TABs: p50 %.4f ms, p99 %.4f ms, max %.3f ms", times.count, percentile(times, 0.5), percentile(times, 0.99), times.last!)
        if parts {
            let release = presses.map { $0.total - $0.complete - $0.insertion }
            line += String(format: " (%.3f | %.3f | %.3f)", median(presses.map(\.complete)), median(presses.map(\.insertion)), median(release))
        } else {
            line += "; candidates: median \(found[found.count / 2]), max \(found.last!)"
        }
        print(line)
    }

    /// One TAB as the shell does it: the session snapshot with the catalogue
    /// filled in, the completion, and what it inserts (`complete` and `total`
    /// are filled in by the caller, which also counts releasing the result).
    static func press(_ tab: Tab, _ base: CompletionSnapshot, _ index: CatalogueIndex, _ clock: ContinuousClock) -> Press {
        var snapshot = base
        snapshot.catalogue = index
        let completion = Completer.complete(tab.line, cursor: tab.line.utf8.count, in: snapshot)
        let completed = clock.now
        let insertion = completion.insertion
        let inserted = clock.now
        // What-if, timed apart: the same common prefix from the first and the
        // last candidate alone (they are sorted by UTF-8 bytes).
        let shortcut = firstLastInsertion(completion)
        if shortcut != insertion { fail("first/last common prefix \(shortcut ?? "nil") differs from insertion \(insertion ?? "nil") for \(tab.line)") }
        var press = Press(candidates: completion.candidates.count, inserted: insertion?.utf8.count ?? -1, completed: completed)
        press.insertion = (inserted - completed).milliseconds
        press.shortcut = (clock.now - inserted).milliseconds
        withExtendedLifetime(completion) {}  // released in the caller's time, as after a real TAB
        return press
    }

    /// `Completion.insertion` computed from the first and the last candidate only.
    static func firstLastInsertion(_ completion: Completion) -> String? {
        let candidates = completion.candidates
        if candidates.count == 1 { return candidates[0].text + candidates[0].terminator }
        guard let first = candidates.first, let last = candidates.last else { return nil }
        var common = 0
        for (a, b) in zip(first.text.unicodeScalars, last.text.unicodeScalars) {
            guard a == b else { break }
            common += 1
        }
        return common > completion.replacing.unicodeScalars.count ? String(first.text.unicodeScalars.prefix(common)) : nil
    }

    /// A session like one a few minutes in: a finished job in `$hero`, `$job`
    /// and `$output` set, a few strings, the environment.
    static func snapshot() -> CompletionSnapshot {
        let hero = Job(
            id: "job_7f3a9c21", status: .completed, runType: "model", model: "vendor-042/flux-ultra-00042",
            input: .object(["prompt": .string("a cat")]),
            output: .object(["images": .array([.string("https://cdn.example/out/1.png")])]), creditsCharged: 70,
            createdAt: "2026-11-24T10:00:00Z", completedAt: "2026-11-24T10:00:09Z")
        let variables: [String: Value] = [
            "hero": .job(JobRecord(hero)), "job": .job(JobRecord(hero)), "output": .string("https://cdn.example/out/1.png"),
            "_": .string("ok"), "subject": .string("a red fox"), "sizes": .list([.string("1:1"), .string("16:9")]),
            "model": .null, "args": .list([]),
        ]
        return CompletionSnapshot(
            variables: variables, environment: ["HOME": "/home/user", "PATH": "/usr/bin:/bin", "TERM": "xterm"],
            workingDirectory: "/tmp")
    }

    /// The lines TAB is pressed on, in a seeded random order: 35% a prefix
    /// (0–20 bytes) of an id after `run`, 15% after `model`; 15% a prefix of
    /// one of the model's setting keys after `run <id> "a cat"`; 15% a prefix
    /// of an aspect ratio after `run <id> "x" aspect_ratio=`; 10% a field of a
    /// job variable (`$hero.st`); 10% `help` and a command's first letters.
    static func mix(_ count: Int, models: [Model], _ random: inout SeededGenerator) -> [Tab] {
        func prefix(_ text: String, upTo limit: Int) -> String {
            String(decoding: text.utf8.prefix(Int.random(in: 0...min(limit, text.utf8.count), using: &random)), as: UTF8.self)
        }
        let withRatio = models.filter { $0.setting("aspect_ratio") != nil }
        let commands = CommandCatalog.all.map(\.name)
        var tabs: [Tab] = []
        tabs.reserveCapacity(count)
        for _ in 0..<count {
            let roll = Int.random(in: 0..<100, using: &random)
            switch roll {
            case 0..<35:
                tabs.append(Tab(kind: kinds[0], line: "run " + prefix(models.randomElement(using: &random)!.id, upTo: 20)))
            case 35..<50:
                let model = models.randomElement(using: &random)!
                let key = model.settings.randomElement(using: &random)!.key
                tabs.append(Tab(kind: kinds[1], line: "run \(model.id) \"a cat\" " + prefix(key, upTo: key.utf8.count)))
            case 50..<65:
                let model = withRatio.randomElement(using: &random)!
                let option = model.setting("aspect_ratio")!.options!.randomElement(using: &random)!
                tabs.append(Tab(kind: kinds[2], line: "run \(model.id) \"x\" aspect_ratio=" + prefix(option, upTo: option.utf8.count)))
            case 65..<80:
                tabs.append(Tab(kind: kinds[3], line: "model " + prefix(models.randomElement(using: &random)!.id, upTo: 20)))
            case 80..<90:
                let field = Value.jobFields.randomElement(using: &random)!
                tabs.append(Tab(kind: kinds[4], line: "$hero." + prefix(field, upTo: 3)))
            default:
                tabs.append(Tab(kind: kinds[5], line: "help " + prefix(commands.randomElement(using: &random)!, upTo: 3)))
            }
        }
        return tabs
    }
}
