import ArgumentParser

/// The options of `armox` itself (before FILE): where to send requests, how
/// to print, what to run.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .long, help: "Use a fresh built-in sandbox (no key, no network).")
    var sandbox = false

    @Option(name: .long, help: "API base URL (overrides ARMOX_BASE_URL).")
    var baseURL: String?

    @Flag(name: .long, help: "Machine-readable JSON output.")
    var json = false

    @Flag(name: .long, help: "Trace HTTP requests to stderr (the key redacted).")
    var verbose = false

    @Flag(name: .long, help: "Validate and price the script, send nothing.")
    var dryRun = false

    @Option(
        name: .long, help: ArgumentHelp("Read the API key from this file (first line).", valueName: "PATH"),
        completion: .file())
    var apiKeyFile: String?

    @Option(name: .long, help: ArgumentHelp("Refuse runs that would spend more than N credits.", valueName: "N"))
    var budget: Int?

    @Flag(name: .long, help: "Reuse the runs an earlier run of this script completed (the run ledger); send the rest.")
    var resume = false

    @Option(name: .customShort("c"), help: ArgumentHelp("Run STATEMENTS and exit.", valueName: "STATEMENTS"))
    var statements: String?

    @Flag(name: .long, help: "Do not run $XDG_CONFIG_HOME/armox/init.armox before the first prompt.")
    var noInit = false
}
