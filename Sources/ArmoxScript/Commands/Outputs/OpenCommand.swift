import ArmoxAPI
import Foundation

/// `open <job|url|list>`
enum OpenCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "open", group: .files, synopsis: "open <job|url|list>",
        summary: "Hand outputs to the desktop opener (xdg-open, open) when there is one; else print the URLs.",
        flags: [], takesKeyValues: false, maxPositionals: 1,
        details: """
            xdg-open is used when it is on PATH and a desktop session is there (DISPLAY or
            WAYLAND_DISPLAY); on macOS, open. armox does not wait for it. Without one (over
            SSH, say) the URLs are printed. Returns the URLs either way.
            """,
        examples: ["open $hero", "open $output", "open [$a, $b]"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.open(invocation)
    }

    /// It would ask the server or change something outside the session: its result is known only at run time.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        evaluator.unknownResult(of: invocation)
    }
}

extension Evaluator {
    /// `open`: each output handed to the host's desktop opener,
    /// or, with none, the URLs printed for the user to take elsewhere. It
    /// returns the URLs either way.
    func open(_ invocation: Invocation) async throws -> CommandResult {
        let (_, urls) = try await namedOutputs(invocation)
        let value = Value.list(urls.map(Value.string))
        guard let opener = host.opener, let program = opener.program(in: session.environment) else { return Self.printed(urls) }
        var lines: [String] = []
        for (index, url) in urls.enumerated() {
            do {
                try opener.start(program, on: url, environment: session.environment)
                lines.append("handed to \((program as NSString).lastPathComponent): \(url)")
            } catch {
                // The rest are printed: the user can still take them elsewhere.
                lines.append("could not start \(program) (\(error.localizedDescription)); the URL\(urls.count - index > 1 ? "s" : ""):")
                lines += urls[index...]
                break
            }
        }
        return CommandResult(value: value, presentation: .lines(lines))
    }
}
