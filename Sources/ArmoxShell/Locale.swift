#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libedit reads multibyte text only under a UTF-8 `LC_CTYPE`; under the C
/// locale it silently drops non-ASCII bytes. Take the environment's locale,
/// and when that is not UTF-8 (LANG unset, or C/POSIX), fall back to one that is.
public enum TerminalLocale {
    public static func prepare() {
        if let current = setlocale(LC_CTYPE, ""), isUTF8(String(cString: current)) { return }
        for candidate in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, candidate) != nil {
            return
        }
    }

    static func isUTF8(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }
}
