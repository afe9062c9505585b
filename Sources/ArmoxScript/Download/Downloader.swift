import ArmoxAPI
import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Saves job outputs to disk, whole or not at all.
///
/// Each file is streamed into a temporary file (`.armox-XXXXXX.part`) in the
/// folder it will end up in, synced, then renamed into place; on any failure
/// or cancellation the temporary file is removed, so a half-written output
/// never appears under its real name. Names come from the URL's last path
/// segment through `DownloadName`, so a URL cannot name a file outside the
/// target folder. Existing files are replaced only with `force`, and without
/// it the final step cannot clobber a file that appeared meanwhile.
public struct Downloader: Sendable {
    let client: ArmoxClient

    public init(client: ArmoxClient) {
        self.client = client
    }

    /// Saves each URL and returns the saved paths, in order.
    /// `target`: nil → the working directory; an existing directory, or a path ending in "/" → files inside it
    /// (created, with intermediate directories, if missing); otherwise, with exactly one URL, the file path itself
    /// (its missing folders created). Several URLs and a target that is an existing regular file → error.
    /// Relative targets resolve against `workingDirectory`; `~` is the
    /// caller's to expand (the session's own `HOME`).
    ///
    /// Several URLs and a target that does not exist (without a trailing "/")
    /// → a folder of that name, created.
    public func download(_ urls: [String], to target: String?, force: Bool, workingDirectory: String) async throws -> [String] {
        try await download(urls.map { Item(url: $0) }, to: target, force: force, workingDirectory: workingDirectory).map(\.path)
    }

    /// One output to save: its URL, and the name it gets in a folder
    /// (nil: the URL's last path segment).
    public struct Item: Sendable {
        public var url: String
        public var name: String?
        /// The job that made the output, when the session knows it (the ledger records the file against it).
        public var jobID: String?
        /// Its place among its job's outputs, from 0 (`--name`'s `{n}` is one more).
        public var index: Int

        public init(url: String, name: String? = nil, jobID: String? = nil, index: Int = 0) {
            self.url = url
            self.name = name
            self.jobID = jobID
            self.index = index
        }
    }

    /// A file saved whole: where, how large, and the SHA-256 of its bytes
    /// (computed as they streamed in, not read back).
    public struct SavedFile: Sendable, Equatable {
        public var path: String
        public var size: Int
        public var sha256: String
    }

    /// Saves each item (see the `[String]` form) and returns the saved files,
    /// in order. `saved` hears of each file as it is in place, so what a batch
    /// saved before one of its outputs failed is known too.
    public func download(
        _ items: [Item], to target: String?, force: Bool, workingDirectory: String, saved onSaved: (Item, SavedFile) -> Void = { _, _ in }
    ) async throws -> [SavedFile] {
        guard !items.isEmpty else { return [] }
        let urls = items.map(\.url)
        let plan = try Self.check(items, to: target, force: force, workingDirectory: workingDirectory)
        var names = plan.names

        let created = try Self.createDirectory(plan)
        var taken = Set(names.map { $0.lowercased() })
        var saved: [SavedFile] = []
        for (index, url) in urls.enumerated() {
            do {
                let file = try await save(url, into: plan.directory, force: force) { head in
                    // Directory mode, no extension yet: take one from the Content-Type.
                    guard plan.namesFromURLs, DownloadName.fileExtension(of: names[index]) == nil else { return names[index] }
                    let withExtension = DownloadName.adding(extensionFor: head.contentType, to: names[index])
                    guard withExtension != names[index] else { return names[index] }
                    taken.remove(names[index].lowercased())
                    names[index] = DownloadName.unique(withExtension, notIn: taken)
                    taken.insert(names[index].lowercased())
                    return names[index]
                }
                saved.append(file)
                onSaved(items[index], file)
            } catch {
                if saved.isEmpty { Self.removeEmpty(created) }
                guard urls.count > 1 else { throw error }
                let note = " (output \(index + 1) of \(urls.count)"
                    + (saved.isEmpty ? "; nothing saved)" : "; saved before it: \(saved.map(\.path).joined(separator: ", ")))")
                throw BatchFailure.wrapping(error, note: note)
            }
        }
        return saved
    }

