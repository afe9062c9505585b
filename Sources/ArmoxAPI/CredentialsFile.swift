import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `login` keeps API keys: `$XDG_CONFIG_HOME/armox/credentials`
/// (default `~/.config/armox/credentials`), one `BASE-URL KEY` line per
/// server, so a key stored for the sandbox on loopback never goes to the
/// hosted API. The file is 0600 in a 0700 folder, replaced atomically; a file
/// other users could read is refused, not used.
public struct CredentialsFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// `$XDG_CONFIG_HOME/armox/credentials`, else `~/.config/armox/credentials`.
    public static func configured(environment: [String: String]) -> CredentialsFile {
        CredentialsFile(path: configFolder(environment: environment) + "/credentials")
    }

    /// armox's configuration folder: `$XDG_CONFIG_HOME/armox`, else `~/.config/armox`
    /// (a relative `XDG_CONFIG_HOME` is ignored, as the XDG spec says).
    public static func configFolder(environment: [String: String]) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/armox"
    }

    public enum Problem: Error, Sendable, CustomStringConvertible {
        /// Group or others may read it, or another user owns it.
        case exposed(path: String, mode: String, owner: Bool)
        case unreadable(path: String, reason: String)
        case unwritable(path: String, reason: String)

        public var description: String {
            switch self {
            case .exposed(let path, let mode, let owner):
                return owner
                    ? "\(path) is owned by another user: refusing to use the key in it (remove it, then armox login)"
                    : "\(path) can be read by other users (mode \(mode)): refusing to use the key in it; fix it with: chmod 600 \(path)"
            case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
            case .unwritable(let path, let reason): return "cannot write \(path): \(reason)"
            }
        }
    }

    /// The key stored for `baseURL`; nil when there is none (or no file).
    public func key(for baseURL: String) throws -> String? {
        try entries().first { $0.baseURL == Self.normalized(baseURL) }?.key
    }

    /// Stores `key` for `baseURL`, replacing an older one; other servers' keys stay.
    public func store(key: String, for baseURL: String) throws {
        // An exposed file is replaced by a private one, not read first: its keys were exposed anyway.
        var kept = ((try? entries()) ?? []).filter { $0.baseURL != Self.normalized(baseURL) }
        kept.append((Self.normalized(baseURL), key))
        try write(kept)
    }

    /// Removes the key stored for `baseURL`; true when there was one. The file
    /// goes when it holds no key.
    @discardableResult
    public func remove(for baseURL: String) throws -> Bool {
        let all = (try? entries()) ?? Self.parse((try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
        let kept = all.filter { $0.baseURL != Self.normalized(baseURL) }
        guard kept.count != all.count else { return false }
        if kept.isEmpty {
            guard unlink(path) == 0 || errno == ENOENT else {
                throw Problem.unwritable(path: path, reason: String(cString: strerror(errno)))
            }
        } else {
            try write(kept)
        }
        return true
    }

    // MARK: File

    private func entries() throws -> [(baseURL: String, key: String)] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return [] }
            throw Problem.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        if info.st_uid != geteuid() {
            throw Problem.exposed(path: path, mode: Self.octal(info.st_mode), owner: true)
        }
        if info.st_mode & 0o077 != 0 {
            throw Problem.exposed(path: path, mode: Self.octal(info.st_mode), owner: false)
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Problem.unreadable(path: path, reason: "not UTF-8 text")
        }
        return Self.parse(text)
    }

    static func parse(_ text: String) -> [(baseURL: String, key: String)] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let words = line.split(whereSeparator: \.isWhitespace)
            guard words.count == 2, !words[0].hasPrefix("#") else { return nil }
            return (normalized(String(words[0])), String(words[1]))
        }
    }

    /// Written to a 0600 file beside the target, then renamed over it, so a
    /// crash never leaves half a file and the key is never world-readable,
    /// not even for a moment.
    private func write(_ entries: [(baseURL: String, key: String)]) throws {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Problem.unwritable(path: path, reason: error.localizedDescription)
        }
        var text = "# armox credentials, written by `armox login`: one \"BASE-URL KEY\" line per server.\n"
        text += "# Private to you (mode 0600); armox refuses it if others can read it.\n"
        for entry in entries { text += "\(entry.baseURL) \(entry.key)\n" }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Problem.unwritable(path: path, reason: String(cString: strerror(errno))) }
        let written = (try? FileHandle(fileDescriptor: fd, closeOnDealloc: false).write(contentsOf: Data(text.utf8))) != nil
        let synced = fsync(fd) == 0
        close(fd)
        guard written, synced, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Problem.unwritable(path: path, reason: reason)
        }
    }

    static func normalized(_ baseURL: String) -> String {
        ArmoxConfiguration(baseURL: baseURL).baseURL
    }

    static func octal(_ mode: mode_t) -> String {
        "0" + String(mode & 0o777, radix: 8)
    }
}
