/// The interactive prompt, as the evaluator sees it: what was typed so far,
/// oldest first. Its presence in the host is what lets `history` and
/// `record` work; the REPL appends each entry as it keeps it.
public final class PromptEntries {
    public internal(set) var entries: [String]

    public init(_ entries: [String] = []) {
        self.entries = entries
    }

    public func append(_ entry: String) {
        entries.append(entry)
    }

    public func replace(with entries: [String]) {
        self.entries = entries
    }
}
