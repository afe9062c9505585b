/// What a command accepts and how `help` describes it.
public struct CommandSpec: Sendable {
    public enum Group: String, Sendable, CaseIterable {
        case models = "Models"
        case runs = "Runs and jobs"
        case ledger = "The run ledger"
        case apps = "Apps"
        case files = "Outputs"
        case session = "Session"
        case scripts = "Scripts and output"
        case account = "Account"
    }

    public struct Flag: Sendable {
        public var name: String
        /// nil: a switch (`--detach`); else the value's name (`--timeout=S`).
        public var valueName: String?
        public var help: String

        public init(_ name: String, _ valueName: String? = nil, _ help: String) {
            self.name = name
            self.valueName = valueName
            self.help = help
        }

        public var syntax: String { "--\(name)" + (valueName.map { "=\($0)" } ?? "") }
    }

    public var name: String
    public var group: Group
    public var synopsis: String
    public var summary: String
    public var flags: [Flag]
    /// Whether `key=value` words are arguments of this command.
    public var takesKeyValues: Bool
    /// The most positional words it takes (nil: any number).
    public var maxPositionals: Int?
    public var details: String
    public var examples: [String]

    /// `--json` is accepted by every command that returns data.
    static let jsonFlag = Flag("json", nil, "print the result as JSON")

    public var allFlags: [Flag] { flags.contains { $0.name == "json" } ? flags : flags + [Self.jsonFlag] }

    public func flag(_ name: String) -> Flag? {
        allFlags.first { $0.name == name }
    }

    /// `help <command>`: syntax, what it does, flags, examples.
    public var helpText: String {
        var text = "\(synopsis)\n\n\(summary)\n"
        if !details.isEmpty { text += "\n" + details + "\n" }
        if !flags.isEmpty {
            text += "\nflags:\n"
            let width = flags.map { $0.syntax.count }.max() ?? 0
            for flag in flags {
                text += "  " + flag.syntax + String(repeating: " ", count: width - flag.syntax.count) + "  " + flag.help + "\n"
            }
        }
        text += "\nexample" + (examples.count > 1 ? "s" : "") + ":\n"
        text += examples.map { "  " + $0 }.joined(separator: "\n") + "\n"
        return text
    }
}
