import CLibEdit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The prompt libedit asks for through a C function pointer, which cannot
/// capture Swift state. One editor exists per process (libedit owns the
/// terminal), so one prompt cell suffices; it is only touched on the thread
/// that runs the read loop.
nonisolated(unsafe) private var currentPrompt: UnsafeMutablePointer<CChar>? = strdup("armox> ")

private func promptCallback(_: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
    currentPrompt
}

/// Line input through libedit: emacs keys, in-memory history.
/// Not Sendable: it belongs to the one task that reads the terminal.
public final class LineEditor {
    private let editor: OpaquePointer
    private let history: OpaquePointer

    public init?(programName: String = "armox") {
        TerminalLocale.prepare()
        guard let editor = armox_el_init_stdio(programName) else { return nil }
        guard let history = armox_history_init() else {
            armox_el_end(editor)
            return nil
        }
        self.editor = editor
        self.history = history
        _ = armox_history_set_size(history, 1000)
        _ = armox_history_set_unique(history, 1)
        _ = armox_el_set_history(editor, history)
        _ = armox_el_set_editor(editor, "emacs")
        // libedit restores the terminal and re-raises on signals it catches.
        _ = armox_el_set_signal(editor, 1)
        _ = armox_el_set_prompt(editor, promptCallback)
    }

    deinit {
        armox_el_end(editor)
        armox_history_end(history)
    }

    public func setPrompt(_ prompt: String) {
        free(currentPrompt)
        currentPrompt = strdup(prompt)
    }

    /// The next line without its newline, or nil at end of input (Ctrl-D).
    public func readLine() -> String? {
        var count: Int32 = 0
        guard let raw = armox_el_gets(editor, &count), count > 0 else { return nil }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return line
    }

    public func addToHistory(_ line: String) {
        _ = armox_history_enter(history, line)
    }
}
