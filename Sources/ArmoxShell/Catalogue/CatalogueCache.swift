import ArmoxAPI
import Foundation

/// The catalogue (models and apps) kept on disk so TAB can complete model ids
/// from the first keystroke, without a network wait:
/// `$XDG_CACHE_HOME/armox/catalogue-<server>.json` (default `~/.cache/armox/`).
///
/// It is only ever a completion aid: `run` checks its arguments against the
/// catalogue the evaluator fetches itself. Written whole to a temporary file
/// and renamed, so a reader never sees half of one.
public struct CatalogueCache: Sendable {
    /// What the file holds.
    public struct Contents: Sendable, Codable {
        public var fetchedAt: Date
        public var models: [Model]
        public var apps: [App]

        public init(fetchedAt: Date = Date(), models: [Model], apps: [App]) {
            self.fetchedAt = fetchedAt
            self.models = models
            self.apps = apps
        }
    }

    public let path: String
    /// Older than this, the catalogue is refreshed in the background at start.
    public let maxAge: TimeInterval

    public static let defaultMaxAge: TimeInterval = 6 * 60 * 60

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
        return CatalogueCache(path: folder + "/catalogue-\(name).json")
    }

    /// The cached catalogue, or nil when there is none or it cannot be read
    /// (a damaged cache is only a cache: it is rebuilt on the next refresh).
    public func load() -> Contents? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(Contents.self, from: data)
    }

    public func isStale(_ contents: Contents, now: Date = Date()) -> Bool {
        now.timeIntervalSince(contents.fetchedAt) > maxAge || contents.fetchedAt > now.addingTimeInterval(60)
    }

    public func save(_ contents: Contents) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let data = try encoder.encode(contents)
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // .atomic writes a temporary file beside it and renames it into place.
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
