import ArmoxAPI
import ArmoxTestSupport
import Foundation
import Testing

@Suite("Rate-limit headers")
struct RateLimitStatusTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func status(_ headers: [String: String]) -> RateLimitStatus? {
        RateLimitStatus(headerValue: { headers[$0] }, now: now)
    }

    @Test func readsAllThree() throws {
        let s = try #require(status(["X-RateLimit-Limit": "120", "X-RateLimit-Remaining": "7", "X-RateLimit-Reset": "1800000030"]))
        #expect(s.limit == 120)
        #expect(s.remaining == 7)
        #expect(s.resetAt == Date(timeIntervalSince1970: 1_800_000_030))
    }

    @Test func resetInSecondsFromNowOrMilliseconds() throws {
        #expect(status(["X-RateLimit-Reset": "30"])?.resetAt == now.addingTimeInterval(30))
        #expect(status(["X-RateLimit-Reset": "1800000030000"])?.resetAt == Date(timeIntervalSince1970: 1_800_000_030))
    }

    @Test func absentHeadersGiveNil() {
        #expect(status([:]) == nil)
        #expect(status(["X-RateLimit-Limit": "abc"]) == nil)
    }

    /// A whole-second reset may have been rounded down: a slot is certain
    /// only a second later. Milliseconds are that precise; a fraction is exact.
    @Test func aWholeSecondResetFreesASecondLater() throws {
        #expect(status(["X-RateLimit-Reset": "1800000030"])?.freesBy == Date(timeIntervalSince1970: 1_800_000_031))
        #expect(status(["X-RateLimit-Reset": "30"])?.freesBy == now.addingTimeInterval(31))
        let millis = try #require(status(["X-RateLimit-Reset": "1800000030000"])?.freesBy)
        #expect(abs(millis.timeIntervalSince1970 - 1_800_000_030.001) < 1e-5)
        #expect(status(["X-RateLimit-Reset": "1800000030.25"])?.freesBy == Date(timeIntervalSince1970: 1_800_000_030.25))
    }
}
