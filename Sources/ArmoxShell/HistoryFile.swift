import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The prompt's history on disk, shared by every session of the user.
///
/// - One entry per line; a multi-line statement is one entry, its newlines
///   written `\n` and backslashes `\\`, so recalling it brings it back whole.
/// - Each entry is appended as it is entered (a crash loses nothing), with
///   one `write` under an exclusive `flock`, so two sessions open at once
///   interleave whole entries and both keep theirs.
/// - The file is created 0600 in a 0700 folder: prompts and ids are private.
/// - Bounded: when it has grown past `limit` by a quarter, the next start
///   rewrites it with the newest `limit` entries (a new file renamed over the
///   old, under the same lock; an append that raced the rename notices the
///   file changed under it and writes to the new one).
public struct HistoryFile: Sendable {
    /// Where entries go.
    public let path: String
    /// Entries kept.
    public let limit: Int

    public static let defaultLimit = 2000

    public init(path: String, limit: Int = HistoryFile.defaultLimit) {
        self.path = path
        self.limit = max(1, limit)
    }

    /// `ARMOX_HISTFILE` (empty or `/dev/null`: no history file), else
    /// `$XDG_STATE_HOME/armox/history`, else `~/.local/state/armox/history`.
    /// `ARMOX_HISTSIZE` bounds it.
    public static func configured(environment: [String: String]) -> HistoryFile? {
        let limit = environment["ARMOX_HISTSIZE"].flatMap(Int.init) ?? defaultLimit
        if let explicit = environment["ARMOX_HISTFILE"] {
            if explicit.isEmpty || explicit == "/dev/null" { return nil }
            return HistoryFile(path: explicit, limit: limit)
        }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return HistoryFile(path: state + "/armox/history", limit: limit)
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return HistoryFile(path: home + "/.local/state/armox/history", limit: limit)
    }

    /// The entries, oldest first (at most `limit`); trims the file when it
    /// has outgrown its bound. A missing file is an empty history.
    public func load() throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let entries = Self.decode(data)
        if entries.count > limit + limit / 4 {
            // Trimming is housekeeping: a failure to rewrite costs nothing now.
            try? rewrite { Array($0.suffix(limit)) }
        }
        return Array(entries.suffix(limit))
    }

    /// Appends one entry.
    public func append(_ entry: String) throws {
        try Self.createFolder(of: path)
        let fd = try lockedFile()
        defer { close(fd) }
        let bytes = Array((Self.encode(entry) + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            written += n
        }
    }

    /// Replaces the entries with `transform` of them, atomically.
    func rewrite(_ transform: ([String]) -> [String]) throws {
        let fd = try lockedFile()
        defer { close(fd) }
        // Read under the lock, so no append is lost between reading and renaming.
        let current = FileManager.default.contents(atPath: path) ?? Data()
        let kept = transform(Self.decode(current))
        let text = kept.map { Self.encode($0) + "\n" }.joined()
        let temporary = path + ".tmp-\(getpid())"
        let out = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard out >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let bytes = Array(text.utf8)
        let ok = bytes.withUnsafeBytes { write(out, $0.baseAddress, $0.count) } == bytes.count && fsync(out) == 0
        close(out)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    /// The history file opened for appending and locked; reopened when a
    /// rewrite renamed a new file over the one it opened. (Each retry means
    /// another rewrite finished; they happen once per session start, so the
    /// bound is only there to rule out spinning forever.)
    private func lockedFile() throws -> Int32 {
        for _ in 0..<1000 {
            let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(fd)
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
            }
            var opened = stat(), named = stat()
            if fstat(fd, &opened) == 0, stat(path, &named) == 0, opened.st_ino == named.st_ino, opened.st_dev == named.st_dev {
                return fd
            }
            close(fd)
        }
        throw POSIXError(.EBUSY)
    }

    private static func createFolder(of path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    static func encode(_ entry: String) -> String {
        var out = ""
        out.reserveCapacity(entry.utf8.count)
        for scalar in entry.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func decode(_ data: Data) -> [String] {
        String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map { line in
            guard line.contains("\\") else { return String(line) }
            var out = ""
            var escaped = false
            for scalar in line.unicodeScalars {
                if escaped {
                    switch scalar {
                    case "n": out += "\n"
                    case "r": out += "\r"
                    default: out.unicodeScalars.append(scalar)
                    }
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
    }
}
