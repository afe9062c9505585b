import GRDB

/// Which runs `runs` lists: newest first, or best match first with `text`.
public struct RunQuery: Sendable {
    /// Words to find in prompts (every word, as a whole word or its start).
    public var text: String?
    public var model: String?
    /// A job status, or `uncertain` (may have been accepted), `refused`, `gone`.
    public var status: String?
    /// Ledger times (see `LedgerTime.parse`): sent at or after `since`, before `until`.
    public var since: String?
    public var until: String?
    /// A script's absolute path.
    public var script: String?
    /// Nil: every server's runs.
    public var server: String?
    public var limit: Int?

    public init(
        text: String? = nil, model: String? = nil, status: String? = nil, since: String? = nil, until: String? = nil,
        script: String? = nil, server: String? = nil, limit: Int? = nil
    ) {
        self.text = text
        self.model = model
        self.status = status
        self.since = since
        self.until = until
        self.script = script
        self.server = server
        self.limit = limit
    }

    /// `text` as an FTS5 query that cannot be a syntax error: each word a
    /// quoted phrase (quotes doubled), the last one also matching as a
    /// prefix, all of them required. Nil when it holds no word.
    static func match(_ text: String) -> String? {
        // A word with no letter or digit holds no token to find.
        let words = text.split(whereSeparator: { $0.isWhitespace })
            .filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }
            .map { "\"" + Self.doublingQuotes($0) + "\"" }
        guard !words.isEmpty else { return nil }
        return words.dropLast().joined(separator: " ") + (words.count > 1 ? " " : "") + words.last! + "*"
    }

    /// Every `"` doubled, scalar by scalar: a quote with a combining mark
    /// after it is one `Character`, which a String replacement passes over,
    /// and FTS5 would read that lone quote as the phrase's end.
    static func doublingQuotes(_ word: Substring) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            scalars.append(scalar)
            if scalar == "\"" { scalars.append(scalar) }
        }
        return String(scalars)
    }

    /// Whether nothing but the words and the server narrows the query.
    var onlyWordsAndServer: Bool {
        model == nil && status == nil && since == nil && until == nil && script == nil
    }

    /// The SELECT and its arguments. `serverIsTheOnlyOne`: the ledger holds
    /// no run of another server, so a search need not look at `runs` to
    /// filter by it.
    ///
    /// The orders are ones an index gives without sorting every run: the
    /// newest of a server by `runs_by_server_and_time` (sent time, then id),
    /// of every server by id. A search ranks every match (FTS5's bm25 has no
    /// shortcut), so it keeps what it sorts small: with no other filter it
    /// ranks row ids in the full-text index alone and reads only the rows
    /// it returns; a filter on `runs` joins first.
    func sql(serverIsTheOnlyOne: Bool = false) -> (String, StatementArguments) {
        var conditions = SQLConditions()
        var from = "runs"
        var order = server == nil ? "runs.id DESC" : "runs.sent_at DESC, runs.id DESC"
        if let text, let match = Self.match(text) {
            if onlyWordsAndServer && (server == nil || serverIsTheOnlyOne) {
                let limit = limit == nil ? "" : " LIMIT ?"
                from = "(SELECT rowid AS id, rank FROM runs_search WHERE runs_search MATCH ? ORDER BY rank, rowid DESC\(limit))"
                    + " AS found JOIN runs ON runs.id = found.id"
                var arguments: [(any DatabaseValueConvertible)?] = [match]
                if let limit = self.limit { arguments.append(limit) }
                return ("SELECT runs.* FROM \(from) ORDER BY found.rank, found.id DESC", StatementArguments(arguments))
            }
            from = "runs_search JOIN runs ON runs.id = runs_search.rowid"
            conditions.add("runs_search MATCH ?", match)
            order = "runs_search.rank, runs.id DESC"
        }
        conditions.add("runs.server = ?", server)
        conditions.add("(runs.subject = ? OR runs.app_name = ?)", model, model)
        switch status {
        case nil: break
        case "uncertain": conditions.add("runs.state IN ('sending', 'uncertain')")
        case "refused": conditions.add("runs.state = 'refused'")
        case let status?: conditions.add("runs.status = ?", status == "canceled" ? "cancelled" : status)
        }
        conditions.add("runs.sent_at >= ?", since)
        conditions.add("runs.sent_at < ?", until)
        conditions.add("runs.script = ?", script)
        var arguments = conditions.arguments
        var sql = "SELECT runs.* FROM \(from)\(conditions.clause) ORDER BY \(order)"
        if let limit {
            sql += " LIMIT ?"
            arguments.append(limit)
        }
        return (sql, StatementArguments(arguments))
    }
}
