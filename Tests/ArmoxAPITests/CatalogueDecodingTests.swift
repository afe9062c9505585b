import ArmoxAPI
import Foundation
import Testing

/// The catalogue's fast path reads what `JSONDecoder` reads, entry by entry,
/// and gives up (nil) on what only `JSONDecoder` should judge.
@Suite("The catalogue read straight from its bytes")
struct CatalogueDecodingTests {
    func codable(_ text: String) throws -> [Model] {
        try ResponseDecoding.list(Model.self, status: 200, body: Array(text.utf8), request: "GET /models")
    }

    @Test func everyShapeTheReferenceAllowsReadsAsJSONDecoderReadsIt() throws {
        let body = #"""
            {"object": "list", "data": [
              {"id": "google/nano-banana", "name": "Nano \"Banana\" \u00e9\ud83c\udfac", "modality": "image", "cost": 70,
               "inputTypes": ["text", "image", 3], "promptRequired": false, "outputType": "image", "description": null,
               "settings": [
                 {"key": "aspect_ratio", "label": "Aspect", "inputType": "select", "defaultValue": "1:1",
                  "options": ["1:1", {"value": "16:9", "label": "wide"}, {"label": "no value"}, 4, [1]]},
                 {"key": "steps", "inputType": "number", "min": 1, "max": 50.5, "defaultValue": 20},
                 {"label": "no key"}, "not an object",
                 {"key": "seed", "min": "3", "max": "x", "defaultValue": {"a": [1, null, true]}}
               ], "extra": {"nested": [1, 2, {"x": "y"}]}},
              {"id": 7, "name": "an id that is no string"},
              {"name": "no id"},
              "not an object",
              {"id": "minimal"},
              {"id": "numbers", "name": 12.5, "modality": true, "cost": "30", "promptRequired": "yes", "settings": "none"},
              {"id": "neg", "cost": -1.5e2, "description": "a\/b\n\ttab"},
              {"id": "types as text", "inputTypes": "text", "outputType": ["image"]},
              {"id": "types mixed", "inputTypes": [{"a": [1]}, "video", null, ["x"], "text"]}
            ], "has_more": false}
            """#
        let fast = try #require(CatalogueDecoding.models(Array(body.utf8)))
        let slow = try codable(body)
        #expect(fast == slow)
        #expect(fast.map(\.id) == ["google/nano-banana", "minimal", "numbers", "neg", "types as text", "types mixed"])
        #expect(fast[4].inputTypes == [] && fast[5].inputTypes == ["video", "text"])
        #expect(fast[0].name == "Nano \"Banana\" é🎬")
        #expect(fast[0].settings.map(\.key) == ["aspect_ratio", "steps", "seed"])
    }

    @Test func whatIsNotPlainIsLeftToJSONDecoder() {
        for body in [
            #"{"data": [{"id": "a", "id": "b"}]}"#,  // a key twice
            #"{"data": [{"id": "a", "inputTypes": [{"k": 1, "k": 2}, "text"]}]}"#,  // twice, in a list's item
            #"{"data": [{"id": "a", "inputTypes": {"k": 1, "k": 2}}]}"#,
            #"{"data": [{"id": "\ud800"}]}"#,  // half a surrogate pair
            #"{"data": [{"id": "a"}]} trailing"#,
            #"{"object": "list"}"#,  // no data
            #"{"data": {"id": "a"}}"#,
            #"{"data": [{"id": "a", "cost": 01}]}"#,
            #"{"data": [{"i\u0064": "a"}]}"#,  // an escape in a key
            "{\"data\": [{\"id\": \"a\u{1}\"}]}",  // a raw control character
        ] {
            #expect(CatalogueDecoding.models(Array(body.utf8)) == nil, "\(body)")
        }
        #expect(CatalogueDecoding.models([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) == nil, "not UTF-8")
    }

    /// A small answer nested past what any reader takes (40 KB at 20,000
    /// levels): refused in words by both readers, never a stack overflow.
    @Test func nestingPastTheLimitIsRefusedInWords() throws {
        func bodies(_ depth: Int) -> [String] {
            let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            return [
                #"{"object": "list", "data": [{"id": "a", "settings": [{"key": "k", "defaultValue": \#(deep)}]}]}"#,
                #"{"object": "list", "data": [{"id": "a", "extra": \#(deep)}]}"#,
            ]
        }
        for body in bodies(20_000) + bodies(JSONNesting.limit + 1) {
            #expect(CatalogueDecoding.models(Array(body.utf8)) == nil)
            let error = #expect(throws: (any Error).self) { try codable(body) }
            #expect("\(error.map { String(describing: $0) } ?? "")".contains("nested deeper than 512 arrays and objects"), "\(String(describing: error))")
        }
        // Deep but within the limit: JSONDecoder's to read, past the byte reader's depth.
        for body in bodies(400) {
            #expect(CatalogueDecoding.models(Array(body.utf8)) == nil)
            #expect(try codable(body).map(\.id) == ["a"])
        }
        for body in bodies(40) {
            let fast = try #require(CatalogueDecoding.models(Array(body.utf8)))
            #expect(fast == (try codable(body)))
        }
    }
}
