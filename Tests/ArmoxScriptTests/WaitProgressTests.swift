import ArmoxAPI
@testable import ArmoxHost
import Testing

@testable import ArmoxScript
@testable import ArmoxRender

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

/// The live lines on narrow terminals: the end of the id, the status and
/// the time waited always show; the model name is cut first.
@Suite("Live wait lines on narrow terminals")
struct NarrowWaitLineTests {
    static let jobs = [
        Job(id: "job_449f16f3e1308529ba13", status: .processing, model: "xai/grok-video-image-to-video"),
        Job(id: "job_0c2e81d4a5b6f7089e1d", status: .cancelled, model: "stability-ai/stable-diffusion-3.5-large"),
    ]

    static func drawn(width: Int) -> [String] {
        let written = Written()
        WaitProgress(write: { written.append($0) }, rows: { 24 }, columns: { width }).show(jobs, elapsed: 754)
        return written.texts.joined().dropFirst().split(separator: "\n").map(String.init)
    }

    @Test(arguments: [40, 45, 50, 60, 70, 90])
    func theIdSuffixStatusAndTimeStay(width: Int) {
        let lines = Self.drawn(width: width)
        #expect(lines.count == 2)
        for (line, job) in zip(lines, Self.jobs) {
            #expect(DisplayWidth.of(line) <= width - 1, "\(width): \(line)")
            #expect(line.hasSuffix("  \(job.status.rawValue)  12m 34s"), "\(width): \(line)")
            #expect(line.contains(String(job.id.suffix(8))), "\(width): \(line)")
        }
    }

    @Test func wideEnoughNothingIsCut() {
        #expect(Self.drawn(width: 120) == [
            "… job_449f16f3e1308529ba13  xai/grok-video-image-to-video  processing  12m 34s",
            "✗ job_0c2e81d4a5b6f7089e1d  stability-ai/stable-diffusion-3.5-large  cancelled  12m 34s",
        ])
        let sixty = Self.drawn(width: 62)
        #expect(sixty[0].contains("job_449f16f3e1308529ba13  xai/"), "the model is cut before the id: \(sixty[0])")
    }

    /// A terminal narrowed after a draw wraps each line over more rows: the
    /// erasure goes up over every one of them, leaving nothing behind.
    @Test func theErasureCountsWrappedRows() {
        let written = Written()
        let width = Width(120)
        let progress = WaitProgress(write: { written.append($0) }, rows: { 24 }, columns: { width.value })
        progress.show(Self.jobs, elapsed: 1)
        let widths = written.texts[0].dropFirst().split(separator: "\n").map { DisplayWidth.of(String($0)) }
        #expect(widths.allSatisfy { $0 > 40 }, "\(widths)")
        width.value = 40
        progress.clear()
        let rows = widths.map { ($0 + 39) / 40 }.reduce(0, +)
        #expect(rows > widths.count)
        let up = "\u{1B}[1A\u{1B}[2K"
        #expect(written.texts[1] == String(repeating: up, count: rows) + "\r", "every row each line takes at 40 columns")
    }

    /// A server's id or model with control characters cannot move the cursor.
    @Test func controlCharactersAreNotDrawn() {
        let written = Written()
        let hostile = Job(id: "job_1\n\u{1B}[2J", status: .processing, model: "evil\r\u{7}model")
        WaitProgress(write: { written.append($0) }, rows: { 24 }, columns: { 80 }).show([hostile], elapsed: 1)
        let text = written.texts[0].dropFirst()
        #expect(!text.contains("\u{1B}") && !text.contains("\r") && !text.contains("\u{7}"), "\(text.debugDescription)")
        #expect(text.filter { $0 == "\n" }.count == 1)
    }
}

/// A width a test changes between draws.
private final class Width: @unchecked Sendable {
    var value: Int
    init(_ value: Int) { self.value = value }
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
