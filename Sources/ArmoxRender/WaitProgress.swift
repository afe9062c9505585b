import ArmoxAPI

/// The live lines a wait draws on a terminal: one per job (id, model,
/// status, time waited), or past a screenful one summary line (counts by
/// status, time waited, the slowest job). Redrawn in place about once a
/// second and erased when the wait ends, however it ends. Only ever given
/// to the evaluator when stderr is a terminal: scripts writing to files and
/// pipes get no escape codes.
public final class WaitProgress: WaitDisplay {
    private let write: @Sendable (String) -> Void
    private let rows: () -> Int
    private let columns: () -> Int?
    private let colour: Bool
    /// The width of each line drawn last, in columns.
    private var drawn: [Int] = []

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
    /// Each line is fitted to the terminal's width less a column, so it
    /// takes one row; should the terminal narrow before the next redraw, the
    /// erasure counts the rows each line wraps to then.
    public func show(_ jobs: [Job], elapsed: Double) {
        show(jobs, elapsed: elapsed, title: nil)
    }

    /// `show`, headed by `title` (fitted to the width like the job lines).
    public func show(_ jobs: [Job], elapsed: Double, title: String?) {
        var text = erasure
        let width = columns().flatMap { $0 > 1 ? $0 - 1 : nil }
        let heading = title.map { TerminalText.printable($0) }.map { line in width.map { DisplayWidth.truncated(line, to: $0) } ?? line }
        var lines = (heading.map { [$0] } ?? [])
            + Self.lines(jobs, elapsed: elapsed, room: max(1, rows() - 2 - (heading == nil ? 0 : 1)), width: width)
        drawn = lines.map(DisplayWidth.of)
        if colour { lines = lines.map(Self.tinted) }
        text += lines.map { $0 + "\n" }.joined()
        write(text)
        LiveLineRows.set(rowCount)
    }

    /// Erases what `show` drew.
    public func clear() {
        guard !drawn.isEmpty else { return }
        write(erasure)
        drawn = []
        LiveLineRows.set(0)
    }

    /// Up over every row the lines drawn last take at the terminal's width
    /// now, clearing each.
    private var erasure: String {
        String(repeating: "\u{1B}[1A\u{1B}[2K", count: rowCount) + "\r"
    }

    /// The rows the lines drawn last take at the terminal's width now.
    private var rowCount: Int {
        let width = columns().flatMap { $0 > 0 ? $0 : nil }
        return drawn.reduce(0) { sum, columns in sum + max(1, width.map { (columns + $0 - 1) / $0 } ?? 1) }
    }

    /// The lines for `jobs`, each fitted to `width` when one is given.
    static func lines(_ jobs: [Job], elapsed: Double, room: Int, width: Int? = nil) -> [String] {
        let waited = duration(elapsed)
        guard jobs.count <= room else {
            var counts: [String: Int] = [:]
            for job in jobs { counts[TerminalText.printable(job.status.rawValue), default: 0] += 1 }
            let order = ["pending", "processing", "completed", "failed", "cancelled"]
            // Statuses armox does not know (a newer server's) are counted too, by their own name.
            let others = counts.keys.filter { !order.contains($0) }.sorted()
            let summary = (order + others).compactMap { status in counts[status].map { "\($0) \(status)" } }.joined(separator: ", ")
            var line = "waiting on \(jobs.count) jobs: \(summary) — \(waited)"
            if let slowest = jobs.first(where: { !$0.status.isTerminal }) {
                line += "; oldest still running \(slowest.id) (\(slowest.model ?? slowest.appName ?? "?"))"
            }
            line = TerminalText.printable(line)
            return [width.map { DisplayWidth.truncated(line, to: $0) } ?? line]
        }
        return jobs.map { line($0, waited: waited, width: width) }
    }

    /// Narrower than the line: the model name is cut (to `modelFloor` at
    /// least), then left out, then the id loses its start — its end still
    /// tells the jobs apart — so the status and the time waited always show.
    static func line(_ job: Job, waited: String, width: Int?) -> String {
        let mark = job.status.isTerminal ? (job.status == .completed ? "✓" : "✗") : "…"
        let id = TerminalText.printable(job.id)
        let model = TerminalText.printable(job.model ?? job.appName ?? "?")
        let tail = "  \(TerminalText.printable(job.status.rawValue))  \(waited)"
        let whole = "\(mark) \(id)  \(model)\(tail)"
        guard let width, DisplayWidth.of(whole) > width else { return whole }
        let room = width - DisplayWidth.of("\(mark) \(tail)")
        let modelRoom = room - DisplayWidth.of(id) - 2
        if modelRoom >= min(modelFloor, DisplayWidth.of(model)) {
            return "\(mark) \(id)  \(DisplayWidth.truncated(model, to: modelRoom))\(tail)"
        }
        if room >= DisplayWidth.of(id) { return "\(mark) \(id)\(tail)" }
        if room >= 2 { return "\(mark) \(keepingEnd(id, to: room))\(tail)" }
        return DisplayWidth.truncated("\(mark) \(id)\(tail)", to: width)
    }

    /// Fewer columns than this, a model name says too little to keep.
    static let modelFloor = 6

    /// `text` cut to `width` columns from the front: "…" and its end.
    static func keepingEnd(_ text: String, to width: Int) -> String {
        var kept = ""
        var used = 1
        for character in text.reversed() {
            let columns = DisplayWidth.of(character)
            if used + columns > width { break }
            kept.insert(character, at: kept.startIndex)
            used += columns
        }
        return "…" + kept
    }

    /// A job line with its status word in the status's colour (after the
    /// line was fitted: the codes must not count as columns). The status is
    /// always the line's second-to-last part.
    static func tinted(_ line: String) -> String {
        var words = line.components(separatedBy: "  ")
        guard words.count >= 3, let tint = Tint.status(words[words.count - 2]) else { return line }
        words[words.count - 2] = tint.apply(words[words.count - 2])
        return words.joined(separator: "  ")
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds)
        return whole < 60 ? "\(whole)s" : "\(whole / 60)m \(whole % 60)s"
    }
}
