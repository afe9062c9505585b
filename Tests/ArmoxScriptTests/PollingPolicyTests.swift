import ArmoxAPI
import Foundation
import Testing

@testable import ArmoxScript

@Suite("Polling: pace and rate limit")
struct PollingPolicyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func intervalsGrowToTheCap() {
        let policy = PollingPolicy.standard
        var interval = policy.initial
        var seen: [Double] = [interval]
        for _ in 0..<8 {
            interval = policy.next(after: interval)
            seen.append(interval)
        }
        #expect(seen.prefix(3) == [1, 1.5, 2.25])
        #expect(seen.last == 10)
    }

    @Test func plentyLeftKeepsTheInterval() {
        let limit = RateLimitStatus(limit: 120, remaining: 50, resetAt: now.addingTimeInterval(40), observedAt: now)
        #expect(PollingPolicy.delay(interval: 1, rateLimit: limit, requests: 3, now: now) == 1)
        #expect(PollingPolicy.delay(interval: 1, rateLimit: nil, requests: 3, now: now) == 1)
    }

    @Test func aSpentWindowWaitsForItsReset() {
        let limit = RateLimitStatus(limit: 120, remaining: 2, resetAt: now.addingTimeInterval(12.5), observedAt: now)
        #expect(PollingPolicy.delay(interval: 1, rateLimit: limit, requests: 3, now: now) == 12.5)
        let far = RateLimitStatus(limit: 120, remaining: 0, resetAt: now.addingTimeInterval(3600), observedAt: now)
        #expect(PollingPolicy.delay(interval: 1, rateLimit: far, requests: 1, now: now) == 60, "never more than a minute")
        let past = RateLimitStatus(limit: 120, remaining: 0, resetAt: now.addingTimeInterval(-5), observedAt: now)
        #expect(PollingPolicy.delay(interval: 2, rateLimit: past, requests: 1, now: now) == 2)
    }

    /// A reset in whole seconds is waited out to the end of its second.
    @Test func aWholeSecondResetIsWaitedToItsEnd() throws {
        let limit = try #require(RateLimitStatus(headerValue: { ["X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1800000012"][$0] }, now: now))
        #expect(PollingPolicy.delay(interval: 1, rateLimit: limit, requests: 1, now: now) == 13)
    }
}
