import Foundation

/// Script text from a file or a stream, read with a cap: a script (a file,
/// stdin, `-c`, a sourced file) over `maxBytes` is refused before anything
/// runs, so a runaway input cannot take the machine's memory.
public enum ScriptInput {
    /// 64 MiB: far above any script a person writes (the largest example is
    /// a few kilobytes), far below what parsing could hold in memory.
    public static let maxBytes = 64 << 20

    /// The error for an input past the cap; `what` names it (a path, `stdin`, `-c`).
    public static func tooLarge(_ what: String, bytes: Int?) -> ScriptError {
        let size = bytes.map { "\($0) bytes" } ?? "more than \(maxBytes) bytes"
        return ScriptError(
            "\(what) is too large to run as a script (\(size); the cap is \(maxBytes) bytes, 64 MiB)",
            hint: "a script is statements; put data in a file the script reads", exitStatus: .usage)
    }

    /// The file's bytes, or nil when it cannot be read; throws past the cap
    /// (checked on the size first, then on what is read, in case it grows).
    public static func read(path: String, named name: String) throws -> Data? {
        try read(path: path, cap: maxBytes) { tooLarge(name, bytes: $0) }
    }

    /// Reads `handle` to its end, refusing it as soon as it passes the cap.
    public static func read(_ handle: FileHandle, named name: String) throws -> Data? {
        try read(handle, cap: maxBytes) { tooLarge(name, bytes: $0) }
    }

    /// A file read under any cap (scripts, `read`'s data files); `tooLarge`
    /// makes the error from the size when it is known.
    static func read(path: String, cap: Int, tooLarge: (Int?) -> ScriptError) throws -> Data? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > cap {
            throw tooLarge(size)
        }
        return try read(handle, cap: cap, tooLarge: tooLarge)
    }

    static func read(_ handle: FileHandle, cap: Int, tooLarge: (Int?) -> ScriptError) throws -> Data? {
        var data = Data()
        while true {
            let chunk: Data
            do {
                guard let next = try handle.read(upToCount: 1 << 20), !next.isEmpty else { break }
                chunk = next
            } catch {
                return nil
            }
            data.append(chunk)
            if data.count > cap { throw tooLarge(nil) }
        }
        return data
    }
}
