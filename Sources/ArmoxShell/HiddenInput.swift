import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a secret (the API key) from the terminal without echoing it.
///
/// The terminal goes to non-canonical mode with echo and signals off, and
/// the few editing keys are handled here: Backspace, Ctrl-U, Enter, Ctrl-D on
/// an empty line (end), Ctrl-C (abandon). Handling Ctrl-C as a key rather
/// than a signal means the modes are always put back by this code, at the
/// prompt and in `armox login` alike. The key passes through no line editor
/// and no history.
public enum HiddenInput {
    public enum Outcome: Sendable, Equatable {
        case line(String)
        /// Ctrl-D on an empty line, or the end of input.
        case end
        /// Ctrl-C.
        case interrupted
    }

    /// True when stdin is a terminal a secret can be typed into.
    public static var isAvailable: Bool { isatty(STDIN_FILENO) == 1 }

    /// Shows `prompt` on stderr and reads one line from the terminal on stdin, unechoed.
    ///
    /// Echo goes off before the prompt shows: a key pasted the moment the
    /// prompt appears must not be echoed by the terminal. Input typed before
    /// the prompt is dropped (it was echoed as it was typed, and was not
    /// typed as the answer); input after Enter is kept for the next prompt.
    public static func readLine(prompt: String) -> Outcome {
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else {
            FileHandle.standardError.write(Data(prompt.utf8))
            return .end
        }
        TerminalRestore.install()
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        withUnsafeMutableBytes(of: &quiet.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        FileHandle.standardError.write(Data(prompt.utf8))
        defer {
            _ = tcsetattr(STDIN_FILENO, TCSADRAIN, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        var bytes: [UInt8] = []
        while true {
            var byte: UInt8 = 0
            let n = read(STDIN_FILENO, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return bytes.isEmpty ? .end : .line(String(decoding: bytes, as: UTF8.self)) }
            switch byte {
            case 0x0A, 0x0D: return .line(String(decoding: bytes, as: UTF8.self))
            case 0x03: return .interrupted
            case 0x04 where bytes.isEmpty: return .end
            case 0x15: bytes.removeAll()
            case 0x7F, 0x08:
                // One character back: drop UTF-8 continuation bytes with it.
                while let last = bytes.popLast(), last & 0xC0 == 0x80 {}
            default:
                if byte >= 0x20 || byte == 0x09 { bytes.append(byte) }
            }
        }
    }
}
