import ArmoxAPI
import ArmoxLedger
import ArmoxRender

/// `spend [--since=WHEN] [--until=WHEN] [--by=model|day|script|session] [--all-servers]`
enum SpendCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "spend", group: .ledger, synopsis: "spend [--since=WHEN] [--until=WHEN] [--by=model|day|script|session] [--all-servers]",
        summary: "Credits spent, from the run ledger: charged less refunded, in all or grouped.",
        flags: [
            .init("since", "WHEN", "runs sent at or after: 30m, 2h, 3d, 2w ago, a day (2026-12-01) or an ISO time"),
            .init("until", "WHEN", "runs sent before (the same forms)"),
            .init("by", "G", "one row per model, day, script or session"),
            .init("all-servers", nil, "every server's runs, not only this session's"),
        ],
        takesKeyValues: false, maxPositionals: 0,
        details: "A run counts once the server accepted it: its credits_charged (its catalogue cost while none is known), "
            + "less the refund of a failed job. Runs whose answer was lost are not counted: runs --status=uncertain lists them. "
            + "The account's own 30-day figure is shown beside it when the server gives one.",
        examples: ["spend", "spend --since=7d --by=day", "spend --by=model", "spend --json"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.spend(invocation)
    }

    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        evaluator.unknownResult(of: invocation)
    }
}

extension Evaluator {
    func spend(_ invocation: Invocation) async throws -> CommandResult {
        let ledger = try requireLedger(for: "spend", at: invocation.location)
        var query = SpendQuery(since: try ledgerTime("since", of: invocation), until: try ledgerTime("until", of: invocation))
        if let (value, location) = invocation.flags["by"] {
            guard let text = value?.text.lowercased(), let by = SpendQuery.Grouping(rawValue: text) else {
                throw ScriptError("--by takes model, day, script or session", hint: "spend --by=day", at: location)
            }
            query.by = by
        }
        query.server = invocation.has("all-servers") ? nil : ledger.server
        let rows = withLedger { try $0.ledger.spend(query) } ?? []
        let total = (rows.reduce(0) { $0 + $1.charged }, rows.reduce(0) { $0 + $1.refunded }, rows.reduce(0) { $0 + $1.runs })
        // The account's own figure, for comparison; a server that cannot say leaves it out.
        let accountFigure = try? await client.account().creditsUsedLast30Days
        var fields: [String: Value] = [
            "credits": .number(Number(total.0 - total.1)), "charged": .number(Number(total.0)),
            "refunded": .number(Number(total.1)), "runs": .number(Number(total.2)),
            "by": query.by.map { .string($0.rawValue) } ?? .null,
            "since": query.since.map(Value.string) ?? .null, "until": query.until.map(Value.string) ?? .null,
            "account_credits_used_last_30d": accountFigure.flatMap { $0 }.map { .number(Number($0)) } ?? .null,
        ]
        fields["rows"] = .list(rows.map { row in
            .object([
                "key": .string(row.key), "runs": .number(Number(row.runs)), "charged": .number(Number(row.charged)),
                "refunded": .number(Number(row.refunded)), "credits": .number(Number(row.credits)),
            ])
        })
        var parts: [Presentation] = []
        if let by = query.by, !rows.isEmpty {
            let table = TextTable(
                headers: [by.rawValue.uppercased(), "RUNS", "CHARGED", "REFUNDED", "CREDITS"],
                rows: rows.map { [$0.key, String($0.runs), String($0.charged), String($0.refunded), String($0.credits)] },
                rightAligned: [1, 2, 3, 4], shrinkable: [0])
            parts.append(.table(table))
        }
        let range = [query.since.map { "since \(Self.shortTime($0))" }, query.until.map { "until \(Self.shortTime($0))" }].compactMap { $0 }
        var line = "spent \(total.0 - total.1) credits over \(total.2) run\(total.2 == 1 ? "" : "s")"
        if !range.isEmpty { line += " " + range.joined(separator: " ") }
        if total.1 > 0 { line += " (\(total.0) charged, \(total.1) refunded for failed jobs)" }
        parts.append(.line(line))
        if let used = accountFigure ?? nil { parts.append(.line("the account says \(used) credits used in the last 30 days (every client of the key)")) }
        return CommandResult(value: .object(fields), presentation: .parts(parts))
    }
}
