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
        #expect(CatalogueCache.configured(environment: env, baseURL: "https://armox.ai/api/v1")?.path == "/home/ana/.cache/armox/catalogue-https---armox.ai-api-v1.json")
        #expect(CatalogueCache.configured(environment: ["XDG_CACHE_HOME": "/c"], baseURL: "http://127.0.0.1:9/api/v1", server: "sandbox")?.path == "/c/armox/catalogue-sandbox.json")
        #expect(CatalogueCache.configured(environment: [:], baseURL: "https://armox.ai/api/v1") == nil)
    }

    @Test func itRoundTripsTheSandboxCatalogueAndAgesOut() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (models, apps) = try await withSandbox { _, client in (try await client.models(), try await client.apps()) }
        let cache = CatalogueCache(path: folder.path + "/armox/catalogue-sandbox.json", maxAge: 3600)
        #expect(cache.load() == nil)
        let written = CatalogueCache.Contents(fetchedAt: Date(timeIntervalSince1970: 1_800_000_000), models: models, apps: apps)
        try cache.save(written)
        let read = try #require(cache.load())
        #expect(read.models == models)
        #expect(read.apps == apps)
        #expect(read.fetchedAt == written.fetchedAt)
        #expect(!cache.isStale(read, now: written.fetchedAt.addingTimeInterval(3599)))
        #expect(cache.isStale(read, now: written.fetchedAt.addingTimeInterval(3601)))
        // A clock that went backwards makes a cache "from the future": refresh it.
        #expect(cache.isStale(read, now: written.fetchedAt.addingTimeInterval(-3600)))
    }

    @Test func aDamagedCacheIsIgnored() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.path + "/catalogue.json"
        try Data("{\"fetchedAt\": 1, \"models\": [".utf8).write(to: URL(fileURLWithPath: path))
        #expect(CatalogueCache(path: path).load() == nil)
    }

    /// No cache: the store fetches from the API in the background and writes
    /// the cache; a second store reads it back without any request.
    @Test func theStoreFillsTheCacheThenServesFromIt() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = CatalogueCache(path: folder.path + "/armox/catalogue-sandbox.json")
        try await withSandbox { server, client in
            let store = CatalogueStore(cache: cache)
            #expect(store.index.models.isEmpty)
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
        let cache = CatalogueCache(path: folder.path + "/catalogue.json")
        let store = CatalogueStore(cache: cache)
        store.update(.models([Model(id: "acme/one", name: "One", modality: "image")]))
        #expect(store.index.models.map(\.id) == ["acme/one"])
        // Only one part is known: saved as stale, so the next start fetches both.
        let saved = try #require(cache.load())
        #expect(cache.isStale(saved))
    }
}
