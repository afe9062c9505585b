import ArmoxAPI
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The catalogue arranged for TAB: model ids sorted in UTF-8 byte order, so
/// every id with a given prefix is one contiguous run found by binary search
/// (O(log n + k), never a scan of every model), and what the completer asks
/// of each model (its modality, input types and settings) and app.
///
/// Compact on purpose, so a catalogue of 100,000 models stays within the
/// shell's memory budget: each model is one line of `CatalogueLines` text in
/// one shared buffer (the cache file's own bytes, when read from disk), its
/// settings written once for all the models that share them, and a model is
/// decoded from its line only when TAB asks about that model.
/// Names, descriptions, labels and defaults are not kept: completion does
/// not use them, and `run` checks against the catalogue it fetches itself.
public struct CatalogueIndex: Sendable {
    /// Model lines and app lines, in `CatalogueLines` format.
    public let lines: [UInt8]
    /// Per sorted position: where that model's line lies in `lines`.
    private let modelLines: [Range<Int32>]
    /// Per setting number: where its definition lies in `lines`.
    private let settingLines: [Range<Int32>]
    /// `Candidate(id)` per sorted position, made once so TAB copies a slice.
    let idCandidates: [Candidate]
    /// Whether every id is one bareword and no id comes twice, so that
    /// `idCandidates[range]` is already a sorted list without duplicates.
    let idsAreBareAndUnique: Bool
    /// Lower-cased id → sorted position, for ids that are not lower-case
    /// ASCII already (`model(id:)` accepts any case, as `run` does).
    private let lowercasedIDs: [String: Int]
    /// Every app, in the order given.
    public let apps: [App]
    /// The distinct modalities of the models, sorted (what `--modality=` takes).
    public let modalities: [String]

    public init(models: [Model] = [], apps: [App] = []) {
        self.init(lines: CatalogueLines.encode(models: models, apps: apps))
    }

    /// From `CatalogueLines` text (a whole cache file: its header line is
    /// not one of the kinds and is skipped).
    init(lines: [UInt8]) {
        var ranges: [Range<Int32>] = []
        var settings: [Range<Int32>] = []
        var ids: [String] = []
        var apps: [App] = []
        var modalities: Set<String> = []
        CatalogueLines.scan(lines) { kind, range in
            switch kind {
            case .setting:
                // Numbered in order as written; any other line is damage, skipped.
                guard let (number, spec) = CatalogueLines.setting(lines, range), number == settings.count else { return }
                settings.append(Int32(spec.lowerBound)..<Int32(spec.upperBound))
            case .model:
                guard let (id, modality) = CatalogueLines.idAndModality(lines, range) else { return }
                ranges.append(Int32(range.lowerBound)..<Int32(range.upperBound))
                ids.append(id)
                modalities.insert(modality)
            case .app:
                if let app = CatalogueLines.app(lines, range) { apps.append(app) }
            }
        }
        // Every id's bytes in one buffer: sorting positions with memcmp on it
        // is several times faster at 100,000 ids than comparing `utf8` views.
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(ids.count + 1)
        for id in ids {
            bytes.append(contentsOf: id.utf8)
            starts.append(bytes.count)
        }
        var candidates: [Candidate] = []
        var sortedRanges: [Range<Int32>] = []
        var lowered: [String: Int] = [:]
        var bareAndUnique = true
        bytes.withUnsafeBufferPointer { bytes in
            func id(_ i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[starts[i]..<starts[i + 1]]) }
            func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
                let common = Swift.min(a.count, b.count)
                let order = common == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, common))
                return order != 0 ? order : a.count - b.count
            }
            let order = ids.indices.sorted { a, b in
                let byBytes = compare(id(a), id(b))
                return byBytes != 0 ? byBytes < 0 : a < b
            }
            candidates.reserveCapacity(ids.count)
            sortedRanges.reserveCapacity(ids.count)
            for (position, original) in order.enumerated() {
                let key = id(original)
                candidates.append(Candidate(ids[original]))
                sortedRanges.append(ranges[original])
                if bareAndUnique {
                    bareAndUnique = !Bareword.needsQuotes(bytes: key, as: .word) && (position == 0 || compare(id(order[position - 1]), key) != 0)
                }
                if key.contains(where: { $0 &- 0x41 < 26 || $0 >= 0x80 }) {
                    let lower = ids[original].lowercased()
                    if lowered[lower] == nil { lowered[lower] = position }
                }
            }
        }
        self.lines = lines
        self.modelLines = sortedRanges
        self.settingLines = settings
        self.idCandidates = candidates
        self.idsAreBareAndUnique = bareAndUnique
        self.lowercasedIDs = lowered
        self.apps = apps
        self.modalities = modalities.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// How many models it holds.
    public var count: Int { idCandidates.count }

    /// Every model id, sorted in UTF-8 byte order.
    public var ids: [String] { idCandidates.map(\.text) }

    /// Every model as completion sees it (decoded one by one: for tests and
    /// tools, not for TAB).
    public var models: [Model] { idCandidates.indices.map(model(at:)) }

    /// The models whose id starts with `prefix` (byte-wise, case-sensitive), in id order.
    public func models(withPrefix prefix: String) -> [Model] {
        range(withPrefix: prefix).map(model(at:))
    }

    /// The sorted positions whose id starts with `prefix`.
    func range(withPrefix prefix: String) -> Range<Int> {
        if prefix.isEmpty { return idCandidates.indices }
        // First id not below the prefix; then the first after it that lacks the prefix.
        let lower = partition(from: 0) { !$0.utf8.lexicographicallyPrecedes(prefix.utf8) }
        let upper = partition(from: lower) { !$0.utf8.starts(with: prefix.utf8) }
        return lower..<upper
    }

    /// The model with exactly this id, else the one whose id matches it
    /// case-insensitively (as `run` and `model` accept).
    public func model(id: String) -> Model? {
        if let exact = position(of: id) { return model(at: exact) }
        let lowered = id.lowercased()
        return (position(of: lowered) ?? lowercasedIDs[lowered]).map(model(at:))
    }

    /// The app with this id, else the first whose name matches case-insensitively
    /// (the evaluator's rule for `app` and `run-app`).
    public func app(named name: String) -> App? {
        if let app = apps.first(where: { $0.id == name }) { return app }
        let lowered = name.lowercased()
        return apps.first { $0.name.lowercased() == lowered }
    }

    private func model(at position: Int) -> Model {
        let range = modelLines[position]
        return CatalogueLines.model(lines, Int(range.lowerBound)..<Int(range.upperBound), settings: settingLines)
            ?? Model(id: idCandidates[position].text, name: idCandidates[position].text, modality: "unknown")
    }

    private func position(of id: String) -> Int? {
        let lower = partition(from: 0) { !$0.utf8.lexicographicallyPrecedes(id.utf8) }
        return lower < idCandidates.count && idCandidates[lower].text == id ? lower : nil
    }

    /// The first position at or after `start` whose id satisfies `isAtOrAfter`,
    /// which must be false then true along the sorted ids.
    private func partition(from start: Int, _ isAtOrAfter: (String) -> Bool) -> Int {
        var low = start
        var high = idCandidates.count
        while low < high {
            let middle = low + (high - low) / 2
            if isAtOrAfter(idCandidates[middle].text) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }
}
