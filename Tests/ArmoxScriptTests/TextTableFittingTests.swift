import ArmoxTestSupport
import Testing

@testable import ArmoxScript
@testable import ArmoxRender

/// Tables fitted to a terminal's width, as a pure function: free text cut
/// with "…" at character boundaries, ids never cut, nothing changed without
/// a width.
@Suite("Tables that fit the terminal")
struct TextTableFittingTests {
    static let models = TextTable(
        headers: ["ID", "NAME", "MODALITY", "COST"],
        rows: [
            ["google/nano-banana", "Nano Banana", "image", "70"],
            ["xai/grok-video-image-to-video", "Grok Video (Image to Video)", "video", "202"],
            ["stability-ai/stable-diffusion-3.5-large", "Stable Diffusion 3.5 Large", "image", "65"],
        ],
        rightAligned: [3], shrinkable: [1])

    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

    /// A jobs table on a 100-column terminal: CREATED goes, then CREDITS,
    /// before an id or a URL would wrap; wide enough, nothing goes.
    @Test func droppableColumnsGoOnlyWhenNeededFirstToGoFirst() {
        var table = TextTable(
            headers: ["ID", "STATUS", "MODEL", "CREDITS", "CREATED", "ELAPSED", "OUTPUT"],
            rows: [[
                "job_449f16f3e1308529ba13", "completed", "xai/grok-video-image-to-video", "202", "2026-11-25T01:21:45.152Z", "2s",
                "http://127.0.0.1:38495/files/job_449f16f3e1308529ba13/output.mp4",
            ]], rightAligned: [3, 5], shrinkable: [6], keepsWhole: TextTable.isURL)
        table.droppable = [4, 3, 5]
        let headers = { (text: String) in text.split(separator: "\n")[0].split(separator: " ").map(String.init) }
        #expect(headers(table.render(width: 200)) == ["ID", "STATUS", "MODEL", "CREDITS", "CREATED", "ELAPSED", "OUTPUT"])
        #expect(headers(table.render()) == ["ID", "STATUS", "MODEL", "CREDITS", "CREATED", "ELAPSED", "OUTPUT"])
        let widest = { (text: String) in text.split(separator: "\n").map { DisplayWidth.of(String($0)) }.max() ?? 0 }
        let whole = widest(table.render())
        let withoutCreated = widest(table.without(4).render())
        #expect(headers(table.render(width: whole - 1)) == ["ID", "STATUS", "MODEL", "CREDITS", "ELAPSED", "OUTPUT"])
        #expect(headers(table.render(width: withoutCreated)) == ["ID", "STATUS", "MODEL", "CREDITS", "ELAPSED", "OUTPUT"])
        let narrower = table.render(width: withoutCreated - 1)
        #expect(headers(narrower) == ["ID", "STATUS", "MODEL", "ELAPSED", "OUTPUT"])
        #expect(widest(narrower) <= withoutCreated - 1)
        #expect(narrower.contains("http://127.0.0.1:38495/files/job_449f16f3e1308529ba13/output.mp4"))
        // Right alignment follows its column.
        #expect(narrower.split(separator: "\n")[1].contains("xai/grok-video-image-to-video       2s  http://"))
        #expect(headers(table.render(width: 100)) == ["ID", "STATUS", "MODEL", "OUTPUT"])
    }

    @Test func withoutAWidthTheTableIsWhole() {
        let whole = Self.models.render()
        #expect(Self.models.render(width: nil) == whole)
        #expect(whole.contains("Grok Video (Image to Video)"))
        #expect(!whole.contains("…"))
        // A width it fits in changes nothing either.
        let natural = Self.lines(whole).map { DisplayWidth.of(String($0)) }.max()!
        #expect(Self.models.render(width: natural) == whole)
        #expect(Self.models.render(width: 500) == whole)
    }

