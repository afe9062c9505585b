import ArmoxAPI
import Foundation

extension Evaluator {
    /// The name the prompt gives its source, as errors show it.
    public static let promptSourceName = "<prompt>"

    /// Commands that only look (not assigned to anything): a replay would
    /// print them again for nobody, and `history`/`login` cannot run in a script.
    static let unrecorded: Set<String> = [
        "record", "history", "help", "login", "logout", "exit", "vars", "models", "model", "settings", "apps", "app",
        "account", "jobs", "job", "preview", "clear",
    ]

    /// The header comment, then what the session already holds (current
    /// model, setting defaults, your variables), so the statements that
    /// follow replay in the same context.
    func recordingHeader(file: String) -> String {
        let date = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
        var lines = [
            "#!/usr/bin/env armox",
            "# Recorded by armox \(ArmoxClient.version) on \(date) against \(client.configuration.baseURL).",
            "# Replay: armox \(file) (its runs run, and spend, again; armox check \(file) prices them first).",
        ]
        var context: [String] = []
        if let model = session.currentModel { context.append("use \(model)") }
        for (model, values) in session.defaults.sorted(by: { $0.key < $1.key }) where !values.isEmpty {
            let pairs = values.sorted { $0.key < $1.key }.compactMap { key, value in value.literal.map { "\(key)=\($0)" } }
            if model == session.currentModel, !pairs.isEmpty { context.append("set " + pairs.joined(separator: " ")) }
        }
        // A job value is the session's record of it: one started with --detach has its outputs by now.
        for (name, value) in session.userVariables.sorted(by: { $0.key < $1.key }) {
            guard let literal = value.literal, !APIKeyRedaction.containsKeyLikeText(literal) else {
                context.append("# $\(name) (\(value.kindName)) has no literal form and is not set here")
                continue
            }
            var line = "\(name) = \(literal)"
            if case .job(let job) = value { line += "  # job \(job.id): its first output" }
            context.append(line)
        }
        if !context.isEmpty { lines += ["", "# The session before the recording:"] + context + [""] }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Called after each statement typed at the prompt succeeds.
    func noteSucceeded(_ statement: Statement, at index: Int, of program: Program) {
        guard let recorder, sourceFolders.isEmpty else { return }
        if case .command(let command) = statement, Self.unrecorded.contains(command.name) { return }
        let text = Self.text(of: index, in: program)
        // A line holding a key is never written, as it never enters history.
        guard !text.isEmpty, !APIKeyRedaction.containsKeyLikeText(text), keys.scrub(text) == text else { return }
        recorder.append(statement: text)
    }

    /// The source of the `index`th top-level statement: from its start to the
    /// next one's, without the `;` or blank space between them.
    static func text(of index: Int, in program: Program) -> String {
        let source = program.source.text
        func offset(_ location: SourceLocation) -> String.Index {
            var line = 1
            var index = source.unicodeScalars.startIndex
            while line < location.line, index < source.unicodeScalars.endIndex {
                if source.unicodeScalars[index] == "\n" { line += 1 }
                index = source.unicodeScalars.index(after: index)
            }
            return source.unicodeScalars.index(index, offsetBy: location.column - 1, limitedBy: source.unicodeScalars.endIndex) ?? source.unicodeScalars.endIndex
        }
        let statements = program.statements
        let start = offset(statements[index].location)
        let end = index + 1 < statements.count ? offset(statements[index + 1].location) : source.endIndex
        guard start < end else { return "" }
        var text = String(source[start..<end])
        while let last = text.last, last.isWhitespace || last == ";" { text.removeLast() }
        return text
    }
}
