import ArmoxAPI
import ArmoxRender
import ArmoxScript
import Foundation

/// The interactive loop: read a statement (over several lines while a string,
/// list or block is open), hand it to the evaluator, print what went wrong,
/// go on.
///
/// - Ctrl-C while typing abandons the statement; while one runs, it stops
///   that statement (a job it started keeps running and stays in the session).
/// - Ctrl-D on an empty line ends the session with status 0.
/// - Every complete statement enters the history (memory and file) as it is
///   entered, unless it holds something that looks like an API key.
///
/// The evaluator is made with this prompt in its host (`REPL.host`): the
/// same entries and catalogue store the loop keeps.
public struct REPL {
    let evaluator: Evaluator
    let banner: String?
    let historyFile: HistoryFile?
    let entries: PromptEntries
    let catalogue: CatalogueStore
    /// A line to show once before a prompt (the ledger's pending jobs), read
    /// off the start path: it is shown before the first prompt drawn after it
    /// is ready, so a slow read never delays the prompt.
    let notice: (@Sendable () -> String?)?
    /// Run before the first prompt when it exists (`init.armox`): its
    /// errors are reported with their place and the session starts anyway.
    let initFile: String?

    public init(
        evaluator: Evaluator, banner: String? = nil, historyFile: HistoryFile?, entries: PromptEntries, catalogue: CatalogueStore,
        notice: (@Sendable () -> String?)? = nil, initFile: String? = nil
    ) {
        self.evaluator = evaluator
        self.banner = banner
        self.historyFile = historyFile
        self.entries = entries
        self.catalogue = catalogue
        self.notice = notice
        self.initFile = initFile
    }

    /// `host` with the prompt's parts: `entries` for `history` and `record`,
    /// and `catalogue` told of every fetch, so completion stays as fresh as
    /// what the evaluator saw.
    public static func host(_ host: EvaluatorHost, entries: PromptEntries, catalogue: CatalogueStore) -> EvaluatorHost {
        var host = host
        host.prompt = entries
        host.catalogueObserver = { [catalogue] update in catalogue.update(update) }
        return host
    }

    public func run() async -> ExitStatus {
        let output = evaluator.output
        guard let editor = LineEditor(historySize: historyFile?.limit ?? HistoryFile.defaultLimit) else {
            output.err("armox: cannot start the line editor\n")
            return .usage
        }
        let interrupts = InterruptSignal.install()
        let refresh = Task { [catalogue, client = evaluator.client] in await catalogue.load(refreshingWith: client) }
        defer { refresh.cancel() }
        let pending = PendingNotice(notice)
        entries.replace(with: loadHistory(into: editor))
        if let banner { output.err(banner) }
        if let initFile, FileManager.default.fileExists(atPath: initFile),
            let exit = await runEntry(interrupts, { try await $0.runFile(at: initFile) })
        {
            await finish(refresh)
            return exit
        }

        var buffer = ""
        var warnedAboutHistory = false
        var first = true
        while true {
            if buffer.isEmpty, let line = pending.take(waitingUpTo: first ? PendingNotice.firstPromptWait : nil) {
                output.err(line)
            }
            first = false
            let base = CompletionSnapshot(evaluator: evaluator)
            let event = await editor.readLine(prompt: buffer.isEmpty ? prompt : "...> ") { [catalogue] line, cursor in
                var snapshot = base
                snapshot.catalogue = catalogue.index
                return Completer.complete(line, cursor: cursor, in: snapshot)
            }
            let line: String
            switch event {
            case .end:
                output.err("\n")
                await finish(refresh)
                return .success
            case .interrupted:
                buffer = ""
                continue
            case .line(let text):
                line = text
            }
            buffer += buffer.isEmpty ? line : "\n" + line
            if buffer.trimmingCharacters(in: .whitespaces) == "quit" { break }
            let program: Program
            do {
                program = try evaluator.parse(SourceText(name: "<prompt>", text: buffer))
            } catch let error as ScriptError where error.incomplete {
                continue
            } catch {
                remember(buffer, editor: editor, warned: &warnedAboutHistory)
                output.err(evaluator.report(error))
                buffer = ""
                continue
            }
            remember(buffer, editor: editor, warned: &warnedAboutHistory)
            buffer = ""
            if let exit = await runEntry(interrupts, { try await $0.run(typed: program) }) {
                await finish(refresh)
                return exit
            }
        }
        await finish(refresh)
        return .success
    }

    /// Runs one entry (a statement typed, the init file) with Ctrl-C
    /// stopping it, and prints how it failed; the status when it asked to
    /// end the session (`exit`), else nil.
    private func runEntry(
        _ interrupts: InterruptSignal?, _ body: @escaping @Sendable (Evaluator) async throws -> Void
    ) async -> ExitStatus? {
        let output = evaluator.output
        do {
            let handoff = Handoff(evaluator)
            if let interrupts {
                try await interrupts.run { try await body(handoff.evaluator) }
            } else {
                try await body(evaluator)
            }
        } catch let exit as ExitRequest {
            return ExitStatus(rawValue: exit.code)
        } catch is CancellationError {
            output.err(interruptedNote)
        } catch {
            output.err(evaluator.report(error))
        }
        return nil
    }

    /// `armox> `, or `armox google/veo-3> ` with a current model (a
    /// catalogue id, shown through `TerminalText`).
    var prompt: String {
        evaluator.session.currentModel.map { "armox \(TerminalText.printable($0))> " } ?? "armox> "
    }

    /// What Ctrl-C during a statement left behind: the jobs still running.
    var interruptedNote: String { evaluator.interruptedNote() }

    private func loadHistory(into editor: LineEditor) -> [String] {
        guard let historyFile else { return [] }
        do {
            let entries = try historyFile.load()
            for entry in entries { editor.remember(entry) }
            return entries
        } catch {
            evaluator.output.err("armox: history not read from \(historyFile.path): \(error)\n")
            return []
        }
    }

    /// Keeps a complete statement in the history, unless it is blank, repeats
    /// the previous entry, or holds what looks like an API key.
    private func remember(_ entry: String, editor: LineEditor, warned: inout Bool) {
        guard !entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
            !APIKeyRedaction.containsKeyLikeText(entry), entries.entries.last != entry
        else { return }
        entries.append(entry)
        editor.remember(entry)
        do {
            try historyFile?.append(entry)
        } catch {
            // Say so once; the session goes on with its in-memory history.
            if !warned, let historyFile {
                evaluator.output.err("armox: history not saved to \(historyFile.path): \(error)\n")
            }
            warned = true
        }
    }

    /// Stops the background catalogue refresh before the client shuts down.
    private func finish(_ refresh: Task<Void, Never>) async {
        refresh.cancel()
        await refresh.value
    }
}

/// The evaluator handed to the task that runs one statement (or a script),
/// so Ctrl-C can cancel that task. Unchecked because the evaluator is not
/// Sendable; it is safe because whoever hands it over awaits that task
/// before it touches the evaluator again: one task uses it at a time.
public struct Handoff: @unchecked Sendable {
    public let evaluator: Evaluator
    public init(_ evaluator: Evaluator) { self.evaluator = evaluator }
}
