import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc

/// read(2), named apart from `ArmoxProcess.read(_:until:)`.
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin

private let systemRead = Darwin.read
#endif

/// The temporary homes `ArmoxProcess.environment` handed out: each run's
/// ledger, history and cache, removed when the test process ends.
private let homes = Mutex<[String]>([])

private let removingHomesAtExit: Void = {
    atexit {
        for home in homes.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: home) }
    }
}()

/// The built `armox` binary, run as a user would, with its output captured.
public struct ArmoxProcess {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// `armox` beside the test bundle (SwiftPM builds both into one folder),
    /// or `ARMOX_BIN` when set.
    public static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["ARMOX_BIN"] { return URL(fileURLWithPath: path) }
        let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var dir = runner.deletingLastPathComponent()
        // swift test runs <bin>/armoxPackageTests.xctest (a file on Linux, a bundle on macOS).
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("armox").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("armox")
    }

    /// A clean environment: no armox setting from the developer's shell, no
    /// desktop, multiplexer or terminal program of the machine the tests run
    /// on (a test that wants one says so in `extra`), and XDG folders in a
    /// temporary directory.
    public static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("ARMOX_") && key != "ARMOX_BIN" { env[key] = nil }
        for key in ["DISPLAY", "WAYLAND_DISPLAY", "TMUX", "STY", "TERM_PROGRAM", "LC_TERMINAL", "KITTY_WINDOW_ID", "COLUMNS", "LINES"] {
            env[key] = nil
        }
        env["TERM"] = "xterm"
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("armox-e2e-\(UUID().uuidString)").path
        _ = removingHomesAtExit
        homes.withLock { $0.append(home) }
        env["XDG_CONFIG_HOME"] = home + "/config"
        env["XDG_STATE_HOME"] = home + "/state"
        env["XDG_CACHE_HOME"] = home + "/cache"
        env["NO_COLOR"] = "1"
        return env.merging(extra) { _, new in new }
    }

    /// Runs armox to completion (killed after `timeout`), stdin from `input` or /dev/null.
    ///
    /// Pipes are read on threads of their own and the exit is awaited through
    /// `terminationHandler`: blocking calls on Swift's cooperative pool (two
    /// threads on a two-core machine) would starve the in-process sandboxes
    /// other tests are serving from.
    public static func run(
        _ arguments: [String], environment extra: [String: String] = [:], input: String? = nil, timeout: Duration = .seconds(60),
        executable: URL? = nil, currentDirectory: URL? = nil
    ) async throws -> Result {
        let process = SpawnedProcess()
        process.executableURL = executable ?? binary
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.arguments = arguments
        process.environment = environment(extra)
        let out = Pipe(), err = Pipe(), stdinPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : stdinPipe
        let exited = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus) }
        try process.run()
        if let input {
            stdinPipe.fileHandleForWriting.write(Data(input.utf8))
            try stdinPipe.fileHandleForWriting.close()
        }
        let pid = process.processIdentifier
        let killer = Task {
            try await Task.sleep(for: timeout)
            kill(pid, SIGKILL)
        }
        async let stdoutData = readToEnd(out.fileHandleForReading)
        async let stderrData = readToEnd(err.fileHandleForReading)
        let (o, e) = await (stdoutData, stderrData)
        var statuses = exited.stream.makeAsyncIterator()
        let status = await statuses.next() ?? -1
        killer.cancel()
        return Result(status: status, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Reads a pipe to its end on a dedicated thread.
    public static func readToEnd(_ handle: FileHandle) async -> Data {
        Data(await collect(handle) { _ in false })
    }

    /// Reads from a pipe on a dedicated thread until `done` says the text so far is enough, or the pipe ends.
    public static func read(_ handle: FileHandle, until done: @escaping @Sendable (String) -> Bool) async -> String {
        String(decoding: await collect(handle) { done(String(decoding: $0, as: UTF8.self)) }, as: UTF8.self)
    }

    /// Bytes from `handle` until `enough` or end of file, read with read(2) on a
    /// thread of its own. A read interrupted by a signal is retried: Foundation's
    /// `FileHandle` reads trap on EINTR (seen here once, while a signal was delivered).
    private static func collect(_ handle: FileHandle, until enough: @escaping @Sendable ([UInt8]) -> Bool) async -> [UInt8] {
        let fd = handle.fileDescriptor
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 65536)
                while !enough(bytes) {
                    let count = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
                    if count < 0 && errno == EINTR { continue }
                    if count <= 0 { break }
                    bytes.append(contentsOf: buffer[..<count])
                }
                continuation.resume(returning: bytes)
            }
        }
    }
}
