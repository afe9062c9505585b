import ArmoxScript

/// The prompt's history as the evaluator sees it (`history`, `record`):
/// the REPL appends each entry as it is kept.
public final class PromptEntries: PromptHistory {
    public internal(set) var entries: [String] = []

    public init() {}
}
