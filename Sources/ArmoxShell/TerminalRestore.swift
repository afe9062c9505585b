#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back as it was when the prompt started, then dies of
/// the signal as it would have: SIGTERM, SIGHUP and SIGQUIT while libedit
/// holds the terminal in raw mode must not leave the user's shell raw.
/// `tcsetattr`, `signal` and `raise` are async-signal-safe.
enum TerminalRestore {
    static func install() {
        guard !installed, tcgetattr(STDIN_FILENO, &saved) == 0 else { return }
        installed = true
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { signo in
            _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            _ = signal(signo, SIG_DFL)
            _ = raise(signo)
        }
        #else
        action.__sigaction_u.__sa_handler = { signo in
            _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            _ = signal(signo, SIG_DFL)
            _ = raise(signo)
        }
        #endif
        sigemptyset(&action.sa_mask)
        for signo in [SIGTERM, SIGHUP, SIGQUIT] { _ = sigaction(signo, &action, nil) }
    }
}

/// The terminal's modes before the prompt took it; written once, before the
/// handler that reads it is installed.
nonisolated(unsafe) private var saved = termios()
nonisolated(unsafe) private var installed = false
