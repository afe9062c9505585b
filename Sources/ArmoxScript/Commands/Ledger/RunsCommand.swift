import ArmoxAPI
import ArmoxLedger
import ArmoxRender
import Foundation

/// `runs [text] [--model=ID] [--status=S] [--since=WHEN] …`, `runs rm`, `runs export`
enum RunsCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "runs", group: .ledger,
        synopsis: "runs [text] [--model=ID] [--status=S] [--since=WHEN] [--until=WHEN] [--script=FILE] [--limit=N] [--all-servers]",
        summary: "Every run the ledger holds, newest first; text searches the prompts, best match first.",
        flags: [
            .init("model", "ID", "only runs of this model (or app)"),
            .init("status", "S", "completed, failed, cancelled, pending, processing, uncertain (may have been accepted), refused or gone"),
            .init("since", "WHEN", "sent at or after: 30m, 2h, 3d, 2w ago, a day (2026-12-01) or an ISO time"),
            .init("until", "WHEN", "sent before (the same forms)"),
            .init("script", "FILE", "only the runs of this script file"),
            .init("limit", "N", "how many (default 20; 0: all)"),
            .init("all-servers", nil, "the runs sent to every server, not only this session's"),
            .init("before", "WHEN", "with rm: remove every run sent before WHEN"),
        ],
        takesKeyValues: false, maxPositionals: nil,
        details: "runs rm <job-id> removes one run, runs rm --before=WHEN the older ones; runs export prints every run as JSON. "
            + "The ledger is a SQLite file (docs/ledger.md): ARMOX_LEDGER=PATH moves it, ARMOX_LEDGER=off turns it off.",
        examples: ["runs", "runs fox --since=3d", "runs --status=uncertain", "runs rm --before=2026-01-01", "runs export --json"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try evaluator.runs(invocation)
    }

    /// It reads or changes a file outside the session: its result is known only at run time.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        evaluator.unknownResult(of: invocation)
    }
}

extension Evaluator {
    func runs(_ invocation: Invocation) throws -> CommandResult {
        let ledger = try requireLedger(for: "runs", at: invocation.location)
        let words = invocation.positionals
        if let first = words.first, first.isBareword, first.value.text == "rm" { return try removeRuns(invocation, ledger) }
        if let first = words.first, first.isBareword, first.value.text == "export" {
            let all = withLedger { try $0.ledger.runs(RunQuery()) } ?? []
            return CommandResult(value: .list(all.map(Self.ledgerValue)), presentation: .text(Value.list(all.map(Self.ledgerValue)).jsonText(pretty: true)))
        }
        if invocation.has("before") {
            throw ScriptError("--before goes with runs rm", hint: "runs rm --before=30d", at: invocation.flags["before"]!.location)
        }
        var limit = 20
        if let (value, location) = invocation.flags["limit"] {
            guard let value, let number = Int(value.text), number >= 0 else {
                throw ScriptError("--limit must be a whole number (0: every run)", at: location)
            }
            limit = number
        }
        var query = RunQuery(limit: limit == 0 ? nil : limit)
        let text = words.map(\.value.text).joined(separator: " ")
        query.text = text.isEmpty ? nil : text
        query.model = invocation.flagValue("model")?.text
        query.status = invocation.flagValue("status")?.text.lowercased()
        query.since = try ledgerTime("since", of: invocation)
        query.until = try ledgerTime("until", of: invocation)
        if let script = invocation.flagValue("script")?.text {
            query.script = Self.normalised(script.hasPrefix("/") ? script : workingDirectory + "/" + script)
        }
        query.server = invocation.has("all-servers") ? nil : ledger.server
        let found = withLedger { try $0.ledger.runs(query) } ?? []
        let value = Value.list(found.map(Self.ledgerValue))
        guard !found.isEmpty else {
            return CommandResult(value: value, presentation: .line(query.text == nil ? "no runs in the ledger match" : "no run's prompt matches \"\(text)\""))
        }
        let rows = found.map { run in
            [
                run.jobID ?? "#\(run.id)", Self.shortTime(run.sentAt), run.appName ?? run.subject,
                run.prompt.map { TerminalText.printable($0) } ?? "-", Self.ledgerStatus(run),
                run.creditsCharged.map { String($0 - run.creditsRefunded) } ?? "-",
            ]
        }
        var table = TextTable(
            headers: ["ID", "WHEN", "MODEL", "PROMPT", "STATUS", "CREDITS"], rows: rows, rightAligned: [5], shrinkable: [3],
            tints: [4: Self.statusTint])
        table.droppable = [1, 5]
        return CommandResult(value: value, presentation: .table(table))
    }

    private func removeRuns(_ invocation: Invocation, _ ledger: LedgerSession) throws -> CommandResult {
        if let before = try ledgerTime("before", of: invocation) {
            let count = withLedger { try $0.ledger.remove(before: before) } ?? 0
            return CommandResult(value: .number(Number(count)), presentation: .line("removed \(count) run\(count == 1 ? "" : "s") sent before \(before)"))
        }
        let ids = invocation.positionals.dropFirst()
        guard !ids.isEmpty else {
            throw ScriptError("runs rm needs a job id (or --before=WHEN)", hint: "runs rm job_123, runs rm --before=90d", at: invocation.location)
        }
        var removed = 0
        for word in ids {
            let id = word.value.text.hasPrefix("#") ? String(word.value.text.dropFirst()) : word.value.text
            guard withLedger({ try $0.ledger.remove(id) }) == true else {
                throw ScriptError("the ledger holds no run \(word.value.text)", hint: "runs lists them", at: word.location)
            }
            removed += 1
        }
        return CommandResult(value: .number(Number(removed)), presentation: .line("removed \(removed) run\(removed == 1 ? "" : "s")"))
    }

    /// `2026-12-02T18:40:00.123Z` → `2026-12-02 18:40`.
    static func shortTime(_ time: String) -> String {
        let characters = Array(time)
        guard characters.count >= 16 else { return time }
        return String(characters[0..<10]) + " " + String(characters[11..<16])
    }
}
