import ArmoxAPI
import Foundation

extension Evaluator {
    func echo(_ invocation: Invocation) -> CommandResult {
        CommandResult(value: .string(invocation.text), display: invocation.text + "\n", textOnly: true)
    }

    func print(_ invocation: Invocation) throws -> CommandResult {
        guard let word = invocation.positionals.first else {
            guard let last = session.variables["_"] else {
                throw ScriptError("print needs a value", hint: "print $hero", at: invocation.location)
            }
            return CommandResult(value: last)
        }
        return CommandResult(value: word.value)
    }

    func vars(_ invocation: Invocation) -> CommandResult {
        func short(_ value: Value) -> String {
            let text: String
            switch value {
            case .job(let job): text = "job \(job.id) (\(session.latest(job).status.rawValue))"
            case .string(let string): text = "\"\(string)\""
            case .list, .object: text = value.jsonText()
            default: text = value.text
            }
            return text.count > 70 ? String(text.prefix(69)) + "…" : text
        }
        let user = session.userVariables
        var rows = user.keys.sorted().map { ["$" + $0, short(user[$0]!)] }
        var own: [(String, Value)] = ["_", "job", "output", "outputs"].compactMap { name in session.variables[name].map { (name, $0) } }
        own.append(("model", session.currentModel.map(Value.string) ?? .null))
        if !session.arguments.isEmpty { own.append(("args", .list(session.arguments.map(Value.string)))) }
        rows += own.map { ["$" + $0.0, short($0.1)] }
        return CommandResult(value: .object(user), display: render(TextTable(headers: ["VARIABLE", "VALUE"], rows: rows, shrinkable: [1])))
    }

    /// `history [N]`: numbered like a shell's; a multi-line entry continues indented.
    func history(_ invocation: Invocation) throws -> CommandResult {
        guard let history = host.prompt?.entries else {
            throw ScriptError("history is kept only at the interactive prompt", hint: "start armox without a script to get one", at: invocation.location)
        }
        var first = 0
        if let word = invocation.positionals.first {
            guard let count = Int(word.value.text), count > 0 else {
                throw ScriptError("history takes a count of entries", hint: "history 20", at: word.location)
            }
            first = max(0, history.count - count)
        }
        let shown = history[first...]
        let width = String(history.count).count
        let lines = shown.enumerated().map { offset, entry in
            let number = String(first + offset + 1)
            let pad = String(repeating: " ", count: width - number.count)
            return "  \(pad)\(number)  " + entry.replacingOccurrences(of: "\n", with: "\n" + String(repeating: " ", count: width + 4))
        }
        return CommandResult(value: .list(shown.map(Value.string)), display: lines.isEmpty ? "no history yet" : lines.joined(separator: "\n"))
    }

    func sleep(_ invocation: Invocation) async throws -> CommandResult {
        try await Task.sleep(for: .seconds(try sleepSeconds(invocation)))
        return .none
    }

    /// `sleep`'s argument, from 0 to a year.
    func sleepSeconds(_ invocation: Invocation) throws -> Double {
        guard let word = invocation.positionals.first else {
            throw ScriptError("sleep needs a number of seconds", hint: "sleep 2.5", at: invocation.location)
        }
        return try Invocation.seconds(word.value.text, what: "sleep", example: "sleep 2.5", at: word.location)
    }

    func exit(_ invocation: Invocation) throws -> CommandResult {
        guard let word = invocation.positionals.first else { throw ExitRequest(code: 0) }
        guard let code = Int32(word.value.text), (0...255).contains(code) else {
            throw ScriptError("exit needs a status from 0 to 255", at: word.location)
        }
        throw ExitRequest(code: code)
    }

    /// Words `armox` takes on the command line that are no statement: `help
    /// check` at the prompt says where they are.
    static let commandsOfTheExecutable: [String: String] = [
        "check": """
            check is run from your shell, not at this prompt: armox check FILE (or armox --dry-run FILE)
            validates and prices a script, sending nothing. armox help check shows its options.
            """,
        "sandbox": """
            sandbox is run from your shell, not at this prompt: armox sandbox serves the built-in
            stand-in of the API; armox --sandbox starts a shell on one. armox help sandbox shows its options.
            """,
    ]

    func help(_ invocation: Invocation) throws -> CommandResult {
        guard let word = invocation.positionals.first else {
            return CommandResult(
                value: .string(CommandCatalog.overview), display: CommandCatalog.overview(width: outputStyle().width), textOnly: true)
        }
        guard let spec = CommandCatalog.byName[word.value.text] else {
            if let outside = Self.commandsOfTheExecutable[word.value.text] {
                return CommandResult(value: .string(outside), display: outside, textOnly: true)
            }
            throw ScriptError(
                "no command \"\(word.value.text)\"",
                hint: Nearest.hint(for: word.value.text, among: CommandCatalog.names, otherwise: "help lists every command"),
                at: word.location)
        }
        return CommandResult(value: .string(spec.helpText), display: spec.helpText, textOnly: true)
    }

    func source(_ invocation: Invocation) async throws -> CommandResult {
        guard let word = invocation.positionals.first else {
            throw ScriptError("source needs a file", hint: "source Examples/01-first-image.armox", at: invocation.location)
        }
        let typed = session.expandingTilde(word.value.text)
        let folder = sourceFolders.last ?? workingDirectory
        let path = typed.hasPrefix("/") ? typed : (folder == workingDirectory ? typed : folder + "/" + typed)
        let absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        guard sourceFolders.count < 32 else {
            throw ScriptError("source is nested more than 32 deep", hint: "does \(typed) source itself?", at: word.location)
        }
        let savedArguments = session.arguments
        if invocation.positionals.count > 1 {
            session.arguments = invocation.positionals.dropFirst().map(\.value.text)
        }
        defer { session.arguments = savedArguments }
        try await runFile(named: path, at: absolute) {
            ScriptError("cannot read \(path)", hint: "a relative path starts from \(folder)", at: word.location)
        }
        return .none
    }
}
