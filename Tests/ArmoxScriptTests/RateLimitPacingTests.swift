import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxScript

/// Pacing by the rate-limit headers never draws a 429 from the limiter,
/// however low the limit, even from a server that rounds `X-RateLimit-Reset`
/// down to whole seconds (so names an instant up to a second before a slot
/// frees): the sandbox's own count of the 429s it answered stays at zero.
/// Windows are shortened (`rateLimitWindow`) so a test takes seconds; the
/// headers mean what they mean over 60 s.
@Suite("Rate-limit pacing")
struct RateLimitPacingTests {
    /// Seven image runs (and the catalogue) at five requests a window: each
    /// run past the fifth waits for a slot instead of meeting the limiter.
    @Test func sevenImageRunsAtFiveAWindow() async throws {
        try await withEvaluator({
            $0.rateLimitPerMinute = 5
            $0.rateLimitWindow = 2
            $0.rateLimitResetRoundsDown = true
        }) { evaluator, captured, server in
            try await evaluator.evaluate(#"for i in [1, 2, 3, 4, 5, 6, 7] { run google/nano-banana "fox $i" }"#)
            #expect(await server.ledger().count == 7, "\(captured.err)")
            #expect(await server.snapshot().rateLimited == 0)
        }
    }

    /// 200 detached runs and a wait on them all at 60 requests a window.
    @Test func twoHundredRunsAndAWaitAtSixtyAWindow() async throws {
        try await withEvaluator({
            $0.speed = 0.05
            $0.rateLimitPerMinute = 60
            $0.rateLimitWindow = 2
            $0.rateLimitResetRoundsDown = true
            $0.startingCredits = 1_000_000
        }) { evaluator, _, server in
            let items = (1...200).map(String.init).joined(separator: ", ")
            try await evaluator.evaluate("for i in [\(items)] { run elevenlabs/music \"loop $i\" --detach }\ndone = wait all")
            #expect(await server.ledger().count == 200)
            #expect(await server.snapshot().rateLimited == 0)
        }
    }

    /// The same server rounding up (the sandbox's default): still none.
    @Test func sevenImageRunsAtFiveAWindowRoundedUp() async throws {
        try await withEvaluator({
            $0.rateLimitPerMinute = 5
            $0.rateLimitWindow = 2
        }) { evaluator, _, server in
            try await evaluator.evaluate(#"for i in [1, 2, 3, 4, 5, 6, 7] { run google/nano-banana "fox $i" }"#)
            #expect(await server.ledger().count == 7)
            #expect(await server.snapshot().rateLimited == 0)
        }
    }
}
