import ArmoxAPI
import ArmoxTestSupport
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

    @Test func atLeastOneAttempt() {
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
        #expect(RetryPolicy.none.maxAttempts == 1)
    }
}
