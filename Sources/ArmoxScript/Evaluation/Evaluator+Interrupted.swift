import ArmoxRender

extension Evaluator {
    /// What an interrupt (Ctrl-C at the prompt, or a signal that ends a
    /// script) left behind: the session's jobs still running, which variable
    /// holds the last, and how to get at them. The terminal echoed `^C`, so
    /// the note starts on a line of its own. Ids and models are a server's
    /// text, shown through `TerminalText`.
    public func interruptedNote() -> String {
        let running = session.startedJobs.compactMap { session.jobs[$0] }.filter { !$0.status.isTerminal }
        guard !running.isEmpty else { return "\ninterrupted\n" }
        let list = TerminalText.printable(running.map { "\($0.id) (\($0.model ?? $0.appName ?? "?"))" }.joined(separator: ", "))
        let them = running.count == 1 ? "it" : "them"
        var held = ""
        if case .job(let last)? = session.variables["job"], running.contains(where: { $0.id == last.id }) {
            held = running.count == 1 ? "$job holds it; " : "$job holds the last; "
        }
        return "\ninterrupted: stopped waiting; still running: \(list)\n(\(held)wait resumes, jobs --session lists \(them), cancel --all stops \(them))\n"
    }

    /// The same for a script, which has no prompt to resume at: the ids to
    /// wait on from another session.
    public func scriptInterruptedNote() -> String {
        let running = session.startedJobs.compactMap { session.jobs[$0] }.filter { !$0.status.isTerminal }
        guard !running.isEmpty else { return "\ninterrupted\n" }
        let list = TerminalText.printable(running.map { "\($0.id) (\($0.model ?? $0.appName ?? "?"))" }.joined(separator: ", "))
        let ids = TerminalText.printable(running.map(\.id).joined(separator: " "))
        return "\ninterrupted: still running: \(list)\n(the jobs go on: armox -c 'wait \(ids)' waits for \(running.count == 1 ? "it" : "them"))\n"
    }
}
