import ArmoxAPI

/// The live lines a wait draws on a terminal: one per job (id, model,
/// status, time waited), or past a screenful one summary line (counts by
/// status, time waited, the slowest job). Redrawn in place about once a
/// second and erased when the wait ends, however it ends. Only ever given
/// to the evaluator when stderr is a terminal: scripts writing to files and
/// pipes get no escape codes.
public final class WaitProgress {
    private let write: @Sendable (String) -> Void
    private let rows: () -> Int
    private let columns: () -> Int?
    private let colour: Bool
    private var drawn = 0

    /// `write` draws on the terminal (stderr); `rows` is its height now and
    /// `columns` its width (nil: unknown); `colour` tints the statuses.
    public init(
        write: @escaping @Sendable (String) -> Void, rows: @escaping () -> Int, columns: @escaping () -> Int? = { nil },
        colour: Bool = false
    ) {
        self.write = write
        self.rows = rows
        self.columns = columns
        self.colour = colour
    }

    /// Redraws the lines for `jobs`, each waited on for `elapsed` seconds.
    /// Each line is cut to the terminal's width: a line that wrapped would
    /// take two rows, and the erasure, counting one, would leave its ghost.
    func show(_ jobs: [Job], elapsed: Double) {
        var text = erasure
        var lines = Self.lines(jobs, elapsed: elapsed, room: max(1, rows() - 2))
        if let width = columns(), width > 1 { lines = lines.map { DisplayWidth.truncated($0, to: width - 1) } }
        if colour { lines = lines.map(Self.tinted) }
        text += lines.map { $0 + "\n" }.joined()
        drawn = lines.count
        write(text)
    }

    /// Erases what `show` drew.
    func clear() {
        guard drawn > 0 else { return }
        write(erasure)
        drawn = 0
    }

    /// Up over the lines drawn last, clearing each.
    private var erasure: String {
        String(repeating: "\u{1B}[1A\u{1B}[2K", count: drawn) + "\r"
    }

    static func lines(_ jobs: [Job], elapsed: Double, room: Int) -> [String] {
        let waited = duration(elapsed)
        guard jobs.count <= room else {
            var counts: [String: Int] = [:]
            for job in jobs { counts[job.status.rawValue, default: 0] += 1 }
            let order = ["pending", "processing", "completed", "failed", "cancelled"]
            // Statuses armox does not know (a newer server's) are counted too, by their own name.
            let others = counts.keys.filter { !order.contains($0) }.sorted()
            let summary = (order + others).compactMap { status in counts[status].map { "\($0) \(status)" } }.joined(separator: ", ")
            var line = "waiting on \(jobs.count) jobs: \(summary) — \(waited)"
            if let slowest = jobs.first(where: { !$0.status.isTerminal }) {
                line += "; oldest still running \(slowest.id) (\(slowest.model ?? slowest.appName ?? "?"))"
            }
            return [line]
        }
        return jobs.map { job in
            let mark = job.status.isTerminal ? (job.status == .completed ? "✓" : "✗") : "…"
            return "\(mark) \(job.id)  \(job.model ?? job.appName ?? "?")  \(job.status.rawValue)  \(waited)"
        }
    }

    /// A job line with its status word in the status's colour (after the
    /// line was cut: the codes must not count as columns).
    static func tinted(_ line: String) -> String {
        let words = line.components(separatedBy: "  ")
        guard words.count >= 3, let tint = Tint.status(words[2]) else { return line }
        var tinted = words
        tinted[2] = tint.apply(words[2])
        return tinted.joined(separator: "  ")
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds)
        return whole < 60 ? "\(whole)s" : "\(whole / 60)m \(whole % 60)s"
    }
}
