import ArmoxAPI
import ArmoxShell
import Foundation

/// A catalogue cache file (`CatalogueCache`, the `CatalogueLines` format) as
/// the shell reads it from disk at start: the input is written to a file and
/// read back through `CatalogueCache.load`, the shell's own path.
///
/// Properties: a file is read or ignored, never a crash; when read, its
/// fetch time is a real instant (else the cache would never go stale, or
/// could not be written back); the ids come sorted byte-wise and every id
/// finds its model; prefixes find exactly the ids that have them; the
/// modalities are sorted and distinct; and the catalogue saved and read
/// again (or rebuilt from its models and apps) is the same catalogue.
enum CatalogueCacheTarget {
    /// A scratch folder per process in the temporary directory, made for
    /// each input and removed after it (the replay test runs in /tmp).
    static let folder: String = {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return base + "/armox-fuzz-\(ProcessInfo.processInfo.processIdentifier)"
    }()

    static func check(_ bytes: [UInt8]) throws {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = CatalogueCache(path: folder + "/input.txt")
        try require(FileManager.default.createFile(atPath: input.path, contents: Data(bytes)), "cannot write \(input.path)")
        guard let (index, fetchedAt) = input.load() else { return }
        try require(fetchedAt.timeIntervalSince1970.isFinite, "a cache read as fetched at \(fetchedAt.timeIntervalSince1970)")
        try checkIndex(index)

        // Saved and read again: the same catalogue.
        let copy = CatalogueCache(path: folder + "/copy.txt")
        let when = Date(timeIntervalSince1970: 1_800_000_000)
        do {
            try copy.save(index, fetchedAt: when)
        } catch {
            throw PropertyViolation("a catalogue read from a cache cannot be saved: \(error)")
        }
        guard let (again, fetchedAgain) = copy.load() else { throw PropertyViolation("a saved catalogue does not read back") }
        try require(fetchedAgain == when, "saved as fetched at \(when), read as \(fetchedAgain)")
        try same(again, index, "saved and read again")
        // Rebuilt from what it holds (as `CatalogueStore.update` does).
        // A damaged model line with an id and a modality but not the rest
        // reads as a model of modality "unknown" while its modality is still
        // listed: only the modalities may differ.
        try same(CatalogueIndex(models: index.models, apps: index.apps), index, "rebuilt from its models and apps", modalities: false)
    }

    static func checkIndex(_ index: CatalogueIndex) throws {
        let ids = index.ids
        try require(ids.count == index.count, "\(index.count) models but \(ids.count) ids")
        try require(zip(ids, ids.dropFirst()).allSatisfy { !$1.utf8.lexicographicallyPrecedes($0.utf8) }, "ids out of byte order: \(ids)")
        let models = index.models
        try require(models.map(\.id) == ids, "models \(models.map(\.id)) do not follow the ids \(ids)")
        for id in ids {
            guard let model = index.model(id: id) else { throw PropertyViolation("id \(id.debugDescription) finds no model") }
            try require(Array(model.id.utf8) == Array(id.utf8), "id \(id.debugDescription) finds \(model.id.debugDescription)")
        }
        var prefixes: Set<String> = [""]
        for id in ids {
            prefixes.insert(String(id.unicodeScalars.prefix(1)))
            prefixes.insert(String(id.unicodeScalars.prefix(3)))
        }
        for prefix in prefixes {
            let found = index.models(withPrefix: prefix).map { Array($0.id.utf8) }
            let expected = ids.filter { $0.utf8.starts(with: prefix.utf8) }.map { Array($0.utf8) }
            try require(found == expected, "prefix \(prefix.debugDescription) finds \(found.count) ids, \(expected.count) have it")
        }
        let modalities = index.modalities
        try require(zip(modalities, modalities.dropFirst()).allSatisfy { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "modalities not sorted and distinct: \(modalities)")
    }

    /// Same ids, the same models (all that the format keeps), the same apps.
    static func same(_ a: CatalogueIndex, _ b: CatalogueIndex, _ how: String, modalities: Bool = true) throws {
        try require(a.ids.map { Array($0.utf8) } == b.ids.map { Array($0.utf8) }, "\(how): ids \(b.ids) became \(a.ids)")
        try require(a.models == b.models, "\(how): models \(b.models) became \(a.models)")
        try require(a.apps == b.apps, "\(how): apps \(b.apps) became \(a.apps)")
        try require(!modalities || a.modalities == b.modalities, "\(how): modalities \(b.modalities) became \(a.modalities)")
    }
}
