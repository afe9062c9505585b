#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a crash prints: one fixed line, written from the signal handler
/// with `write(2)`, holding nothing from the session (so never the key),
/// then the terminal's modes put back and the signal's default action
/// (a core dump where enabled). Not installed when `SWIFT_BACKTRACE` is set,
/// so whoever asks for the runtime's backtracer gets it.
public enum CrashGuard {
    public static func install(environment: [String: String]) {
        guard environment["SWIFT_BACKTRACE"] == nil, crashMessage == nil else { return }
        if isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &crashTerminal) == 0 { crashTerminalSaved = true }
        let text = "\narmox: crashed (a bug in armox, not in your script); the terminal is restored. "
            + "Please report it with the command or script that led to it.\n"
        let bytes = Array(text.utf8)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        crashMessage = UnsafePointer(buffer)
        crashMessageLength = bytes.count
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = crashed
        #else
        action.__sigaction_u.__sa_handler = crashed
        #endif
        sigemptyset(&action.sa_mask)
        for signo in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] { _ = sigaction(signo, &action, nil) }
    }
}

private func crashed(_ signo: Int32) {
    if let crashMessage { _ = write(STDERR_FILENO, crashMessage, crashMessageLength) }
    if crashTerminalSaved { _ = tcsetattr(STDIN_FILENO, TCSANOW, &crashTerminal) }
    _ = signal(signo, SIG_DFL)
    _ = raise(signo)
}

/// Written once by `install`, before the handler that reads them exists.
nonisolated(unsafe) private var crashMessage: UnsafePointer<UInt8>?
nonisolated(unsafe) private var crashMessageLength = 0
nonisolated(unsafe) private var crashTerminal = termios()
nonisolated(unsafe) private var crashTerminalSaved = false