    /// What `download` refuses before fetching anything (a bad URL, a target
    /// that cannot be, a file there already without `force`), creating and
    /// fetching nothing: `check` asks it of a download it does not make.
    static func check(_ items: [Item], to target: String?, force: Bool, workingDirectory: String) throws -> Plan {
        for item in items { try checkURL(item.url) }
        let plan = try plan(items, target: target, workingDirectory: workingDirectory)
        try checkDestinations(plan, names: plan.names, force: force)
        return plan
    }

    /// True when `target` names a file to save one output as (it is not,
    /// and does not name, a folder).
    static func isFileTarget(_ target: String, workingDirectory: String) -> Bool {
        let path = normalized(target.hasPrefix("/") ? target : workingDirectory + "/" + target)
        return !target.hasSuffix("/") && ![".", ".."].contains(target) && kind(of: path) != .directory
    }

    // MARK: One file

    /// Streams `url` into a temporary file in `directory`, then moves it to
    /// the name `finalName` picks once the answer's head is known.
    private func save(
        _ url: String, into directory: String, force: Bool, finalName: (DownloadResponseHead) throws -> String
    ) async throws -> SavedFile {
        let temp = try TemporaryFile(in: directory)
        defer { temp.discard() }
        var destination: String?
        var hash = SHA256()
        let answer = try await client.downloadOutput(
            from: url,
            onResponse: { head in
                let path = try Self.destination(directory, finalName(head))
                try Self.checkDestination(path, force: force)
                destination = path
            },
            write: { bytes in
                try temp.write(bytes)
                hash.update(bufferPointer: bytes)
            })
        guard let destination else {
            throw ScriptError("no answer to pick a file name from for \(url)")
        }
        try Task.checkCancellation()
        try temp.finish()
        try Task.checkCancellation()
        try temp.commit(to: destination, replace: force)
        Self.syncDirectory(directory)
        let digest = hash.finalize().map { String(format: "%02x", $0) }.joined()
        return SavedFile(path: destination, size: Int(answer.byteCount), sha256: digest)
    }

    // MARK: Planning

    struct Plan {
        /// Absolute, normalised: every file is saved directly inside it.
        var directory: String
        var directoryExists: Bool
        /// True when names come from the URLs (directory mode); false for a file target.
        var namesFromURLs: Bool
        var names: [String]
    }

    /// The client's own rule for output URLs, checked for every URL before
    /// anything is fetched; a bad URL is the script's mistake.
    static func checkURL(_ url: String) throws {
        do {
            _ = try ArmoxClient.outputURL(url)
        } catch ArmoxError.refused(let why) {
            throw ScriptError("cannot download: \(why)", hint: "download takes a job, a job's output URL, or a list of them")
        }
    }

