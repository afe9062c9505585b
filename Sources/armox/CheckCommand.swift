import ArgumentParser

/// `armox check FILE`: `Main` turns the word into `--dry-run` before the
/// root command parses anything, so this type is never run from the command
/// line; it gives `check` its line in `armox --help` and its place in the
/// shell completion scripts (where FILE completes `.armox` files).
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        _superCommandName: "armox",
        abstract: "Validate and price a script, spending nothing (--dry-run).",
        discussion: "Options of armox go before or after the word: armox --sandbox check --json plan.armox"
    )

    @Flag(name: .long, help: "Print the plan as one JSON object.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Also fail when the sure runs pass N credits.", valueName: "N"))
    var budget: Int?

    @Argument(help: ArgumentHelp("The .armox script to check.", valueName: "FILE"), completion: .file(extensions: ["armox"]))
    var file: String?

    /// Reached only if `Main` did not see the word (it always does): the same
    /// check through the root command.
    func run() async throws {
        var arguments = ["--dry-run"]
        if json { arguments.append("--json") }
        if let budget { arguments += ["--budget", String(budget)] }
        if let file { arguments.append(file) }
        var command = try Armox.parseAsRoot(arguments)
        if var asyncCommand = command as? AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }
}
