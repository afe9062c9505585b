import ArmoxAPI
import ArmoxTestSupport
import Testing

@testable import ArmoxShell

@Suite("The catalogue index")
struct CatalogueIndexTests {
    static func model(_ id: String, modality: String = "image") -> Model {
        Model(id: id, name: id, modality: modality)
    }

    @Test func modelsAreSortedInUTF8ByteOrder() {
        let ids = ["zeta/z", "Alpha/a", "alpha/a", "été/x", "e/x", "東京/x", "alpha/a-2", "alpha/", "🎬/clip"]
        let index = CatalogueIndex(models: ids.map { Self.model($0) })
        #expect(index.models.map(\.id) == ["Alpha/a", "alpha/", "alpha/a", "alpha/a-2", "e/x", "zeta/z", "été/x", "東京/x", "🎬/clip"])
    }

    @Test func prefixesAreContiguousRuns() {
        let index = Fixture.catalogue
        #expect(index.models(withPrefix: "google/").map(\.id) == ["google/gemini-2.5-flash", "google/nano-banana", "google/veo-3"])
        #expect(index.models(withPrefix: "google/nano-banana").map(\.id) == ["google/nano-banana"])
        #expect(index.models(withPrefix: "google/nano-banana-pro").isEmpty)
        #expect(index.models(withPrefix: "Google").isEmpty, "prefixes are case-sensitive")
        #expect(index.models(withPrefix: "").count == Fixture.models.count)
        #expect(index.models(withPrefix: "zzz").isEmpty)
        #expect(index.models(withPrefix: "\u{10FFFF}").isEmpty)
        #expect(CatalogueIndex().models(withPrefix: "a").isEmpty)
        let accented = CatalogueIndex(models: ["e/x", "é/x", "e\u{301}/y"].map { Self.model($0) })
        #expect(accented.models(withPrefix: "e").map(\.id) == ["e/x", "e\u{301}/y"], "byte-wise: a combining accent still starts with e")
        #expect(accented.models(withPrefix: "é").map(\.id) == ["é/x"])
    }

    @Test func oddIdsDoNotBreakIt() {
        let index = CatalogueIndex(models: ["", "", "a b/c", "a/b", "a/b"].map { Self.model($0) })
        #expect(index.models.map(\.id) == ["", "", "a b/c", "a/b", "a/b"])
        #expect(index.models(withPrefix: "a").count == 3)
        #expect(index.model(id: "")?.id == "")
        // Quoted and duplicate ids: each offered once, quoted where needed.
        let snapshot = CompletionSnapshot(catalogue: index)
        #expect(Completer.complete("model a", cursor: 7, in: snapshot).texts == ["\"a b/c", "a/b"])
        #expect(CatalogueIndex(models: [Self.model("")]).models.count == 1)
    }

    @Test func oneModelById() {
        let index = Fixture.catalogue
        #expect(index.model(id: "google/veo-3")?.id == "google/veo-3")
        #expect(index.model(id: "Google/VEO-3")?.id == "google/veo-3", "case-insensitively, as the evaluator")
        #expect(index.model(id: "google/veo") == nil)
        #expect(index.model(id: "") == nil)
        #expect(CatalogueIndex().model(id: "x") == nil)
        // An exact match wins over a case-insensitive one (the index keeps
        // what completion uses, not names: told apart here by modality).
        let both = CatalogueIndex(models: [Model(id: "a/B", name: "upper", modality: "video"), Model(id: "a/b", name: "lower", modality: "image")])
        #expect(both.model(id: "a/b")?.modality == "image")
        #expect(both.model(id: "a/B")?.modality == "video")
    }

    @Test func appsByIdOrName() {
        let index = Fixture.catalogue
        #expect(index.apps.map(\.id) == Fixture.apps.map(\.id), "apps keep their order")
        #expect(index.app(named: Fixture.sketchToRender.id)?.name == "Sketch to Render")
        #expect(index.app(named: "sketch to render")?.id == Fixture.sketchToRender.id)
        #expect(index.app(named: "Sketch") == nil)
        #expect(index.modalities == ["3d", "audio", "image", "text", "video"])
    }

    /// 100,000 synthetic ids: every sampled prefix gives exactly the linear scan's answer.
    @Test func aHundredThousandModels() {
        var random = SplitMix64(seed: 42)
        let vendors = ["google", "black-forest-labs", "stability-ai", "xai", "acme", "Acme", "東京-labs", "z"]
        let words = ["nano", "banana", "veo", "flux", "video", "image", "pro", "mini", "ü", "3d"]
        var models: [Model] = []
        models.reserveCapacity(100_000)
        for n in 0..<100_000 {
            let vendor = vendors[random.below(vendors.count)]
            let name = (0...random.below(3)).map { _ in words[random.below(words.count)] }.joined(separator: "-")
            models.append(Model(id: "\(vendor)/\(name)-\(n % 977)", name: name, modality: "image"))
        }
        let index = CatalogueIndex(models: models)
        #expect(index.models.count == 100_000)
        let sorted = index.models.map(\.id)
        #expect(zip(sorted, sorted.dropFirst()).allSatisfy { !$1.utf8.lexicographicallyPrecedes($0.utf8) })

        var prefixes = ["", "g", "google/", "Acme", "acme/", "東", "東京-labs/ü", "zz", "google/nano-banana-1", "x"]
        for _ in 0..<60 {
            let id = sorted[random.below(sorted.count)]
            let bytes = Array(id.utf8)
            var cut = random.below(bytes.count + 1)
            while cut < bytes.count && bytes[cut] & 0xC0 == 0x80 { cut += 1 }
            prefixes.append(String(decoding: bytes[..<cut], as: UTF8.self))
        }
        for prefix in prefixes {
            let expected = sorted.filter { $0.utf8.starts(with: prefix.utf8) }
            #expect(index.models(withPrefix: prefix).map(\.id) == expected, "prefix \(prefix)")
        }
        let sample = sorted[12_345]
        #expect(index.model(id: sample)?.id == sample)
        #expect(index.model(id: sample.uppercased())?.id.lowercased() == sample.lowercased())

        let snapshot = CompletionSnapshot(catalogue: index)
        let expected = sorted.filter { $0.hasPrefix("xai/veo-") }
        let completion = Completer.complete("run xai/veo-", cursor: 12, in: snapshot)
        #expect(completion.texts == Array(Set(expected)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(Completer.complete("model ", cursor: 6, in: snapshot).candidates.count == Set(sorted).count)
    }
}
