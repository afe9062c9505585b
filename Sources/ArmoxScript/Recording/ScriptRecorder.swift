import Foundation

/// The file `record FILE` writes: a header, the session's context, then each
/// statement that succeeded at the prompt, appended (and flushed) as it
/// succeeds, so a session that ends abruptly still leaves a valid script.
final class ScriptRecorder {
    let path: String
    private let handle: FileHandle
    private(set) var statements = 0

    /// Creates the file; an existing one is kept unless `force`.
    init(path: String, force: Bool) throws {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "it exists (record FILE --force replaces it)" : String(cString: strerror(errno))
            throw ScriptError("cannot record to \(path): \(reason)")
        }
        self.path = path
        self.handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    func write(_ text: String) {
        guard !text.isEmpty else { return }
        handle.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    func append(statement text: String) {
        write(text)
        statements += 1
    }

    func close() {
        try? handle.synchronize()
        try? handle.close()
    }
}
