import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` into the armox target before each build: the
/// git commit the sources are at (`--version` prints it), or nil when they
/// are not a git checkout. The file is rewritten only when the commit
/// changes, so an unchanged checkout recompiles nothing.
@main
struct ArmoxBuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("Generated")
        let script = #"""
            set -u
            mkdir -p "$2"
            commit=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null || true)
            if [ -n "$commit" ] && [ -n "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
              commit="$commit+changes"
            fi
            if [ -n "$commit" ]; then value="\"$commit\""; else value="nil"; fi
            text="/// The git commit armox was built from (nil outside a checkout); see Plugins/ArmoxBuildInfo.
            let buildCommit: String? = $value"
            if [ "$(cat "$2/BuildInfo.swift" 2>/dev/null)" != "$text" ]; then
              printf '%s\n' "$text" > "$2/BuildInfo.swift.new" && mv "$2/BuildInfo.swift.new" "$2/BuildInfo.swift"
            fi
            """#
        return [
            .prebuildCommand(
                displayName: "armox build info (git commit)", executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "sh", context.package.directoryURL.path, output.path], outputFilesDirectory: output)
        ]
    }
}
