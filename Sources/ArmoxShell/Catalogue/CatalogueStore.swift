import ArmoxAPI
import ArmoxScript
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The catalogue completion reads: loaded from the disk cache in the
/// background at start (so the first prompt never waits for it), refreshed
/// from the API when missing or stale, and replaced whenever the evaluator
/// fetches the catalogue itself (`models --refresh`, a first `run`).
/// TAB reads whatever is here at that moment; it never waits.
public final class CatalogueStore: Sendable {
    private struct State {
        var index = CatalogueIndex()
        /// Both models and apps came from the cache or the API (an update of
        /// one part alone is saved as stale, so the next start fetches both).
        var complete = false
    }

    private let state = Mutex(State())
    private let cache: CatalogueCache?
    /// The session's key scrubber: what a server sent goes through it before
    /// TAB shows it or the cache file keeps it (a server may echo the key).
    private let scrub: @Sendable (String) -> String

    public init(cache: CatalogueCache?, scrub: @escaping @Sendable (String) -> String = { $0 }) {
        self.cache = cache
        self.scrub = scrub
    }

    /// The catalogue as it is now (empty until the cache is read).
    public var index: CatalogueIndex { state.withLock { $0.index } }

    /// Reads the disk cache, then refreshes it through `client` when it is
    /// missing or stale. Failures are quiet: completion simply knows less.
    public func load(refreshingWith client: ArmoxClient) async {
        if let cached = cache?.load() {
            // Unless the evaluator fetched a newer catalogue while the file was read.
            if state.withLock({ $0.index.count == 0 && $0.index.apps.isEmpty }) {
                publish(cached.index, fetched: cached.fetchedAt, complete: true, save: false)
            }
            if let cache, !cache.isStale(fetchedAt: cached.fetchedAt) { return }
        }
        guard !Task.isCancelled else { return }
        do {
            async let models = client.models()
            async let apps = client.apps()
            let (fetchedModels, fetchedApps) = try await (models, apps)
            publish(CatalogueIndex(models: fetchedModels, apps: fetchedApps), fetched: Date(), complete: true, save: true)
            Self.returnFreedMemory()
        } catch {
            // Offline, no key, a server error: the cached catalogue (if any) stays.
        }
    }

    /// What the evaluator fetched replaces that part of the catalogue.
    public func update(_ update: CatalogueUpdate) {
        let (current, complete) = state.withLock { ($0.index, $0.complete) }
        let fetched = complete ? Date() : .distantPast
        switch update {
        case .models(let fresh): publish(CatalogueIndex(models: fresh, apps: current.apps), fetched: fetched, complete: complete, save: true)
        case .apps(let fresh): publish(CatalogueIndex(models: current.models, apps: fresh), fetched: fetched, complete: complete, save: true)
        }
    }

    /// Decoding a large catalogue from JSON peaks far above what the index
    /// keeps (about 400 MB for 100,000 models, 20 MB kept); glibc's malloc
    /// keeps the freed pages unless asked to give them back.
    private static func returnFreedMemory() {
        #if os(Linux)
        // malloc.h is not in Swift's Glibc module: look the function up.
        typealias MallocTrim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(nil, "malloc_trim") {  // nil: RTLD_DEFAULT
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        }
        #endif
    }

    private func publish(_ index: CatalogueIndex, fetched: Date, complete: Bool, save: Bool) {
        var index = index
        if save {
            // Fresh from the server: scrubbed before anything shows or keeps it.
            let text = String(decoding: index.lines, as: UTF8.self)
            let clean = scrub(text)
            if clean != text { index = CatalogueIndex(lines: Array(clean.utf8)) }
        }
        state.withLock { $0 = State(index: index, complete: complete) }
        if save, let cache {
            try? cache.save(index, fetchedAt: fetched)
        }
    }
}
