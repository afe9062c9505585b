import ArmoxAPI
import ArmoxScript
import ArmoxShell

/// `GET /models`'s body as the client reads it.
///
/// Properties: a body decodes or is reported malformed (see `ResponseChecks`);
/// `CatalogueDecoding` (the client's fast path) reads the same models or
/// gives up;
/// the models re-encode and read back equal; and what completion keeps of
/// them survives the catalogue's line format (`CatalogueIndex`).
enum ModelsTarget {
    static func check(_ bytes: [UInt8]) throws {
        // The fast path reads what JSONDecoder reads, or gives up: never another answer.
        let fast = CatalogueDecoding.models(bytes)
        let decoded = try ResponseChecks.list(Model.self, bytes)
        if let fast {
            try require(decoded != nil, "the fast path read \(fast.count) models from a body JSONDecoder refuses")
            try require(fast == decoded, "the fast path read \(fast) where JSONDecoder read \(decoded ?? [])")
        }
        guard let models = decoded else { return }
        try ResponseChecks.roundTripList(models, "models")
        try checkCatalogue(models)
        try checkCacheHoldsNoKey(models)
    }

    /// What the shell keeps of a catalogue a server sent (the index TAB
    /// lists, the cache file) passes the session's scrubber first.
    static func checkCacheHoldsNoKey(_ models: [Model]) throws {
        let store = CatalogueStore(cache: nil, scrub: FuzzKey.scrub)
        store.update(.models(models))
        try FuzzKey.requireNoLeak(String(decoding: store.index.lines, as: UTF8.self))
    }

    /// The index built from the models finds each of them by id with the
    /// fields completion uses intact.
    static func checkCatalogue(_ models: [Model]) throws {
        let index = CatalogueIndex(models: models)
        try require(index.count == models.count, "the catalogue holds \(index.count) of \(models.count) models")
        try require(index.ids == models.map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "the catalogue's ids are not the models' ids in byte order")
        var seen: Set<String> = []
        for model in models where seen.insert(model.id).inserted {
            guard let kept = index.model(id: model.id) else {
                throw PropertyViolation("the catalogue lost model \(model.id.debugDescription)")
            }
            try require(Completion(kept) == Completion(model), "the catalogue changed model \(model.id.debugDescription): \(Completion(model)) became \(Completion(kept))")
        }
    }

    /// What completion uses of a model. The line format cannot tell a
    /// missing list from an empty one, nor `[""]` from `[]`: completion
    /// treats them alike.
    struct Completion: Equatable, CustomStringConvertible {
        var id: String
        var modality: String
        var inputTypes: [String]
        var promptRequired: Bool
        var settings: [String]

        init(_ model: Model) {
            id = model.id
            modality = model.modality
            inputTypes = model.inputTypes == [""] ? [] : model.inputTypes
            promptRequired = model.promptRequired
            settings = model.settings.map { setting in
                ([setting.key, setting.inputType] + (setting.options ?? [])).map(\.debugDescription).joined(separator: " ")
            }
        }

        var description: String { "\(id.debugDescription) \(modality.debugDescription) \(inputTypes) prompt=\(promptRequired) \(settings)" }
    }
}
