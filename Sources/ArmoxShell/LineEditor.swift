import CLibEdit
import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line input through libedit: emacs keys, Ctrl-R search, in-memory history,
/// TAB completion, Ctrl-C that abandons the line.
///
/// libedit is not thread-safe and blocks while it reads, so every call into
/// it happens on the `TerminalThread`, never on Swift's cooperative pool (two
/// threads on a two-core machine, serving the in-process sandbox and
/// background refreshes). That
/// confinement is what the `@unchecked Sendable` stands for: the mutable
/// state below is only touched on that thread, either by the methods that
/// hop onto it or by libedit's callbacks, which run inside `el_gets` there.
public final class LineEditor: @unchecked Sendable {
    /// Completes the word before the cursor: (line, cursor as a UTF-8 offset).
    public typealias Complete = @Sendable (String, Int) -> Completion

    private let thread = TerminalThread.shared
    private let editor: OpaquePointer
    private let history: OpaquePointer
    private var prompt: UnsafeMutablePointer<CChar>?
    private var complete: Complete = { _, _ in .none }
    private var interrupted = false
    /// The line and cursor of the last TAB that could not add anything: a
    /// second TAB in the same state lists the candidates.
    private var lastFruitlessTab: (line: String, cursor: Int)?

    /// More candidates than this ask before being listed, as bash does.
    static let listingQuestionThreshold = 100

    public init?(programName: String = "armox", historySize: Int = 1000) {
        TerminalLocale.prepare()
        // Draw on stdout when it is the terminal; else (armox | tee log) on stderr.
        guard let editor = armox_el_init_stdio(programName, isatty(STDOUT_FILENO) == 1 ? 0 : 1) else { return nil }
        guard let history = armox_history_init() else {
            armox_el_end(editor)
            return nil
        }
        self.editor = editor
        self.history = history
        _ = armox_history_set_size(history, Int32(clamping: historySize))
        _ = armox_history_set_unique(history, 1)
        _ = armox_el_set_history(editor, history)
        _ = armox_el_set_editor(editor, "emacs")
        // libedit's own signal handling stays off: its handlers resize and
        // redraw from inside the signal, on whatever thread the kernel picks
        // (the main thread, parked in sigsuspend, takes every signal), and a
        // resize landing during a redraw crashed it in the tests. libedit
        // reads the terminal size again at the start of every line, and
        // TerminalRestore puts the terminal back on SIGTERM, SIGHUP, SIGQUIT.
        _ = armox_el_set_signal(editor, 0)
        TerminalRestore.install()
        // While a line is edited, Ctrl-C is a key (bound below), not SIGINT:
        // the line is abandoned and the session goes on. Outside editing
        // libedit restores the terminal's own modes, so Ctrl-C during a
        // statement is SIGINT again (see InterruptSignal).
        _ = armox_el_setty_edit(editor, "-isig")
        _ = armox_el_set_client_data(editor, Unmanaged.passUnretained(self).toOpaque())
        _ = armox_el_set_prompt(editor) { el in LineEditor.owning(el)?.prompt }
        _ = armox_el_bind_function(editor, "armox-complete", "complete the word", "^I") { el, _ in
            LineEditor.owning(el)?.completeWord() ?? UInt8(CC_ERROR)
        }
        _ = armox_el_bind_function(editor, "armox-interrupt", "abandon the line", "^C") { el, _ in
            LineEditor.owning(el)?.abandonLine() ?? UInt8(CC_ERROR)
        }
    }

    deinit {
        armox_el_end(editor)
        armox_history_end(history)
        free(prompt)
    }

    private static func owning(_ el: OpaquePointer?) -> LineEditor? {
        guard let el, let data = armox_el_client_data(el) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// Reads one line, showing `prompt` and completing with `complete`.
    public func readLine(prompt: String, complete: @escaping Complete) async -> LineEvent {
        await thread.run { self.read(prompt: prompt, complete: complete) }
    }

    /// Adds an entry to the in-memory history (Up, Ctrl-R); consecutive
    /// duplicates collapse.
    public func remember(_ entry: String) {
        thread.sync { _ = armox_history_enter(self.history, entry) }
    }

    private func read(prompt text: String, complete: @escaping Complete) -> LineEvent {
        free(prompt)
        prompt = strdup(text)
        self.complete = complete
        interrupted = false
        lastFruitlessTab = nil
        var count: Int32 = 0
        let raw = armox_el_gets(editor, &count)
        if interrupted { return .interrupted }
        guard let raw, count > 0 else {
            // A signal that broke the read (one libedit does not handle
            // itself) abandons the line; anything else is the end of input.
            return count < 0 && errno == EINTR ? .interrupted : .end
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Ctrl-C: shows `^C` at the end of the line, like a shell, and ends the
    /// read with a pushed-back Enter, so libedit itself moves below the line
    /// (a multi-line one too) before the next prompt.
    private func abandonLine() -> UInt8 {
        interrupted = true
        if let info = el_wline(editor)?.pointee {
            _ = el_cursor(editor, Int32(info.lastchar - info.cursor))
        }
        _ = el_insertstr(editor, "^C")
        el_push(editor, "\n")
        return UInt8(CC_REFRESH)
    }

    /// TAB: insert what all candidates share; a second TAB that cannot add
    /// anything lists them in columns.
    private func completeWord() -> UInt8 {
        guard let (line, cursor) = currentLine() else { return UInt8(CC_ERROR) }
        let completion = complete(line, cursor)
        if let insertion = completion.insertion {
            el_deletestr(editor, Int32(completion.replacing.unicodeScalars.count))
            _ = el_insertstr(editor, insertion)
            // Still ambiguous: the next TAB lists, as in bash.
            lastFruitlessTab = completion.candidates.count > 1 ? currentLine() : nil
            return UInt8(CC_REFRESH)
        }
        guard !completion.candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        if let last = lastFruitlessTab, last.line == line, last.cursor == cursor {
            list(completion.candidates.map(\.display))
            return UInt8(CC_REDISPLAY)
        }
        lastFruitlessTab = (line, cursor)
        return UInt8(CC_REFRESH_BEEP)
    }

    /// The line being edited and the cursor's UTF-8 offset in it.
    private func currentLine() -> (line: String, cursor: Int)? {
        guard let info = el_line(editor)?.pointee, let start = info.buffer else { return nil }
        let line = String(decoding: UnsafeRawBufferPointer(start: start, count: info.lastchar - start), as: UTF8.self)
        return (line, info.cursor - start)
    }

    private func list(_ displays: [String]) {
        if displays.count > Self.listingQuestionThreshold {
            _ = armox_el_print(editor, "\nDisplay all \(displays.count) possibilities? (y or n) ")
            var answer: CChar = 0
            guard el_getc(editor, &answer) == 1, [UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: " ")].contains(UInt8(bitPattern: answer)) else {
                _ = armox_el_print(editor, "\n")
                return
            }
        }
        _ = armox_el_print(editor, "\n" + CandidateColumns.render(displays, width: terminalWidth))
    }

    private var terminalWidth: Int {
        var size = winsize()
        let fd = armox_el_output_fd(editor)
        guard fd >= 0, ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
