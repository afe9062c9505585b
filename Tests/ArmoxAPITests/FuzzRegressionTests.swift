import ArmoxAPI
import Foundation
import Testing

/// Bugs the fuzz targets found (scripts/fuzz; the inputs themselves are in
/// Fuzz/regressions/ and replayed by ArmoxFuzzTests).
@Suite("Fuzz regressions: API decoding")
struct FuzzRegressionTests {
    static let key = "sk_live_FUZZsecret0123456789wxyz"

    /// An error body that is not `{ "error": … }` is shown as an excerpt of
    /// its first 120 bytes. It was cut before the key was scrubbed, so a key
    /// across the cut no longer matched whole and all but its end showed.
    @Test(arguments: [60, 100, 105, 112, 119, 125])
    func aKeyAcrossTheExcerptsCutIsStillScrubbed(offset: Int) {
        let body = Array((String(repeating: "x", count: offset) + Self.key + " echoed back").utf8)
        let error = ResponseDecoding.error(status: 500, body: body, request: "GET /models") { APIKeyRedaction.scrub($0, key: Self.key) }
        #expect(!error.message.contains("FUZZsecret"), "\(error.message)")
        #expect(!error.description.contains("FUZZsecret"))
        #expect(error.message.hasPrefix("HTTP 500 Internal Server Error: xxx"))
    }

    @Test func theServersOwnMessageIsScrubbedToo() {
        let body = Array(#"{"error":"Invalid API key \#(Self.key)"}"#.utf8)
        let error = ResponseDecoding.error(status: 401, body: body, request: "GET /models") { APIKeyRedaction.scrub($0, key: Self.key) }
        #expect(error.message == "Invalid API key sk_live_…")
    }

    /// `X-RateLimit-Reset: nan` (or `inf`, `1e400`) read as a Double and made
    /// a NaN or infinite reset date, which crashes Foundation when printed; a
    /// reset that is no finite number is now no reset.
    @Test(arguments: ["nan", "NaN", "inf", "-inf", "infinity", "1e400", "1795567e325000"])
    func aResetThatIsNoFiniteNumberIsNone(value: String) {
        let headers = ["X-RateLimit-Limit": "120", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": value]
        let status = RateLimitStatus(headerValue: { headers[$0] })
        #expect(status?.limit == 120 && status?.remaining == 0)
        #expect(status?.resetAt == nil)
        // Alone, it is no rate-limit information at all.
        #expect(RateLimitStatus(headerValue: { $0 == "X-RateLimit-Reset" ? value : nil }) == nil)
    }

    @Test func finiteResetsStillRead() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let epoch = RateLimitStatus(headerValue: { $0 == "X-RateLimit-Reset" ? " 1800000030 " : nil }, now: now)
        #expect(epoch?.resetAt == Date(timeIntervalSince1970: 1_800_000_030))
        let seconds = RateLimitStatus(headerValue: { $0 == "X-RateLimit-Reset" ? "1.5e1" : nil }, now: now)
        #expect(seconds?.resetAt == now.addingTimeInterval(15))
    }

    /// A setting's `min` or `max` given as a string ("nan", "inf", "1e999")
    /// read as a NaN or infinite Double, which JSON cannot hold: the model
    /// then failed to encode, so `--json` and `$model` showed it as null.
    @Test(arguments: ["nan", "inf", "-infinity", "1e999"])
    func aBoundThatIsNoFiniteNumberIsNone(text: String) throws {
        let body = Array(#"{"object":"list","data":[{"id":"x/steps","settings":[{"key":"steps","inputType":"number","min":"\#(text)","max":"50"}]}]}"#.utf8)
        let models = try ResponseDecoding.list(Model.self, status: 200, body: body, request: "GET /models")
        let setting = try #require(models.first?.setting("steps"))
        #expect(setting.min == nil && setting.max == 50)
        let encoded = try JSONEncoder().encode(models)
        #expect(try JSONDecoder().decode([Model].self, from: encoded) == models)
        #expect(JSONValue.string(text).doubleValue == nil && JSONValue.string(" 2").doubleValue == nil && JSONValue.string("2.5").doubleValue == 2.5)
    }
}