    @Test func theNameIsCutAndTheIdsAreNot() {
        let text = Self.models.render(width: 70)
        for line in Self.lines(text) { #expect(DisplayWidth.of(String(line)) <= 70, "\(line)") }
        for row in Self.models.rows { #expect(text.contains(row[0])) }
        #expect(text.contains("Grok Video…") || text.contains("Grok Video (…"), "\(text)")
        #expect(text.contains("Nano Banana"), "a name that fits stays whole")
        // Columns stay aligned: COST ends in the same column on every line.
        let ends = Self.lines(text).map { DisplayWidth.of(String($0)) }
        #expect(Set(ends).count == 1, "\(text)")
    }

    @Test func whenTheIdsDoNotFitTheLinesRunOver() {
        let text = Self.models.render(width: 30)
        for row in Self.models.rows { #expect(text.contains(row[0])) }
        #expect(Self.models.minimumWidth > 30)
        #expect(Self.lines(text).contains { DisplayWidth.of(String($0)) > 30 })
        // The name is at its floor, not gone.
        #expect(text.contains("Grok Vi…"), "\(text)")
    }

    @Test func aURLInAShrinkableColumnStaysWhole() {
        let url = "http://127.0.0.1:8080/files/job_0123456789abcdef/output.png"
        let table = TextTable(
            headers: ["ID", "OUTPUT"], rows: [["job_1", url], ["job_2", "error: " + String(repeating: "the model refused ", count: 8)]],
            shrinkable: [1], keepsWhole: TextTable.isURL)
        let text = table.render(width: 70)
        #expect(text.contains(url))
        #expect(text.contains("error: the model refused"))
        #expect(text.contains("…"))
        for line in Self.lines(text) { #expect(DisplayWidth.of(String(line)) <= 70, "\(line)") }
    }

    @Test func aNewlineInFreeTextStaysOnItsLine() {
        let table = TextTable(headers: ["ID", "ERROR"], rows: [["j", "first line\nsecond line"]], shrinkable: [1])
        #expect(Self.lines(table.render(width: 80)).count == 2)
        // A cell is one line wherever the table goes: the break is shown as its escape.
        #expect(table.render() == "ID  ERROR\nj   first line\\nsecond line\n", "no width: the same")
        #expect(table.render(width: 80).contains(#"first line\nsecond line"#))
    }

    @Test(arguments: [
        ("東京東京", 5, "東京…"), ("東京東京", 4, "東…"), ("a東京", 4, "a東…"), ("ab東京", 4, "ab…"),
        ("🎬🎬🎬", 4, "🎬…"), ("e\u{301}e\u{301}e\u{301}e\u{301}", 3, "e\u{301}e\u{301}…"), ("abc", 3, "abc"), ("ab cd", 4, "ab…"),
        ("abc", 1, "…"), ("abc", 0, ""),
    ])
    func cutsFallBetweenCharacters(_ text: String, _ width: Int, _ expected: String) {
        let cut = DisplayWidth.truncated(text, to: width)
        #expect(cut == expected)
        #expect(DisplayWidth.of(cut) <= width)
    }

    @Test func colourNeverCountsAsColumns() {
        let table = TextTable(
            headers: ["ID", "STATUS", "NOTE"],
            rows: [["job_a", "completed", "fine"], ["job_b", "failed", "the upstream model timed out after a long while"]],
            shrinkable: [2], tints: [1: { Tint.status($0) }])
        for width in [nil, 30, 40, 200] as [Int?] {
            let coloured = table.render(width: width, colour: true)
            #expect(Tint.strip(coloured) == table.render(width: width))
        }
        let coloured = table.render(width: 40, colour: true)
        #expect(coloured.contains("\u{1B}[32mcompleted\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[31mfailed\u{1B}[0m"))
        #expect(coloured.hasPrefix("\u{1B}[1mID\u{1B}[0m"))
        #expect(!table.render(width: 40).contains("\u{1B}"))
    }

    /// Seeded random tables at random widths: whenever the ids fit, every
    /// line fits; ids are always whole; a cut cell ends in "…" after a prefix of itself.
    @Test func propertyLinesFitIdsStayWhole() {
        var random = SplitMix64(seed: 0x7AB1E)
        let pieces = ["a", "Z", "7", "-", "/", "東", "京", "🎬", "e\u{301}", "ß", "x", "y", "q"]
        func word(_ length: Int) -> String {
            (0..<length).map { _ in pieces[random.below(pieces.count)] }.joined()
        }
        func text(maxWords: Int) -> String {
            (0..<(1 + random.below(maxWords))).map { _ in word(1 + random.below(9)) }.joined(separator: " ")
        }
        var fitted = 0
        var overflowed = 0
        for _ in 0..<400 {
            let columns = 1 + random.below(6)
            let shrinkable = Set((0..<columns).filter { _ in random.below(2) == 0 })
            let headers = (0..<columns).map { _ in "H" + word(random.below(6)) }
            let rows = (0..<random.below(6)).map { _ in
                (0..<columns).map { shrinkable.contains($0) ? text(maxWords: 8) : word(1 + random.below(14)) }
            }
            let table = TextTable(headers: headers, rows: rows, rightAligned: Set((0..<columns).filter { _ in random.below(4) == 0 }), shrinkable: shrinkable)
            let width = 4 + random.below(90)
            let rendered = table.render(width: width)
            let lines = Self.lines(rendered)
            #expect(lines.count == rows.count + 1)
            if table.minimumWidth <= width {
                fitted += 1
                for line in lines { #expect(DisplayWidth.of(String(line)) <= width, "width \(width): \(line)") }
            } else {
                overflowed += 1
            }
            for (row, line) in zip([headers] + rows, lines) {
                for (column, cell) in row.enumerated() {
                    if !shrinkable.contains(column) {
                        #expect(line.contains(cell), "id \(cell) cut in \(line)")
                    } else if !line.contains(cell) {
                        let cut = (0..<cell.count).reversed().contains { count in
                            var prefix = String(cell.prefix(count))
                            while prefix.last?.isWhitespace == true { prefix.removeLast() }
                            return line.contains(prefix + "…")
                        }
                        #expect(cut, "\(cell) neither whole nor cut with … in \(line)")
                    }
                }
            }
            let natural = Self.lines(table.render()).map { DisplayWidth.of(String($0)) }.max() ?? 0
            if width >= natural { #expect(rendered == table.render()) }
        }
        // Both sides of the property were exercised.
        #expect(fitted > 100 && overflowed > 20, "fitted \(fitted), overflowed \(overflowed)")
    }
}
