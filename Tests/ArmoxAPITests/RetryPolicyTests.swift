import ArmoxAPI
import ArmoxTestSupport
import Foundation
import Testing

@Suite("Retry policy")
struct RetryPolicyTests {
    @Test func backoffDoublesWithinJitterAndIsCapped() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(100), maxDelay: .milliseconds(800))
        for _ in 0..<50 {
            let first = policy.backoff(afterAttempt: 1)
            #expect(first >= .milliseconds(50) && first <= .milliseconds(100))
            let third = policy.backoff(afterAttempt: 3)
            #expect(third >= .milliseconds(200) && third <= .milliseconds(400))
            let late = policy.backoff(afterAttempt: 30)
            #expect(late >= .milliseconds(400) && late <= .milliseconds(800))
        }
    }

    @Test func jitterSpreadsClients() {
        let policy = RetryPolicy()
        let waits = Set((0..<20).map { _ in policy.backoff(afterAttempt: 4) })
        #expect(waits.count > 1)
    }

    /// Seconds or an HTTP-date, as RFC 9110 allows; a date was once read as
    /// no value, and a 429 that asked for minutes was retried four times in 2 s.
    @Test func retryAfterIsSecondsOrAnHTTPDate() {
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.seconds("60", now: now) == 60)
        #expect(RetryAfter.seconds(" 0 ", now: now) == 0)
        #expect(RetryAfter.seconds("Sun, 06 Nov 1994 08:51:37 GMT", now: now) == 120)
        #expect(RetryAfter.seconds("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == 0, "a date gone by")
        #expect(RetryAfter.seconds("99999999999999999999", now: now) == RetryAfter.longest)
        for nonsense in ["-5", "1e3", "1.5", "soon", "", nil] as [String?] {
            #expect(RetryAfter.seconds(nonsense, now: now) == nil, "\(String(describing: nonsense))")
        }
        let policy = RetryPolicy()
        #expect(policy.waitAfterRateLimit(retryAfter: "7", afterAttempt: 1) == .seconds(7))
        #expect(ResponseDecoding.error(status: 429, body: [], retryAfter: "-5", request: "GET /jobs").retryAfter == nil)
    }

    @Test func atLeastOneAttempt() {
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
        #expect(RetryPolicy.none.maxAttempts == 1)
    }
}
