import ArmoxAPI

/// `logout`
enum LogoutCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "logout", group: .account, synopsis: "logout",
        summary: "Remove the key stored for this server.",
        flags: [], takesKeyValues: false, maxPositionals: 0, details: "",
        examples: ["logout"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try evaluator.logout(invocation)
    }

    /// It would ask the server or change something outside the session: its result is known only at run time.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        evaluator.unknownResult(of: invocation)
    }
}

extension Evaluator {
    /// `logout`: forgets the key stored for this session's server (the
    /// session keeps the key it holds until it ends).
    func logout(_ invocation: Invocation) throws -> CommandResult {
        guard let credentials = host.credentials else {
            throw ScriptError("this session runs against the built-in sandbox, which needs no key", at: invocation.location)
        }
        do {
            let (removed, message, note) = try KeyLogin.logout(
                from: credentials, baseURL: client.configuration.baseURL, environment: session.environment)
            return CommandResult(value: .bool(removed), presentation: .text(([message] + [note].compactMap { $0 }).joined(separator: "\n")), textOnly: true)
        } catch {
            throw ScriptError("\(error)", at: invocation.location)
        }
    }
}
