/// The top-level statements of one entry, as the whole-entry check and the
/// run go over them.
///
/// A script of at most `heldLimit` bytes is parsed once and its tree held.
/// A larger one is parsed again, a top-level statement at a time, by each
/// pass (the shape scan, the check's walk when it can spend, the run), so
/// what it holds is its text and one statement: a 35 MB script of 1,000,000
/// lines held whole takes some 500 MB, streamed about a quarter of that
/// (BENCHMARKS.md, "Peak memory of large scripts"). Every pass reads the
/// same text with the same parser, so each sees the same statements; the
/// first pass has already thrown any syntax error, so nothing runs when
/// one is anywhere in the file.
enum EntryStatements {
    /// 4 MiB: far above any script a person writes, so they keep the
    /// single parse; past it a parse takes under a second a pass.
    static let heldLimit = 4 << 20

    case held(Program)
    case streamed(SourceText)

    /// `source` parsed whole, or streamed when it is larger than `limit`
    /// bytes; a syntax error anywhere is thrown, with nothing run.
    init(parsing source: SourceText, streamingPast limit: Int = heldLimit) throws {
        guard source.text.utf8.count > limit else {
            self = .held(try Parser.parse(source))
            return
        }
        var stream = StatementStream(source)
        while try stream.next() != nil {}
        self = .streamed(source)
    }

    var source: SourceText {
        switch self {
        case .held(let program): return program.source
        case .streamed(let source): return source
        }
    }

    /// Calls `body` with each top-level statement and its index, in order.
    func forEach(_ body: (Int, Statement) async throws -> Void) async throws {
        switch self {
        case .held(let program):
            for (index, statement) in program.statements.enumerated() { try await body(index, statement) }
        case .streamed(let source):
            var stream = StatementStream(source)
            var index = 0
            while let statement = try stream.next() {
                try await body(index, statement)
                index += 1
            }
        }
    }
}