    static func plan(_ items: [Item], target: String?, workingDirectory: String) throws -> Plan {
        let urls = items.map(\.url)
        let base = workingDirectory.hasPrefix("/") ? workingDirectory : FileManager.default.currentDirectoryPath + "/" + workingDirectory
        func fromURLs(_ directory: String, exists: Bool) -> Plan {
            var taken: Set<String> = []
            var names: [String] = []
            for item in items {
                let name = DownloadName.unique(item.name.map(DownloadName.sanitized) ?? DownloadName.fromURL(item.url), notIn: taken)
                taken.insert(name.lowercased())
                names.append(name)
            }
            return Plan(directory: directory, directoryExists: exists, namesFromURLs: true, names: names)
        }
        guard let target, !target.isEmpty else {
            let directory = normalized(base)
            return fromURLs(directory, exists: kind(of: directory) == .directory)
        }
        let path = normalized(target.hasPrefix("/") ? target : base + "/" + target)
        let wantsDirectory = target.hasSuffix("/") || target == "." || target == ".." || target.hasSuffix("/.") || target.hasSuffix("/..")
        switch kind(of: path) {
        case .directory:
            return fromURLs(path, exists: true)
        case .other where wantsDirectory:
            throw ScriptError("\(path) is not a directory", hint: "name a folder, or a file path without the trailing /")
        case .missing where wantsDirectory:
            return fromURLs(path, exists: false)
        case .other:
            guard urls.count == 1 else {
                throw ScriptError("\(path) is a file, and there are \(urls.count) outputs to save", hint: "name a folder instead, e.g. \(target.hasSuffix("/") ? target : target + "-outputs/")")
            }
        case .missing:
            if urls.count > 1 { return fromURLs(path, exists: false) }
        }
        // One URL saved under the path itself, its missing folders created.
        let parent = parentDirectory(of: path)
        let name = String(path[path.index(after: path.lastIndex(of: "/")!)...])
        guard !name.isEmpty, name != ".", name != ".." else {
            throw ScriptError("\(path) is not a file name")
        }
        switch kind(of: parent) {
        case .directory:
            return Plan(directory: parent, directoryExists: true, namesFromURLs: false, names: [name])
        case .missing:
            return Plan(directory: parent, directoryExists: false, namesFromURLs: false, names: [name])
        case .other:
            throw ScriptError("\(parent) is not a directory")
        }
    }

    /// Every destination known before fetching is free (or, with force, replaceable):
    /// a refused download fetches nothing. Names still waiting for an extension
    /// from the Content-Type are checked again once the answer's head arrives.
    static func checkDestinations(_ plan: Plan, names: [String], force: Bool) throws {
        guard plan.directoryExists else { return }
        var existing: [String] = []
        for name in names where !plan.namesFromURLs || DownloadName.fileExtension(of: name) != nil {
            let path = try destination(plan.directory, name)
            // A directory in the way is refused even with force; files are collected.
            try checkDestination(path, force: true)
            if kind(of: path, followingLinks: false) != .missing { existing.append(path) }
        }
        guard !force, !existing.isEmpty else { return }
        throw existsError(existing)
    }

    /// The same check for one destination, once its final name is known.
    static func checkDestination(_ path: String, force: Bool) throws {
        guard kind(of: path, followingLinks: false) != .missing else { return }
        if kind(of: path) == .directory {
            throw ScriptError("\(path) is a directory", hint: "name another file or folder to save into")
        }
        if !force { throw existsError([path]) }
    }

    static func existsError(_ paths: [String]) -> ScriptError {
        let shown = paths.count <= 3 ? paths : Array(paths.prefix(3)) + ["\(paths.count - 3) more"]
        let list: String
        switch shown.count {
        case 1: list = shown[0] + " exists"
        case 2: list = shown[0] + " and " + shown[1] + " exist"
        default: list = shown.dropLast().joined(separator: ", ") + " and " + shown.last! + " exist"
        }
        return ScriptError("\(list); add --force to overwrite", hint: "or save elsewhere: download <job> <folder>/")
    }

    /// `directory/name`, refused unless it is a plain entry of `directory`
    /// (defence in depth: names are sanitised before they get here).
    static func destination(_ directory: String, _ name: String) throws -> String {
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.utf8.contains(0) else {
            throw ScriptError("refusing to save under the name \"\(name)\": not a plain file name")
        }
        let path = directory == "/" ? "/" + name : directory + "/" + name
        guard parentDirectory(of: normalized(path)) == directory else {
            throw ScriptError("refusing to save \"\(name)\" outside \(directory)")
        }
        return path
    }

    // MARK: Folders

