import ArmoxAPI
import ArmoxScript
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxShell

@Suite("The catalogue cache behind completion")
struct CatalogueCacheTests {
    @Test func whereItLives() {
        let env = ["HOME": "/home/ana"]
        #expect(CatalogueCache.configured(environment: env, baseURL: "https://armox.ai/api/v1")?.path == "/home/ana/.cache/armox/catalogue-https---armox.ai-api-v1.txt")
        #expect(CatalogueCache.configured(environment: ["XDG_CACHE_HOME": "/c"], baseURL: "http://127.0.0.1:9/api/v1", server: "sandbox")?.path == "/c/armox/catalogue-sandbox.txt")
        #expect(CatalogueCache.configured(environment: [:], baseURL: "https://armox.ai/api/v1") == nil)
    }

    @Test func itRoundTripsTheSandboxCatalogueAndAgesOut() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (models, apps) = try await withSandbox { _, client in (try await client.models(), try await client.apps()) }
        let cache = CatalogueCache(path: folder.path + "/armox/catalogue-sandbox.txt", maxAge: 3600)
        #expect(cache.load() == nil)
        let fetched = Date(timeIntervalSince1970: 1_800_000_000)
        try cache.save(CatalogueIndex(models: models, apps: apps), fetchedAt: fetched)
        let read = try #require(cache.load())
        // What completion uses survives: ids, modality, inputs, setting keys, types and values.
        let sorted = models.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        #expect(read.index.ids == sorted.map(\.id))
        #expect(read.index.models.map(\.modality) == sorted.map(\.modality))
        #expect(read.index.models.map(\.inputKeys) == sorted.map(\.inputKeys))
        #expect(read.index.models.map { $0.settings.map(\.key) } == sorted.map { $0.settings.map(\.key) })
        #expect(read.index.models.map { $0.settings.map(\.inputType) } == sorted.map { $0.settings.map(\.inputType) })
        #expect(read.index.models.map { $0.settings.map(\.options) } == sorted.map { $0.settings.map(\.options) })
        #expect(read.index.apps == apps)
        #expect(read.fetchedAt == fetched)
        #expect(!cache.isStale(fetchedAt: fetched, now: fetched.addingTimeInterval(3599)))
        #expect(cache.isStale(fetchedAt: fetched, now: fetched.addingTimeInterval(3601)))
        // A clock that went backwards makes a cache "from the future": refresh it.
        #expect(cache.isStale(fetchedAt: fetched, now: fetched.addingTimeInterval(-3600)))
    }

    /// Whatever bytes the API puts in ids, keys and values (tabs, newlines,
    /// `%`, the unit separator, non-ASCII), every line still splits the same.
    @Test func oddTextSurvivesTheLineFormat() throws {
        let odd = ["a\tb", "line\nbreak", "100%", "unit\u{1F}sep", "東京 🎬", "%09", "cr\r"]
        let models = odd.enumerated().map { i, text in
            Model(
                id: "odd/\(i)-" + text, name: "n", modality: text, inputTypes: [text, "image"], promptRequired: i % 2 == 0,
                settings: [ModelSetting(key: text, inputType: "select", options: [text, "x"]), ModelSetting(key: "plain", inputType: "boolean")])
        }
        let index = CatalogueIndex(models: models, apps: [App(id: "a\nb", name: "x\ty")])
        for model in models {
            let back = try #require(index.model(id: model.id))
            #expect(back.id == model.id && back.modality == model.modality && back.inputTypes == model.inputTypes)
            #expect(back.promptRequired == model.promptRequired)
            #expect(back.settings.map(\.key) == model.settings.map(\.key) && back.settings.map(\.options) == model.settings.map(\.options))
        }
        #expect(index.apps.map(\.id) == ["a\nb"])
    }

    @Test func aDamagedOrOlderCacheIsIgnored() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.path + "/catalogue.txt"
        for text in ["{\"fetchedAt\": 1, \"models\": [", "", "armox-catalogue\t1\t5\nM\tx\n", "armox-catalogue\t2\tsoon\n"] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            #expect(CatalogueCache(path: path).load() == nil, "\(text)")
        }
        // A damaged line is skipped; the rest is read.
        try Data("armox-catalogue\t2\t5\nM\tok/1\timage\ttext\t1\nM\nQ\tjunk\nA\t{not json\nM\tok/2\tvideo\t\t0\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(CatalogueCache(path: path).load()?.index.ids == ["ok/1", "ok/2"])
    }

    /// No cache: the store fetches from the API in the background and writes
    /// the cache; a second store reads it back without any request.
    @Test func theStoreFillsTheCacheThenServesFromIt() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = CatalogueCache(path: folder.path + "/armox/catalogue-sandbox.txt")
        try await withSandbox { server, client in
            let store = CatalogueStore(cache: cache)
            #expect(store.index.count == 0)
            await store.load(refreshingWith: client)
            #expect(store.index.model(id: "google/nano-banana") != nil)
            #expect(!store.index.apps.isEmpty)
            #expect(cache.load() != nil)

            let before = await server.requestCount(.models) + server.requestCount(.apps)
            let second = CatalogueStore(cache: cache)
            await second.load(refreshingWith: client)
            #expect(second.index.models.map(\.id) == store.index.models.map(\.id))
            let after = await server.requestCount(.models) + server.requestCount(.apps)
            #expect(after == before, "a fresh cache needs no request")
        }
    }

    /// What the evaluator fetches (models --refresh) replaces the completion catalogue.
    @Test func evaluatorFetchesUpdateTheStore() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = CatalogueCache(path: folder.path + "/catalogue.txt")
        let store = CatalogueStore(cache: cache)
        store.update(.models([Model(id: "acme/one", name: "One", modality: "image")]))
        #expect(store.index.models.map(\.id) == ["acme/one"])
        // Only one part is known: saved as stale, so the next start fetches both.
        let saved = try #require(cache.load())
        #expect(cache.isStale(fetchedAt: saved.fetchedAt))
    }
}

/// What a server sent goes through the session's scrubber before TAB or the
/// cache file sees it.
@Suite("The catalogue, scrubbed")
struct CatalogueScrubTests {
    @Test func aKeyInModelDataNeverReachesTheCacheOrTab() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = "sk_live_Q7vN2mXc9LpR4tYb8WzK3hJd6FgS1aEu5oIy0nM"
        let scrubber = KeyScrubber(key)
        let cache = CatalogueCache(path: folder.path + "/armox/catalogue.txt")
        let store = CatalogueStore(cache: cache, scrub: { scrubber.scrub($0) })
        let setting = ModelSetting(key: "style", inputType: "select", options: ["plain", "x" + key.dropLast(3)])
        store.update(.models([Model(id: "acme/one", name: "One", modality: "image \(key)", settings: [setting])]))
        let saved = try String(contentsOfFile: cache.path, encoding: .utf8)
        #expect(!saved.contains(String(key.dropFirst(8).prefix(8))), "\(saved)")
        #expect(!saved.contains(String(key.dropFirst(20).prefix(8))))
        #expect(store.index.models.first?.modality.hasSuffix("sk_live_…") == true, "\(String(describing: store.index.models.first))")
        #expect(store.index.models.first?.settings.first?.options == ["plain", "xsk_live_…"])
        let mode = try FileManager.default.attributesOfItem(atPath: cache.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
