import ArmoxAPI
import ArmoxShell
import Foundation

// The catalogue cache file the shell reads at start, made up and weighed.
//
//   armox-bench cache-path (--base-url URL | --sandbox) --cache-home DIR
//       prints where the shell keeps the cache for that server with
//       XDG_CACHE_HOME=DIR (`CatalogueCache.configured`), so the harness
//       needs to know neither the file's name nor its format.
//   armox-bench emit-cache PATH [--models N] [--seed S] [--age SECONDS] [--json FILE]
//       writes the synthetic catalogue (SyntheticCatalogue) as the shell's
//       cache (`CatalogueCache.save`), fetched SECONDS ago (default 0: fresh,
//       so the shell does not refresh it); with --json, also the same
//       catalogue as the API's JSON (`{"fetchedAt", "models", "apps"}`, the
//       models and apps as `GET /models` and `GET /apps` describe them), for
//       the Python baseline.
//   armox-bench load-memory PATH
//       loads the cache at PATH as the shell does (`CatalogueCache.load`:
//       the file read and indexed) and prints resident memory and malloc's
//       bytes in use before and after, and the peak.
//   armox-bench load-memory --json FILE
//       the same for the catalogue as the API's JSON: decoded into [Model]
//       with JSONDecoder (what a fetch of the catalogue decodes), then indexed.

enum CatalogueCacheFile {
    /// The catalogue as JSON, in the shape of the API's models and apps.
    struct JSONCatalogue: Codable {
        var fetchedAt: Date
        var models: [Model]
        var apps: [App]
    }

    static func path(_ arguments: ArraySlice<String>) {
        var rest = arguments
        var sandbox = false
        if let at = rest.firstIndex(of: "--sandbox") {
            sandbox = true
            rest.remove(at: at)
        }
        let flags = Flags(rest, known: ["--base-url", "--cache-home"])
        guard let home = flags.string("--cache-home"), sandbox || flags.string("--base-url") != nil else {
            fail("cache-path takes --base-url URL (or --sandbox) and --cache-home DIR")
        }
        let baseURL = ArmoxConfiguration(baseURL: flags.string("--base-url") ?? "http://127.0.0.1/api/v1").baseURL
        guard let cache = CatalogueCache.configured(environment: ["XDG_CACHE_HOME": home], baseURL: baseURL, server: sandbox ? "sandbox" : nil) else {
            fail("no cache for \(baseURL) under \(home)")
        }
        print(cache.path)
    }

    static func emit(_ arguments: ArraySlice<String>) throws {
        guard let path = arguments.first, !path.hasPrefix("--") else { fail("emit-cache takes the file to write") }
        let flags = Flags(arguments.dropFirst(), known: ["--models", "--seed", "--age", "--json"])
        let models = SyntheticCatalogue.models(count: flags.int("--models", 100_000), seed: UInt64(flags.int("--seed", 42)))
        let apps = SyntheticCatalogue.apps
        let fetchedAt = Date().addingTimeInterval(-Double(flags.int("--age", 0)))
        try CatalogueCache(path: path).save(CatalogueIndex(models: models, apps: apps), fetchedAt: fetchedAt)
        print("wrote \(path): \(models.count) models, \(apps.count) apps, \(mebibytes(bytes: size(path)))")
        if let json = flags.string("--json") {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .secondsSince1970
            try encoder.encode(JSONCatalogue(fetchedAt: fetchedAt, models: models, apps: apps)).write(to: URL(fileURLWithPath: json))
            print("wrote \(json): the same catalogue as the API's JSON, \(mebibytes(bytes: size(json)))")
        }
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    static func loadMemory(_ arguments: ArraySlice<String>) throws {
        let json = arguments.first == "--json"
        guard let path = json ? arguments.dropFirst().first : arguments.first else { fail("load-memory takes a cache file (or --json FILE)") }
        var last = (rss: residentMemory().rss, heap: heapInUse())
        func step(_ name: String) {
            let now = (rss: residentMemory().rss, heap: heapInUse())
            let delta = String(format: "%+.1f", Double(now.rss - last.rss) / 1024)
            let heapDelta = String(format: "%+.1f", Double(now.heap - last.heap) / 1_048_576)
            print("  " + name.padding(toLength: 54, withPad: " ", startingAt: 0)
                + "RSS \(mebibytes(kilobytes: now.rss)) (\(delta)), malloc in use \(mebibytes(bytes: now.heap)) (\(heapDelta))")
            last = now
        }
        let clock = ContinuousClock()
        let start = clock.now
        let index: CatalogueIndex
        if json {
            print("loading \(path) (\(mebibytes(bytes: size(path)))) as JSON, as a fetch decodes the catalogue:")
            step("start (armox-bench, nothing loaded)")
            // The file's bytes and the decoded array live only inside this function.
            func decodeAndIndex() throws -> CatalogueIndex {
                guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .secondsSince1970
                let catalogue = try decoder.decode(JSONCatalogue.self, from: data)
                step("decoded: \(catalogue.models.count) models as [Model], bytes held")
                return CatalogueIndex(models: catalogue.models, apps: catalogue.apps)
            }
            index = try decodeAndIndex()
        } else {
            print("loading \(path) (\(mebibytes(bytes: size(path)))) as the shell does (CatalogueCache.load):")
            step("start (armox-bench, nothing loaded)")
            guard let loaded = CatalogueCache(path: path).load() else { fail("\(path) is not a catalogue cache") }
            index = loaded.index
        }
        let elapsed = (clock.now - start).milliseconds
        step("CatalogueIndex of \(index.count) models, all else freed")
        print("  peak (VmHWM): \(mebibytes(kilobytes: residentMemory().peak)); " + String(format: "%.0f ms", elapsed))
        // What of the resident memory is free heap malloc keeps (armox does not trim).
        if trimHeap() { step("for scale: after malloc_trim(0)") }
        withExtendedLifetime(index) {}
    }
}
