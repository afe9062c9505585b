import ArmoxAPI
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The catalogue (models and apps) kept on disk so TAB can complete model ids
/// from the first keystroke, without a network wait:
/// `$XDG_CACHE_HOME/armox/catalogue-<server>.txt` (default `~/.cache/armox/`).
///
/// It is only ever a completion aid: `run` checks its arguments against the
/// catalogue the evaluator fetches itself. It holds the `CatalogueLines` text
/// after a header line with the format and the time it was fetched, written
/// whole to a temporary file and renamed, so a reader never sees half of one.
public struct CatalogueCache: Sendable {
    public let path: String
    /// Older than this, the catalogue is refreshed in the background at start.
    public let maxAge: TimeInterval

    public static let defaultMaxAge: TimeInterval = 6 * 60 * 60
    /// The first line of a cache file; another format is a missing cache.
    static let header = "armox-catalogue\t2\t"

    public init(path: String, maxAge: TimeInterval = CatalogueCache.defaultMaxAge) {
        self.path = path
        self.maxAge = maxAge
    }

    /// The cache for the server at `baseURL` (`server` names it instead when
    /// given, like "sandbox", whose port changes every start).
    public static func configured(environment: [String: String], baseURL: String, server: String? = nil) -> CatalogueCache? {
        let folder: String
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            folder = cache + "/armox"
        } else if let home = environment["HOME"], !home.isEmpty {
            folder = home + "/.cache/armox"
        } else {
            return nil
        }
        let name = server ?? String(baseURL.map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "-" })
        return CatalogueCache(path: folder + "/catalogue-\(name).txt")
    }

    /// The cached catalogue and when it was fetched, or nil when there is
    /// none or it cannot be read (a damaged cache is only a cache: it is
    /// rebuilt on the next refresh).
    public func load() -> (index: CatalogueIndex, fetchedAt: Date)? {
        // One read into the buffer the index keeps: no second copy at 100,000 models.
        guard let bytes = Self.contents(of: path), let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let first = String(decoding: bytes[..<newline], as: UTF8.self)
        // A time that is no finite number ("nan" would never go stale) is damage too.
        guard first.hasPrefix(Self.header), let seconds = Double(first.dropFirst(Self.header.count)), seconds.isFinite else { return nil }
        return (CatalogueIndex(lines: bytes), Date(timeIntervalSince1970: seconds))
    }

    private static func contents(of path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size >= 0, info.st_size < 1 << 31 else { return nil }
        let size = Int(info.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let n = read(fd, buffer.baseAddress! + count, size - count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    failed = n < 0
                    break
                }
                count += n
            }
        }
        return failed ? nil : bytes
    }

    public func isStale(fetchedAt: Date, now: Date = Date()) -> Bool {
        now.timeIntervalSince(fetchedAt) > maxAge || fetchedAt > now.addingTimeInterval(60)
    }

    public func save(_ index: CatalogueIndex, fetchedAt: Date) throws {
        var data = Data((Self.header + String(Int(fetchedAt.timeIntervalSince1970)) + "\n").utf8)
        var lines = index.lines[...]
        // An index read from a cache file holds that file's header line.
        if lines.starts(with: Self.header.utf8), let newline = lines.firstIndex(of: UInt8(ascii: "\n")) {
            lines = lines[(newline + 1)...]
        }
        data.append(contentsOf: lines)
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try Self.replace(path, with: data)
    }

    /// Writes `data` to a temporary file beside `path`, created 0600 (like
    /// every file armox keeps: the catalogue is the key owner's), then renames
    /// it into place: never half-written, never readable by others.
    static func replace(_ path: String, with data: Data) throws {
        let temporary = path + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        var ok = fchmod(fd, 0o600) == 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while ok, offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { ok = false } else { offset += n }
            }
        }
        ok = close(fd) == 0 && ok
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }
}
