import ArmoxAPI
import Foundation

/// `armox-bench catalogue-decode [--models N] [--runs R]`: the decode of a
/// `GET /models` body alone, in process: `CatalogueDecoding` (the client's
/// fast path) beside Foundation's `JSONDecoder` into `Codable` models (what
/// the client used before), on the same bytes, medians of R runs.
enum CatalogueDecodeBenchmark {
    static func run(_ arguments: ArraySlice<String>) throws {
        let flags = Flags(arguments, known: ["--models", "--runs"])
        let count = flags.int("--models", 100_000)
        let runs = flags.int("--runs", 5)
        let bytes = body(models: count)
        print("catalogue: \(count) models, \(bytes.count) bytes")
        var fast: [Double] = []
        var codable: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            guard let models = CatalogueDecoding.models(bytes), models.count == count else { fail("the fast path gave up") }
            fast.append((ContinuousClock.now - start).seconds)
            let again = ContinuousClock.now
            let slow = try ResponseDecoding.list(Model.self, status: 200, body: bytes, request: "GET /models")
            codable.append((ContinuousClock.now - again).seconds)
            guard slow == models else { fail("the two decoders disagree") }
        }
        let base = median(codable)
        func padded(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        print(padded("side", 44) + "  median s    ratio")
        for (name, values) in [("baseline: JSONDecoder into Codable models", codable), ("CatalogueDecoding (the fast path)", fast)] {
            print(padded(name, 44) + String(format: "%10.3f %8.2f", median(values), median(values) / base))
        }
    }

    /// The shape of the API reference, as scripts/bench-catalogue.py writes it.
    static func body(models count: Int) -> [UInt8] {
        let modalities = ["image", "video", "audio", "3d"]
        var text = #"{"object": "list", "data": ["#
        for i in 1...count {
            let id = String(format: "%05d", i)
            if i > 1 { text += ", " }
            text += #"{"id": "synthetic/model-\#(id)", "name": "Synthetic Model \#(i)", "modality": "\#(modalities[i % 4])", "cost": \#(10 + i % 500), "inputTypes": ["text", "image"], "promptRequired": true, "outputType": "image", "description": "A synthetic model number \#(i) for the catalogue benchmark", "settings": [{"key": "aspect_ratio", "label": "Aspect Ratio", "inputType": "select", "defaultValue": "1:1"}]}"#
        }
        text += "]}"
        return Array(text.utf8)
    }
}
