import ArmoxAPI
import ArmoxLedger

extension Evaluator {
    /// The ledger, for a command that reads it; a clear error where there is none.
    func requireLedger(for command: String, at location: SourceLocation) throws -> LedgerSession {
        guard let ledger else {
            throw ScriptError(
                "\(command) reads the run ledger, and this session has none",
                hint: "the ledger is off when ARMOX_LEDGER=off, or when its file could not be opened (see the warning at start)",
                at: location)
        }
        return ledger
    }

    /// A `--since`/`--until`/`--before` flag as a ledger time.
    func ledgerTime(_ flag: String, of invocation: Invocation) throws -> String? {
        guard let (value, location) = invocation.flags[flag] else { return nil }
        guard let text = value?.text, let time = LedgerTime.parse(text) else {
            throw ScriptError(
                "--\(flag) takes a time: 30m, 2h, 3d or 2w ago, a day (2026-12-01) or an ISO time (2026-12-01T09:30:00Z)",
                at: location)
        }
        return time
    }

    /// A run of the ledger as the language sees it: the job shape (docs/json.md)
    /// and what only the ledger knows.
    static func ledgerValue(_ run: LedgerRun) -> Value {
        var fields: [String: Value] = [:]
        let job = run.job ?? Job(id: "", status: .other(run.state.rawValue), input: run.input, error: run.error, createdAt: run.sentAt)
        for name in Value.jobFields { fields[name] = Value.jobField(job, name) }
        if run.jobID == nil { fields["id"] = .null }
        if run.kind == .model { fields["model"] = .string(run.subject) } else { fields["app_id"] = .string(run.subject) }
        fields["status"] = .string(ledgerStatus(run))
        fields["prompt"] = run.prompt.map(Value.string) ?? .null
        fields["source"] = .string(run.source)
        fields["script"] = run.script.map(Value.string) ?? .null
        fields["session"] = .string(run.session)
        fields["server"] = .string(run.server)
        fields["state"] = .string(run.state.rawValue)
        fields["sent_at"] = .string(run.sentAt)
        fields["estimated_cost"] = run.estimatedCost.map { .number(Number($0)) } ?? .null
        fields["credits_refunded"] = .number(Number(run.creditsRefunded))
        fields["webhook"] = run.webhook.map(Value.string) ?? .null
        fields["ledger_id"] = .number(Number(Int(run.id)))
        fields["downloads"] = .list(run.downloads.map { download in
            .object([
                "url": .string(download.url), "path": .string(download.path), "size": .number(Number(download.size)),
                "sha256": .string(download.sha256), "at": .string(download.at),
            ])
        })
        return .object(fields)
    }

    /// What a run's STATUS reads: its job's status, or where the run stands
    /// when no job is known (`uncertain`: it may have been accepted).
    static func ledgerStatus(_ run: LedgerRun) -> String {
        if run.mayHaveBeenAccepted { return "uncertain" }
        if run.state == .refused { return "refused" }
        return run.status ?? "pending"
    }
}
