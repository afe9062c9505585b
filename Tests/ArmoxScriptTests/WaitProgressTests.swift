import ArmoxAPI
import Testing

@testable import ArmoxScript

@Suite("Live wait lines")
struct WaitProgressTests {
    static func job(_ id: String, _ status: JobStatus, model: String = "google/veo-3") -> Job {
        Job(id: id, status: status, model: model)
    }

    @Test func oneLinePerJobWhileTheyFit() {
        let lines = WaitProgress.lines([Self.job("a", .processing), Self.job("b", .completed), Self.job("c", .failed)], elapsed: 75, room: 5)
        #expect(lines == [
            "… a  google/veo-3  processing  1m 15s",
            "✓ b  google/veo-3  completed  1m 15s",
            "✗ c  google/veo-3  failed  1m 15s",
        ])
    }

    @Test func oneSummaryLinePastAScreenful() {
        let jobs = (0..<50).map { Self.job("j\($0)", $0 < 30 ? .completed : $0 < 45 ? .processing : .pending) }
        let lines = WaitProgress.lines(jobs, elapsed: 12.7, room: 20)
        #expect(lines == ["waiting on 50 jobs: 5 pending, 15 processing, 30 completed — 12s; oldest still running j30 (google/veo-3)"])
    }

    @Test func drawsThenErasesInPlace() {
        let written = Written()
        let progress = WaitProgress(write: { written.append($0) }, rows: { 24 })
        progress.show([Self.job("a", .processing), Self.job("b", .pending)], elapsed: 1)
        progress.show([Self.job("a", .completed), Self.job("b", .processing)], elapsed: 2)
        progress.clear()
        progress.clear()
        let up = "\u{1B}[1A\u{1B}[2K"
        #expect(written.texts == [
            "\r… a  google/veo-3  processing  1s\n… b  google/veo-3  pending  1s\n",
            up + up + "\r✓ a  google/veo-3  completed  2s\n… b  google/veo-3  processing  2s\n",
            up + up + "\r",
        ])
    }
}

/// What a WaitProgress wrote, in order.
private final class Written: @unchecked Sendable {
    var texts: [String] = []
    func append(_ text: String) { texts.append(text) }
}

@Suite("jobs --session: elapsed time")
struct ElapsedTests {
    @Test func fromCreationToTheEndOrToNow() {
        let now = Evaluator.timestamp("2026-11-24T12:10:00.000Z")!
        func job(_ status: JobStatus, created: String?, completed: String? = nil) -> Job {
            Job(id: "j", status: status, createdAt: created, completedAt: completed)
        }
        #expect(Evaluator.elapsed(job(.completed, created: "2026-11-24T12:00:00.000Z", completed: "2026-11-24T12:00:42.400Z"), now: now) == "42s")
        #expect(Evaluator.elapsed(job(.processing, created: "2026-11-24T12:06:55Z"), now: now) == "3m 05s")
        #expect(Evaluator.elapsed(job(.failed, created: "2026-11-24T12:00:00Z"), now: now) == "-", "ended, but when is not known")
        #expect(Evaluator.elapsed(job(.pending, created: "yesterday"), now: now) == "-")
        #expect(Evaluator.elapsed(job(.pending, created: nil), now: now) == "-")
    }
}