    /// Creates the target folder (and missing parents) when needed; returns
    /// what was created, deepest first.
    static func createDirectory(_ plan: Plan) throws -> [String] {
        guard !plan.directoryExists else { return [] }
        var missing: [String] = []
        var path = plan.directory
        while path != "/", kind(of: path) == .missing {
            missing.append(path)
            path = parentDirectory(of: path)
        }
        if kind(of: path) != .directory {
            throw ScriptError("\(path) is not a directory", hint: "cannot create \(plan.directory) inside it")
        }
        do {
            try FileManager.default.createDirectory(atPath: plan.directory, withIntermediateDirectories: true)
        } catch {
            throw ScriptError("cannot create the folder \(plan.directory): \(describe(error))")
        }
        return missing
    }

    /// Removes folders this call created, when they stayed empty.
    static func removeEmpty(_ created: [String]) {
        for path in created { _ = rmdir(path) }
    }

    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = close(fd)
    }

    // MARK: Paths

    enum Kind { case missing, directory, other }

    static func kind(of path: String, followingLinks: Bool = true) -> Kind {
        var info = stat()
        let result = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard result == 0 else { return .missing }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .other
    }

    /// "/a/./b/../c/" → "/a/c"; textual, symlinks untouched.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code))).lowercased()
        }
        return error.localizedDescription
    }

    // MARK: Errors of a batch
}

/// A `.armox-XXXXXX.part` file beside the destination, removed unless committed.
final class TemporaryFile {
    let directory: String
    private(set) var path: String
    private var fd: Int32
    private var committed = false

    init(in directory: String) throws {
        self.directory = directory
        var template = Array((directory == "/" ? "/" : directory + "/").utf8CString.dropLast()) + Array(".armox-XXXXXX.part".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 5) }
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno)).lowercased()
            throw ScriptError("cannot create a file in \(directory): \(reason)")
        }
        self.fd = fd
        self.path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc_write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write to \(directory)")
            }
            offset += written
        }
    }

    /// Flushes to disk, sets the final mode and closes.
    func finish() throws {
        guard fsync(fd) == 0 else { throw failure("cannot write to \(directory)") }
        guard fchmod(fd, 0o644) == 0 else { throw failure("cannot set the mode of a file in \(directory)") }
        let result = close(fd)
        fd = -1
        guard result == 0 else { throw failure("cannot write to \(directory)") }
    }

    /// Moves the finished file to `destination`. Without `replace`, atomically
    /// refuses to clobber: a file that appeared there since the check stays.
    func commit(to destination: String, replace: Bool) throws {
        if replace {
            guard rename(path, destination) == 0 else { throw failure("cannot save \(destination)") }
            committed = true
            return
        }
        if link(path, destination) == 0 {
            committed = true
            _ = unlink(path)
            return
        }
        let linkError = errno
        if linkError == EEXIST { throw Downloader.existsError([destination]) }
        guard [EPERM, ENOTSUP, EOPNOTSUPP, ENOSYS, EMLINK, EACCES].contains(linkError) else {
            errno = linkError
            throw failure("cannot save \(destination)")
        }
        // No hard links here (some network and FAT file systems): claim the
        // name with an exclusive create, then rename over our own placeholder.
        let placeholder = open(destination, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if placeholder < 0 {
            if errno == EEXIST { throw Downloader.existsError([destination]) }
            throw failure("cannot save \(destination)")
        }
        _ = close(placeholder)
        guard rename(path, destination) == 0 else {
            let error = failure("cannot save \(destination)")
            _ = unlink(destination)
            throw error
        }
        committed = true
    }

    /// Closes and removes the file unless it was committed. Safe to call twice.
    func discard() {
        if fd >= 0 {
            _ = close(fd)
            fd = -1
        }
        if !committed {
            _ = unlink(path)
            committed = true
        }
    }

    private func failure(_ what: String) -> ScriptError {
        ScriptError("\(what): \(String(cString: strerror(errno)).lowercased())")
    }
}

#if canImport(Glibc)
private let Glibc_write = Glibc.write
#elseif canImport(Darwin)
private let Glibc_write = Darwin.write
#endif
