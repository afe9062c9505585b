import ArmoxAPI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The catalogue arranged for TAB: models sorted by id in UTF-8 byte order, so
/// every id with a given prefix is one contiguous run found by binary search
/// (O(log n + k), never a scan of every model), plus what the completer asks
/// of each model and app. Built once per catalogue, off the TAB path.
public struct CatalogueIndex: Sendable {
    /// Every model, sorted by id in UTF-8 byte order.
    public private(set) var models: [Model]
    /// Every app, in the order given.
    public private(set) var apps: [App]
    /// The distinct modalities of the models, sorted (what `--modality=` takes).
    public private(set) var modalities: [String]
    /// Lower-cased id → index of the first model with it, for the ids that
    /// are not already lower-case ASCII (`model(id:)` finds those by binary search).
    private var lowercasedIDs: [String: Int]
    /// `Candidate(models[i].id)`, made once so TAB copies a slice of them.
    let idCandidates: [Candidate]
    /// Whether every id is one bareword and no id comes twice, so that
    /// `idCandidates[range]` is already a sorted list without duplicates.
    let idsAreBareAndUnique: Bool

    public init(models: [Model] = [], apps: [App] = []) {
        // Every id's bytes in one buffer: sorting positions with memcmp on it
        // is several times faster at 100,000 ids than comparing `utf8` views.
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(models.count + 1)
        for model in models {
            bytes.append(contentsOf: model.id.utf8)
            starts.append(bytes.count)
        }
        var sorted: [Model] = []
        var candidates: [Candidate] = []
        var lowered: [String: Int] = [:]
        var modalities: Set<String> = []
        var bareAndUnique = true
        bytes.withUnsafeBufferPointer { bytes in
            func id(_ i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[starts[i]..<starts[i + 1]]) }
            func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
                let common = Swift.min(a.count, b.count)
                let order = common == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, common))
                return order != 0 ? order : a.count - b.count
            }
            let order = models.indices.sorted { a, b in
                let byBytes = compare(id(a), id(b))
                return byBytes != 0 ? byBytes < 0 : a < b
            }
            sorted = order.map { models[$0] }
            candidates.reserveCapacity(models.count)
            for (position, original) in order.enumerated() {
                let model = sorted[position]
                let key = id(original)
                candidates.append(Candidate(model.id))
                modalities.insert(model.modality)
                if bareAndUnique {
                    bareAndUnique = !Bareword.needsQuotes(bytes: key, as: .word) && (position == 0 || compare(id(order[position - 1]), key) != 0)
                }
                if key.contains(where: { $0 &- 0x41 < 26 || $0 >= 0x80 }) {
                    let lower = model.id.lowercased()
                    if lowered[lower] == nil { lowered[lower] = position }
                }
            }
        }
        self.models = sorted
        self.apps = apps
        self.modalities = modalities.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        self.lowercasedIDs = lowered
        self.idCandidates = candidates
        self.idsAreBareAndUnique = bareAndUnique
    }

    /// The models whose id starts with `prefix` (byte-wise, case-sensitive), in id order.
    public func models(withPrefix prefix: String) -> ArraySlice<Model> {
        models[range(withPrefix: prefix)]
    }

    /// The indexes of `models` whose id starts with `prefix`.
    func range(withPrefix prefix: String) -> Range<Int> {
        if prefix.isEmpty { return models.indices }
        // First id not below the prefix; then the first after it that lacks the prefix.
        let lower = partition(from: 0) { !$0.utf8.lexicographicallyPrecedes(prefix.utf8) }
        let upper = partition(from: lower) { !$0.utf8.starts(with: prefix.utf8) }
        return lower..<upper
    }

    /// The model with exactly this id, else the one whose id matches it
    /// case-insensitively (as `run` and `model` accept).
    public func model(id: String) -> Model? {
        if let exact = exactly(id) { return exact }
        let lowered = id.lowercased()
        return exactly(lowered) ?? lowercasedIDs[lowered].map { models[$0] }
    }

    private func exactly(_ id: String) -> Model? {
        let lower = partition(from: 0) { !$0.utf8.lexicographicallyPrecedes(id.utf8) }
        return lower < models.count && models[lower].id == id ? models[lower] : nil
    }

    /// The app with this id, else the first whose name matches case-insensitively
    /// (the evaluator's rule for `app` and `run-app`).
    public func app(named name: String) -> App? {
        if let app = apps.first(where: { $0.id == name }) { return app }
        let lowered = name.lowercased()
        return apps.first { $0.name.lowercased() == lowered }
    }

    /// The first index at or after `start` whose id satisfies `isAtOrAfter`,
    /// which must be false then true along `models[start...]`.
    private func partition(from start: Int, _ isAtOrAfter: (String) -> Bool) -> Int {
        var low = start
        var high = models.count
        while low < high {
            let middle = low + (high - low) / 2
            if isAtOrAfter(models[middle].id) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }
}
