import ArmoxRender

/// A command's arguments, evaluated and checked against its `CommandSpec`.
struct Invocation {
    struct Word {
        var value: Value
        var expression: Expression
        var location: SourceLocation

        /// Written as an unquoted word (`google/nano-banana`), not a string or variable.
        var isBareword: Bool {
            if case .bareword = expression.kind { return true }
            return false
        }
    }

    struct Pair {
        var key: String
        var value: Value
        var location: SourceLocation
        var valueLocation: SourceLocation
    }

    let spec: CommandSpec
    let location: SourceLocation
    var positionals: [Word] = []
    var pairs: [Pair] = []
    var flags: [String: (value: Value?, location: SourceLocation)] = [:]
    /// `echo`'s positional and `key=value` words as text, in the order
    /// written, joined by single spaces; empty for every other command.
    /// `echo` reads nothing else of its positional words, so they go only
    /// here, not into `positionals`: one string rather than a `Word` per
    /// word (a one-line script can hold millions).
    var text = ""
    /// True for `echo` (see `text`).
    let collectsText: Bool
    /// How many words `text` holds (an empty word still takes its space).
    private var textWords = 0

    init(spec: CommandSpec, location: SourceLocation) {
        self.spec = spec
        self.location = location
        collectsText = spec.name == "echo"
    }

    var name: String { spec.name }

    /// Appends one word to `text`, after a space unless it is the first.
    mutating func appendText(_ word: String) {
        if textWords > 0 { text.append(" ") }
        text.append(word)
        textWords += 1
    }

    func has(_ flag: String) -> Bool { flags[flag] != nil }

    /// While checking: a word or value known only at run time; the command
    /// is checked then.
    var hasWordsKnownOnlyAtRunTime: Bool {
        positionals.contains { $0.value.isKnownOnlyAtRunTime } || pairs.contains { $0.value.isKnownOnlyAtRunTime }
    }

    func flagValue(_ flag: String) -> Value? { flags[flag]?.value }

    /// A flag's value as seconds (`--timeout=30`, `--timeout=2.5`).
    func seconds(_ flag: String) throws -> Double? {
        guard let (value, location) = flags[flag] else { return nil }
        guard let value else {
            throw ScriptError("--\(flag) needs a number of seconds", hint: "for example --\(flag)=30", at: location)
        }
        return try Self.seconds(value.text, what: "--\(flag)", example: "--\(flag)=30", at: location)
    }

    /// The longest time a statement takes in seconds (`sleep`, `--timeout`):
    /// a year; longer is no plan, and past about 9.2e9 a Duration cannot hold it.
    static let maxSeconds: Double = 31_536_000

    /// `text` as seconds from 0 to `maxSeconds`, or an error naming the range.
    static func seconds(_ text: String, what: String, example: String, at location: SourceLocation) throws -> Double {
        guard let seconds = Double(text), seconds.isFinite, seconds >= 0 else {
            throw ScriptError("\(what) needs a number of seconds", hint: "for example \(example)", at: location)
        }
        guard seconds <= maxSeconds else {
            throw ScriptError(
                "\(what) takes at most \(Int(maxSeconds)) seconds (a year), not \(text)", hint: "for example \(example)", at: location)
        }
        return seconds
    }
}

/// What a command gives back: a value (for `$_` and capture) and, when the
/// command stands alone, how it is shown.
struct CommandResult {
    var value: Value?
    /// The human form (a table, lines, an image), rendered where it lands;
    /// nil means `value.readable`.
    var presentation: Presentation?
    /// The command itself asked for `--json`.
    var jsonRequested = false
    /// Text output that stays text under `--json` (`echo`, `help`).
    var textOnly = false
    /// `read`: where each row of the list came from (see `DataOrigin`).
    var dataOrigin: DataOrigin?

    static let none = CommandResult(value: nil, presentation: .nothing)

    init(value: Value?, presentation: Presentation? = nil, textOnly: Bool = false) {
        self.value = value
        self.presentation = presentation
        self.textOnly = textOnly
    }
}

extension Evaluator {
    /// Evaluates a command's words, checks them against the command's spec,
    /// and runs it.
    func invoke(_ command: Command) async throws -> CommandResult {
        let spec = try Self.checkShape(of: command)
        var invocation = Invocation(spec: spec, location: command.location)
        for argument in command.arguments {
            switch argument.kind {
            case .positional(let expression):
                let value = try evaluate(expression)
                if invocation.collectsText {
                    invocation.appendText(value.text)
                } else {
                    invocation.positionals.append(.init(value: value, expression: expression, location: argument.location))
                }
            case .keyValue(let key, let expression):
                if let earlier = invocation.pairs.first(where: { $0.key == key }) {
                    throw ScriptError(
                        "\(key) is given twice (first at column \(earlier.location.column))", at: argument.location)
                }
                let value = try evaluate(expression)
                invocation.pairs.append(.init(key: key, value: value, location: argument.location, valueLocation: expression.location))
                if invocation.collectsText { invocation.appendText("\(key)=\(value.text)") }
            case .flag(let name, let expression):
                invocation.flags[name] = (try expression.map(evaluate), argument.location)
            }
        }
        var result = try await perform(invocation)
        result.jsonRequested = invocation.has("json")
        return result
    }

    /// Runs the command an invocation names, or, while checking, what its
    /// type does instead.
    func perform(_ invocation: Invocation) async throws -> CommandResult {
        guard let command = CommandRegistry.command(named: invocation.name) else {
            // The parser takes only registered names as commands.
            throw ScriptError("\(invocation.name) is not a command", at: invocation.location)
        }
        if let plan, let checked = try await command.check(invocation, on: self, plan: plan) { return checked }
        return try await command.perform(invocation, on: self)
    }
}
