import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

/// Encoding straight to a JSONValue gives what writing JSON text and reading
/// it back gives, for the API's own types and for every shape Codable has.
@Suite("Encoding to a JSONValue")
struct JSONValueEncoderTests {
    func throughText<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    struct Shapes: Encodable {
        enum Kind: String, Encodable { case image, video }
        struct Inner: Encodable {
            var name: String
            var tags: [String]
        }
        var text = "a \"quoted\" word\n"
        var whole = 42
        var big: Int64 = 9_007_199_254_740_991
        var fraction = 2.5
        var flag = true
        var missing: String? = nil
        var present: Int? = 7
        var kind = Kind.video
        var inner = Inner(name: "x", tags: ["a", "b"])
        var list = [Inner(name: "y", tags: [])]
        var nested = [[1, 2], [3]]
        var map = ["k": 1.5]
        var raw: JSONValue = .object(["a": .array([.null, .bool(false)])])
    }

    @Test func everyShapeMatchesTheTextRoundTrip() throws {
        let direct = try JSONValueEncoder.encode(Shapes())
        #expect(direct == (try throughText(Shapes())))
        #expect(direct.objectValue?["missing"] == nil)
        #expect(direct.objectValue?["kind"] == .string("video"))
        #expect(try JSONValueEncoder.encode([1, 2, 3]) == .array([.number(1), .number(2), .number(3)]))
        #expect(try JSONValueEncoder.encode("alone") == .string("alone"))
    }

    @Test func theSandboxsModelsAppsAndAccountMatchTheTextRoundTrip() async throws {
        try await withSandbox { _, client in
            let models = try await client.models()
            #expect(models.count == 9)
            for model in models { #expect(try JSONValueEncoder.encode(model) == (try throughText(model)), "\(model.id)") }
            for app in try await client.apps() { #expect(try JSONValueEncoder.encode(app) == (try throughText(app))) }
            let account = try await client.account()
            #expect(try JSONValueEncoder.encode(account) == (try throughText(account)))
        }
    }
}
