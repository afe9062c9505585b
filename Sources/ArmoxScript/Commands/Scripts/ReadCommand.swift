import ArmoxAPI
import ArmoxRender
import Foundation

/// `read <file>`
enum ReadCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "read", group: .scripts, synopsis: "read <file>",
        summary: "A value from a data file: CSV or TSV rows as objects, a JSON value a line (JSONL), JSON, or lines.",
        flags: [], takesKeyValues: false, maxPositionals: 1,
        details: """
            A .csv or .tsv file's first row names the fields; every field is a string \
            (RFC 4180: quoted fields may hold commas, quotes written twice, and line breaks). \
            Blank lines are skipped. A relative path is resolved against the folder of the \
            script that reads it. Files are capped at 16 MiB. Reading sends nothing, so \
            check reads the file too: a bad row is an error (prompts.csv:3: error: …) \
            before anything is sent, and a loop over the rows is priced row by row.
            """,
        examples: ["rows = read prompts.csv", "for r in $rows { run $r.prompt aspect_ratio=$r.ratio --detach }", "prompts = read prompts.txt"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try evaluator.read(invocation)
    }

    /// Reading sends nothing: the check reads the file as the run will. A
    /// path known only at run time is read then.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        invocation.hasWordsKnownOnlyAtRunTime ? evaluator.unknownResult(of: invocation) : nil
    }
}

extension Evaluator {
    func read(_ invocation: Invocation) throws -> CommandResult {
        guard let word = invocation.positionals.first else {
            throw ScriptError("read needs a file", hint: "rows = read prompts.csv", at: invocation.location)
        }
        let typed = session.expandingTilde(word.value.text)
        let folder = sourceFolders.last ?? workingDirectory
        let name = typed.hasPrefix("/") || folder == workingDirectory ? typed : folder + "/" + typed
        let absolute = name.hasPrefix("/") ? name : workingDirectory + "/" + name
        let file: DataFile
        if let checked = checkedReads[absolute] {
            // What the check read is what runs, even if the file changed since.
            file = checked
        } else {
            file = try readData(named: name, at: absolute, from: word.location, folder: folder)
            if plan != nil, entryDepth > 0 { checkedReads[absolute] = file }
        }
        var result = CommandResult(value: file.value, presentation: Self.presentation(of: file))
        result.dataOrigin = file.origin
        return result
    }

    private func readData(named name: String, at absolute: String, from location: SourceLocation, folder: String) throws -> DataFile {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder), isFolder.boolValue {
            throw ScriptError("\(name) is a folder, not a data file", hint: "read names a .csv, .tsv, .jsonl, .json or text file", at: location)
        }
        let data: Data?
        do {
            data = try ScriptInput.read(path: absolute, cap: DataFile.maxBytes) { DataFile.tooLarge(name, bytes: $0) }
        } catch var error as ScriptError {
            error.location = location
            throw error
        }
        guard let data else {
            throw ScriptError(
                "cannot read \(name)",
                hint: folder == workingDirectory ? "check the path and its permissions" : "a relative path starts from \(folder)",
                at: location)
        }
        do {
            return try DataFile.parse(data, named: name, format: DataFile.Format(path: name))
        } catch var error as ScriptError {
            if let place = error.location, place.file == name {
                error.sourceLine = SourceText(name: name, text: String(decoding: data.prefix(DataFile.maxBytes), as: UTF8.self)).line(place.line)
            }
            error.note = "read at \(location)"
            throw error
        }
    }

    /// A table of a CSV's rows when `read` stands alone; other files print as values.
    static func presentation(of file: DataFile) -> Presentation? {
        guard let headers = file.columns, case .list(let rows) = file.value, !rows.isEmpty else { return nil }
        let cells = rows.map { row in
            headers.map { key -> String in
                guard case .object(let fields) = row else { return "" }
                return fields[key]?.text ?? ""
            }
        }
        return .table(TextTable(headers: headers, rows: cells, rightAligned: [], shrinkable: Set(headers.indices)))
    }
}
