import ArmoxRender
import Foundation

/// The specs of every command (each held beside its command in
/// `Commands/<Group>/`, listed by `CommandRegistry`), and the `help` overview.
public enum CommandCatalog {
    public static let all: [CommandSpec] = CommandRegistry.commands.map { $0.spec }

    public static let byName: [String: CommandSpec] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
    public static let names: [String] = all.map(\.name)

    /// `help`: every command by group, with its one-line summary.
    public static var overview: String { overview(width: nil) }

    /// The overview with each summary cut (with "…") to fit `width` columns, when given.
    public static func overview(width: Int?) -> String {
        var text = "armox commands (help <command> for syntax, flags and examples):\n"
        for group in CommandSpec.Group.allCases {
            let specs = all.filter { $0.group == group }
            guard !specs.isEmpty else { continue }
            text += "\n\(group.rawValue):\n"
            for spec in specs {
                let name = spec.name.padding(toLength: 10, withPad: " ", startingAt: 0)
                var summary = String(spec.summary.prefix { $0 != "." })
                if let width { summary = DisplayWidth.truncated(summary, to: max(20, width - 12)) }
                text += "  \(name)\(summary)\n"
            }
        }
        text += """

            Language: words, "strings with $vars", [lists], key=value, --flags; x = run …;
            for x in [a, b] { … }; if $x == y { … } else { … }; # comments. See docs/language.md.
            """
        return text + "\n"
    }
}

/// The names of every command, for the parser (to tell `x = run …` from
/// `x = value`) and for "did you mean" hints.
public enum CommandNames {
    public static let all: [String] = CommandCatalog.names
    public static let set: Set<String> = Set(all)
}
