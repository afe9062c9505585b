import GRDB

/// What `spend` sums: the credits runs were charged, less what failed runs
/// had back, over a time range, grouped one way or not at all.
///
/// A run counts when the server accepted it: its `credits_charged`, or its
/// catalogue cost when the answer gave none. A run whose answer was lost is
/// not counted here (`runs --status=uncertain` lists them); a cancelled run
/// stays counted, as the API promises refunds for failures only.
public struct SpendQuery: Sendable {
    public enum Grouping: String, Sendable, CaseIterable {
        case model, day, script, session
    }

    public var since: String?
    public var until: String?
    public var by: Grouping?
    /// Nil: every server's runs.
    public var server: String?

    public init(since: String? = nil, until: String? = nil, by: Grouping? = nil, server: String? = nil) {
        self.since = since
        self.until = until
        self.by = by
        self.server = server
    }

    func sql() -> (String, StatementArguments) {
        let key: String
        switch by {
        case nil: key = "'all'"
        case .model: key = "COALESCE(app_name, subject)"
        case .day: key = "substr(sent_at, 1, 10)"
        case .script: key = "COALESCE(script, CASE WHEN source = 'prompt' THEN 'prompt' ELSE source END)"
        case .session: key = "session"
        }
        var conditions = SQLConditions()
        conditions.add("state = 'accepted'")
        conditions.add("server = ?", server)
        conditions.add("sent_at >= ?", since)
        conditions.add("sent_at < ?", until)
        let sql = """
            SELECT \(key) AS key, COUNT(*) AS runs,
              COALESCE(SUM(COALESCE(credits_charged, estimated_cost, 0)), 0) AS charged,
              COALESCE(SUM(credits_refunded), 0) AS refunded
            FROM runs\(conditions.clause)
            GROUP BY key ORDER BY \(by == .day ? "key DESC" : "charged - refunded DESC, key")
            """
        return (sql, StatementArguments(conditions.arguments))
    }
}

/// One group of `spend`.
public struct SpendRow: Sendable, Equatable {
    public var key: String
    public var runs: Int
    public var charged: Int
    public var refunded: Int
    public var credits: Int { charged - refunded }
}
