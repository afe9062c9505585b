import ArmoxAPI
import ArmoxHost
import ArmoxRender
import ArmoxScript

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The host of a real session: this process's terminal, desktop and loopback.
public enum LiveHost {
    /// The host for a session started in `environment`, writing its live
    /// lines with `writeErr` (stderr); `credentials` is where `login` stores
    /// keys (nil in a sandbox session).
    public static func make(
        environment: [String: String], writeErr: @escaping @Sendable (String) -> Void, credentials: CredentialsFile?
    ) -> EvaluatorHost {
        var host = EvaluatorHost(
            outputStyle: { style(environment) }, credentials: credentials, opener: DesktopOpeners(), webhooks: LoopbackWebhooks())
        if HiddenInput.isAvailable {
            host.readSecret = { prompt in
                switch HiddenInput.readLine(prompt: prompt) {
                case .line(let line): return line
                case .end: return nil
                case .interrupted: throw CancellationError()
                }
            }
        }
        // Scripts writing to files and pipes get no escape codes.
        if isatty(STDERR_FILENO) == 1 {
            host.waitDisplay = WaitProgress(
                write: writeErr,
                rows: { windowSize(STDERR_FILENO)?.rows ?? 24 },
                columns: { windowSize(STDERR_FILENO)?.columns },
                colour: style(environment).errorColour)
        }
        return host
    }

    /// How output should look now: stdout's and stderr's tty-ness, stdout's
    /// width (read on every call, so a resize applies from the next command),
    /// and `NO_COLOR`/`TERM`/`COLUMNS`; the rules are `OutputStyle.resolve`'s.
    public static func style(_ environment: [String: String]) -> OutputStyle {
        let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
        let columns = stdoutIsTerminal ? windowSize(STDOUT_FILENO)?.columns : nil
        return OutputStyle.resolve(
            environment: environment, stdoutIsTerminal: stdoutIsTerminal, stderrIsTerminal: isatty(STDERR_FILENO) == 1,
            columns: columns)
    }

    /// The terminal's size on `fd` (TIOCGWINSZ); nil when it is not a
    /// terminal or reports none.
    static func windowSize(_ fd: Int32) -> (rows: Int, columns: Int)? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_row), Int(size.ws_col))
    }
}
