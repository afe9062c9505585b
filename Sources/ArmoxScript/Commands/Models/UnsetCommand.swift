import ArmoxAPI

/// `unset key … | unset --all`
enum UnsetCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "unset", group: .models, synopsis: "unset key … | unset --all",
        summary: "Remove session defaults of the current model.",
        flags: [.init("all", nil, "remove every default of the current model")],
        takesKeyValues: false, maxPositionals: nil, details: "",
        examples: ["unset aspect_ratio", "unset --all"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.unsetDefaults(invocation)
    }

    /// A model or words known only at run time: its result is too; else it runs (it sends nothing).
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        if invocation.hasWordsKnownOnlyAtRunTime || evaluator.session.currentModelIsKnownOnlyAtRunTime {
            return evaluator.unknownResult(of: invocation)
        }
        return nil
    }
}

extension Evaluator {
    func unsetDefaults(_ invocation: Invocation) async throws -> CommandResult {
        guard let current = session.currentModel else {
            throw ScriptError("unset needs a current model", hint: "use <model-id> first", at: invocation.location)
        }
        var defaults = session.defaults[current] ?? [:]
        if invocation.has("all") {
            defaults = [:]
        } else {
            guard !invocation.positionals.isEmpty else {
                throw ScriptError("unset needs a key (or --all)", hint: "unset aspect_ratio", at: invocation.location)
            }
            for word in invocation.positionals {
                guard defaults.removeValue(forKey: word.value.text) != nil else {
                    let set = defaults.keys.sorted()
                    throw ScriptError(
                        "\(word.value.text) has no session default for \(current)",
                        hint: set.isEmpty ? "no defaults are set" : "set keys: \(set.joined(separator: ", "))", at: word.location)
                }
            }
        }
        session.defaults[current] = defaults.isEmpty ? nil : defaults
        return CommandResult(value: .object(defaults), presentation: defaults.isEmpty ? .line("\(current): no session defaults") : nil)
    }
}
