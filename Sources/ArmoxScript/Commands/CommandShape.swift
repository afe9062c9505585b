extension Evaluator {
    /// The words of `armox` itself that are no statement: typed at the
    /// prompt, the user is told where they belong.
    static let commandLineWords = [
        "check": "armox check FILE, in your shell, prices a script and sends nothing",
        "sandbox": "armox sandbox, in your shell, serves one; armox --sandbox starts a shell on one",
    ]

    /// What can be wrong with a command before any of its words is
    /// evaluated: an unknown name, an unknown flag, a flag's value missing or
    /// extra, `key=value` words to a command that takes none, too many
    /// words. `invoke` asks it first; the whole-entry check asks it of every
    /// command of an entry that it does not walk.
    static func checkShape(of command: Command) throws -> CommandSpec {
        guard let spec = CommandCatalog.byName[command.name] else {
            throw ScriptError(
                "unknown command \"\(command.name)\"",
                hint: commandLineWords[command.name].map { "\(command.name) is a word of armox's command line: \($0)" }
                    ?? Nearest.hint(for: command.name, among: CommandCatalog.names, otherwise: "help lists every command"),
                at: command.location)
        }
        var positionals = 0
        for argument in command.arguments {
            switch argument.kind {
            case .positional:
                if let max = spec.maxPositionals, positionals >= max {
                    throw ScriptError(
                        max == 0 ? "\(spec.name) takes no arguments here" : "too many arguments for \(spec.name)",
                        hint: "usage: \(spec.synopsis)", at: argument.location)
                }
                positionals += 1
            case .keyValue(let key, _):
                guard spec.takesKeyValues else {
                    throw ScriptError(
                        "\(spec.name) takes no key=value arguments",
                        hint: "usage: \(spec.synopsis); to pass the text, quote it: \"\(key)=…\"", at: argument.location)
                }
            case .flag(let name, let expression):
                guard let flag = spec.flag(name) else {
                    let near = Nearest.matches(for: name, among: spec.allFlags.map(\.name))
                    let known = spec.allFlags.map(\.syntax).joined(separator: ", ")
                    throw ScriptError(
                        "\(spec.name) has no flag --\(name)",
                        hint: (near.isEmpty ? "" : "did you mean --\(near[0])? ") + "flags of \(spec.name): \(known)",
                        at: argument.location)
                }
                if flag.valueName != nil && expression == nil {
                    throw ScriptError("--\(name) needs a value", hint: "write \(flag.syntax)", at: argument.location)
                }
                if flag.valueName == nil && expression != nil {
                    throw ScriptError("--\(name) takes no value", hint: "write --\(name)", at: argument.location)
                }
            }
        }
        return spec
    }
}
