import Testing

@testable import ArmoxShell

@Suite("The second TAB's listing")
struct CandidateColumnsTests {
    @Test func nothingToList() {
        #expect(CandidateColumns.render([], width: 80) == "")
    }

    @Test func oneLineWhenEverythingFits() {
        #expect(CandidateColumns.render(["run", "run-app"], width: 80) == "run      run-app\n")
        #expect(CandidateColumns.render(["a", "b", "c"], width: 80) == "a  b  c\n")
        // Whole columns, gap included: 3 columns of 1 + 2 need 9.
        #expect(CandidateColumns.render(["a", "b", "c"], width: 9) == "a  b  c\n")
        #expect(CandidateColumns.render(["a", "b", "c"], width: 8) == "a  c\nb\n")
    }

    @Test func sortedGoingDownTheColumns() {
        let items = (1...10).map { "item\($0 < 10 ? "0" : "")\($0)" }  // item01 … item10, width 6 + 2
        // 26 columns wide: 26 / 8 = 3 columns, 4 rows; then 3 columns still.
        let expected = """
            item01  item05  item09
            item02  item06  item10
            item03  item07
            item04  item08

            """
        #expect(CandidateColumns.render(items.reversed(), width: 26) == expected)
        // 10 items in 4 columns need 3 rows, and 3 rows need only 4 columns.
        let four = CandidateColumns.render(items, width: 32)
        #expect(four == "item01  item04  item07  item10\nitem02  item05  item08\nitem03  item06  item09\n")
    }

    @Test func atLeastOneColumn() {
        #expect(CandidateColumns.render(["google/nano-banana", "google/veo-3"], width: 5) == "google/nano-banana\ngoogle/veo-3\n")
        #expect(CandidateColumns.render(["a", "b"], width: 0) == "a\nb\n")
        #expect(CandidateColumns.render(["a", "b"], width: -3) == "a\nb\n")
    }

    @Test func wideCharactersTakeTwoCells() {
        // 東京 is 4 cells: columns are 6 wide, so "ab" is padded with 4 spaces.
        #expect(CandidateColumns.render(["東京", "ab"], width: 12) == "ab    東京\n")
        #expect(CandidateColumns.render(["🎬", "ab", "cd"], width: 80) == "ab  cd  🎬\n")
        #expect(CandidateColumns.render(["東京", "ab"], width: 9) == "ab\n東京\n")
    }

    @Test func noTrailingSpaces() {
        let text = CandidateColumns.render(["a", "bbbbbbbb", "c", "dd", "eeeee"], width: 22)
        #expect(text.hasSuffix("\n"))
        for line in text.split(separator: "\n") {
            #expect(!line.hasSuffix(" "))
        }
    }
}
