import ArmoxAPI
import ArmoxRender

extension RunPlan {
    /// One line of the report: the runs of one statement under one condition.
    struct Row {
        var run: Run
        var count: Int
    }

    /// Runs grouped by statement, in the order first met: a `run` in a loop
    /// over a literal list of three is one row with count 3.
    var rows: [Row] {
        var rows: [Row] = []
        for run in runs where run.valid {
            if let index = rows.firstIndex(where: {
                $0.run.location == run.location && $0.run.condition == run.condition && $0.run.subject == run.subject
                    && ($0.run.reusedJob == nil) == (run.reusedJob == nil)
            }) {
                rows[index].count += 1
            } else {
                rows.append(Row(run: run, count: 1))
            }
        }
        return rows
    }

    /// The refused runs (and whatever stopped the check), printed the way
    /// every script error prints, coloured when stderr takes colour;
    /// `armox check` writes them to stderr.
    public func renderedErrors(colour: Bool = false) -> String {
        errors.map { $0.rendered(colour: colour) }.joined()
    }

    /// The report `armox check` prints on stdout: a table of the runs, then
    /// the totals. With `style`, the table fits the terminal (the WHEN
    /// explanation is cut first; locations and model ids never are).
    public func rendered(name: String, style: OutputStyle = .plain) -> String {
        var text = ""
        let rows = self.rows
        if rows.isEmpty {
            text += "\(name): no runs\n"
        } else {
            let table = TextTable(
                headers: ["WHERE", "RUN", "TIMES", "EACH", "CREDITS", "WHEN"],
                rows: rows.map { row in
                    [
                        "\(row.run.location.line):\(row.run.location.column)",
                        row.run.subject.map { row.run.command == "run-app" ? "app \($0)" : $0 } ?? "(known at run time)",
                        row.run.condition.isRepeat ? "?" : String(row.count),
                        row.run.reusedJob == nil ? row.run.cost.map(String.init) ?? "?" : "0",
                        row.run.reusedJob == nil ? row.run.cost.map { row.run.condition.isRepeat ? "?" : String($0 * row.count) } ?? "?" : "0",
                        row.run.reusedJob == nil ? row.run.condition.explanation
                            : "reused by --resume (\(row.count == 1 ? row.run.reusedJob ?? "" : "earlier jobs"))",
                    ]
                }, rightAligned: [2, 3, 4], shrinkable: [5])
            text += Presentation.table(table).rendered(in: style)
        }
        var seen = Set<SourceLocation>()
        for entry in unlisted where seen.insert(entry.location).inserted {
            text += "note: \(entry.location.line):\(entry.location.column) sends keys the catalogue does not list, as written: \(entry.keys.joined(separator: ", "))\n"
        }
        text += summary(name: name) + "\n"
        return text
    }

    /// The last line: what the script spends for sure, what it may spend, and
    /// whether it is valid and within the budget.
    func summary(name: String) -> String {
        let certain = runs.filter { $0.valid && $0.condition == .always && $0.reusedJob == nil }.count
        var parts = ["\(name): \(certain) run\(certain == 1 ? "" : "s"), \(certainCredits) credits"]
        if reusedRuns > 0 { parts.append("\(reusedRuns) reused from an earlier run (--resume), 0 credits") }
        let maybe = runs.filter { $0.valid && $0.condition != .always && $0.reusedJob == nil }.count
        if maybe > 0 { parts.append("up to \(possibleCredits) more for \(maybe) conditional or repeated run\(maybe == 1 ? "" : "s")") }
        if unpricedRuns > 0 { parts.append("\(unpricedRuns) run\(unpricedRuns == 1 ? "" : "s") of unknown cost") }
        if let budget { parts.append(exceedsBudget ? "OVER the \(budget)-credit budget" : "within the \(budget)-credit budget") }
        let verdict = isValid ? "nothing sent" : "\(errors.count) error\(errors.count == 1 ? "" : "s"); nothing sent"
        return parts.joined(separator: "; ") + " (\(verdict))"
    }

    /// The `--json` form (field names are part of the interface, documented
    /// in docs/scripts.md, "Checking a script before it spends").
    public var json: JSONValue {
        func location(_ l: SourceLocation) -> [String: JSONValue] {
            ["file": .string(l.file), "line": .number(Double(l.line)), "column": .number(Double(l.column))]
        }
        let runs: [JSONValue] = rows.map { row in
            var fields = location(row.run.location)
            fields["command"] = .string(row.run.command)
            fields[row.run.command == "run-app" ? "app" : "model"] = row.run.subject.map(JSONValue.string) ?? .null
            fields["count"] = row.run.condition.isRepeat ? .null : .number(Double(row.count))
            fields["cost"] = row.run.cost.map { .number(Double($0)) } ?? .null
            fields["credits"] = row.run.reusedJob != nil ? .number(0)
                : row.run.cost.flatMap { row.run.condition.isRepeat ? nil : JSONValue.number(Double($0 * row.count)) } ?? .null
            fields["reused"] = .bool(row.run.reusedJob != nil)
            if row.count == 1, let job = row.run.reusedJob { fields["reused_job"] = .string(job) }
            switch row.run.condition {
            case .always: fields["when"] = .string("always")
            case .onlyIf(let at): fields["when"] = .string("conditional"); fields["condition"] = .object(location(at))
            case .repeatsUnknown(let at): fields["when"] = .string("repeats"); fields["condition"] = .object(location(at))
            }
            return .object(fields)
        }
        let errors: [JSONValue] = self.errors.map { error in
            var fields = error.location.map(location) ?? [:]
            fields["message"] = .string(error.message)
            fields["hint"] = error.hint.map(JSONValue.string) ?? .null
            return .object(fields)
        }
        return .object([
            "valid": .bool(isValid),
            "runs": .array(runs),
            "credits": .number(Double(certainCredits)),
            "possible_credits": .number(Double(possibleCredits)),
            "unpriced_runs": .number(Double(unpricedRuns)),
            "reused_runs": .number(Double(reusedRuns)),
            "budget": budget.map { .number(Double($0)) } ?? .null,
            "within_budget": budget == nil ? .null : .bool(!exceedsBudget),
            "errors": .array(errors),
            "unlisted": .array(unlisted.map { entry in
                var fields = location(entry.location)
                fields["keys"] = .array(entry.keys.map(JSONValue.string))
                return .object(fields)
            }),
        ])
    }
}

extension RunPlan.Condition {
    var isRepeat: Bool {
        if case .repeatsUnknown = self { return true }
        return false
    }

    var explanation: String {
        switch self {
        case .always: return ""
        case .onlyIf(let at): return "only if the condition at \(at.line):\(at.column) holds"
        case .repeatsUnknown(let at): return "once per item of the list at \(at.line):\(at.column), known at run time"
        }
    }
}
