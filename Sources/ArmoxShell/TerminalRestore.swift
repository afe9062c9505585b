import ArmoxHost
import ArmoxRender
import ArmoxScript

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back as it was when armox started, then dies of the
/// signal as it would have:
/// - a crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP), in every
///   mode, first prints one fixed line written from the handler with
///   `write(2)`, holding nothing from the session (so never the key), then
///   takes the default action (a core dump where enabled). Not installed when
///   `SWIFT_BACKTRACE` is set, so whoever asks for the runtime's backtracer gets it;
/// - SIGTERM, SIGHUP and SIGQUIT while libedit holds the terminal in raw
///   mode, or a key is being typed unechoed, must not leave the user's shell raw.
///
/// `write`, `tcsetattr`, `signal` and `raise` are async-signal-safe.
public enum TerminalRestore {
    /// At start: saves the terminal's modes and installs the crash handlers.
    public static func installCrashHandlers(environment: [String: String]) {
        saveModes()
        guard environment["SWIFT_BACKTRACE"] == nil, crashMessage == nil else { return }
        let text = "\narmox: crashed (a bug in armox, not in your script); the terminal is restored. "
            + "Please report it with the command or script that led to it.\n"
        let bytes = Array(text.utf8)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        crashMessage = UnsafePointer(buffer)
        crashMessageLength = bytes.count
        handle([SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP], with: crashed)
    }

    /// While armox takes the terminal (line editing, a hidden key): SIGTERM,
    /// SIGHUP and SIGQUIT put it back too.
    static func install() {
        saveModes()
        guard modesSaved, !stopSignalsHandled else { return }
        stopSignalsHandled = true
        handle([SIGTERM, SIGHUP, SIGQUIT], with: restoreAndDie)
    }

    /// The modes before armox changed anything; saved once, before any
    /// handler that reads them is installed.
    private static func saveModes() {
        guard !modesSaved, isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &savedModes) == 0 else { return }
        modesSaved = true
    }

    private static func handle(_ signals: [Int32], with handler: @escaping @convention(c) (Int32) -> Void) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        for signo in signals { _ = sigaction(signo, &action, nil) }
    }
}

private func restoreAndDie(_ signo: Int32) {
    if modesSaved { _ = tcsetattr(STDIN_FILENO, TCSANOW, &savedModes) }
    eraseLiveLines()
    _ = signal(signo, SIG_DFL)
    _ = raise(signo)
}

/// Up over each row of live wait lines, clearing it (`WaitProgress`'s
/// erasure, from static bytes: a handler may not allocate).
private func eraseLiveLines() {
    let rows = min(LiveLineRows.current, 500)
    guard rows > 0 else { return }
    let up: StaticString = "\u{1B}[1A\u{1B}[2K"
    for _ in 0..<rows { _ = write(STDERR_FILENO, up.utf8Start, up.utf8CodeUnitCount) }
    let back: StaticString = "\r"
    _ = write(STDERR_FILENO, back.utf8Start, back.utf8CodeUnitCount)
}

private func crashed(_ signo: Int32) {
    if let crashMessage { _ = write(STDERR_FILENO, crashMessage, crashMessageLength) }
    restoreAndDie(signo)
}

/// Written by `TerminalRestore` before the handlers that read them exist.
nonisolated(unsafe) private var savedModes = termios()
nonisolated(unsafe) private var modesSaved = false
nonisolated(unsafe) private var stopSignalsHandled = false
nonisolated(unsafe) private var crashMessage: UnsafePointer<UInt8>?
nonisolated(unsafe) private var crashMessageLength = 0
