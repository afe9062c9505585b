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

    struct Scalars: Encodable {
        enum Small: Int8, Encodable { case one = 1 }
        var byte: UInt8 = 255
        var bytes: [UInt8] = [0, 1, 2]
        var short: Int16 = -3
        var word: UInt32 = 4_000_000_000
        var small = Small.one
        var url = URL(string: "https://x.test/a?b=c")!
        var data = Data([0xDE, 0xAD])
        var decimal = Decimal(string: "2.5")!
        var date = Date(timeIntervalSinceReferenceDate: 1_000)
    }

    /// Every integer width, URL, Data, Decimal and Date, as JSONEncoder writes
    /// them (an 8-bit integer used to recurse without end).
    @Test func scalarsOfEveryKindMatchTheTextRoundTrip() throws {
        let direct = try JSONValueEncoder.encode(Scalars())
        #expect(direct == (try throughText(Scalars())))
        #expect(direct.objectValue?["url"] == .string("https://x.test/a?b=c"))
        #expect(direct.objectValue?["data"] == .string("3q0="))
        #expect(try JSONValueEncoder.encode(UInt8(7)) == .number(7))
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
