import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The armox binary on a real pseudo-terminal: its stdin, stdout and stderr
/// are the terminal's slave side, so `isatty` holds and libedit edits lines;
/// the test types into the master side and reads what the terminal shows.
///
/// The child runs in a session of its own with this terminal as its
/// controlling terminal (through util-linux `setsid --ctty --wait`, since
/// Foundation's `Process` cannot call `setsid`), so the terminal's keys act
/// as they do for a user: Ctrl-C raises SIGINT while the terminal is not in
/// raw mode, and resizing sends SIGWINCH.
public final class PseudoTerminal: Sendable {
    private let master: Int32
    private let process: SpawnedProcess
    private let screen = Screen()
    private let exited: AsyncStream<Int32>

    /// Starts armox with `arguments` on a fresh terminal (120×40 unless told).
    public init(_ arguments: [String], environment extra: [String: String] = [:], rows: UInt16 = 40, columns: UInt16 = 120) throws {
        let (master, slavePath) = try Self.openMaster()
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let slave = open(slavePath, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw POSIXError(.ENOTTY) }
        let slaveHandle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        let process = SpawnedProcess()
        process.executableURL = URL(fileURLWithPath: Self.setsid)
        process.arguments = ["--ctty", "--wait", ArmoxProcess.binary.path] + arguments
        let environment = ArmoxProcess.environment(extra)
        process.environment = environment
        process.standardInput = slaveHandle
        process.standardOutput = slaveHandle
        process.standardError = slaveHandle
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { continuation.yield($0.terminationStatus) }
        try process.run()
        try slaveHandle.close()
        self.master = master
        self.process = process
        self.exited = stream
        let screen = self.screen
        // Read on a thread of its own: blocking reads must not sit on Swift's
        // cooperative pool, which serves the tests' sandboxes.
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            var pieces = UTF8Pieces()
            while true {
                let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                let text = pieces.decode(buffer[..<count])
                screen.text.withLock { $0 += text }
            }
            screen.ended.withLock { $0 = true }
        }
        reader.start()
    }

    static let setsid = ["/usr/bin/setsid", "/bin/setsid"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/setsid"

    /// armox's process id: setsid's child when setsid had to fork, else setsid's own (it exec'd).
    public var armoxPID: Int32 {
        let pid = process.processIdentifier
        let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) } ?? pid
    }

    /// The terminal's local modes (`c_lflag`) as the program left them:
    /// libedit clears ICANON and ECHO while it edits a line, and must put
    /// them back. (On Linux the master side reports the slave's settings.)
    public var localModes: tcflag_t {
        var modes = termios()
        _ = tcgetattr(master, &modes)
        return modes.c_lflag
    }

    /// Types `keys` once the program is editing a line (the terminal is in
    /// raw mode). Before that the kernel's line discipline owns the keys: it
    /// takes Ctrl-R, Ctrl-U, Ctrl-D and Ctrl-C for itself, as it does for a
    /// user who types ahead while a statement runs.
    public func typeAtPrompt(_ keys: String, timeout: Duration = .seconds(30)) async {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while localModes & tcflag_t(ICANON) != 0, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        type(keys)
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    public func resize(rows: UInt16, columns: UInt16) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// A new master side and the path of its slave. Swift's Glibc module hides
    /// `posix_openpt`/`ptsname` (they need _XOPEN_SOURCE), so on Linux this
    /// does what they do: open /dev/ptmx, unlock it, ask for its number.
    private static func openMaster() throws -> (Int32, String) {
        #if os(Linux)
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw POSIXError(.ENOTTY) }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        // TIOCSPTLCK = _IOW('T', 0x31, int), TIOCGPTN = _IOR('T', 0x30, unsigned int):
        // function-like macros Swift does not import.
        guard ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            close(master)
            throw POSIXError(.ENOTTY)
        }
        return (master, "/dev/pts/\(number)")
        #else
        let master = posix_openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else {
            throw POSIXError(.ENOTTY)
        }
        return (master, String(cString: name))
        #endif
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        close(master)
    }

    /// Everything the terminal has shown so far (escape codes included).
    public var output: String { screen.text.withLock { $0 } }

    /// Types `text` as keystrokes (`"\r"` is Enter, `"\u{4}"` Ctrl-D).
    public func type(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits until the terminal has shown `text` after `offset` characters of
    /// output; false after `timeout`.
    @discardableResult
    /// The default timeout is long: the whole suite runs in parallel on two
    /// cores, and a prompt that never comes fails all the same.
    public func waitFor(_ text: String, after offset: Int = 0, timeout: Duration = .seconds(30)) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if output.dropFirst(offset).contains(text) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// The exit status, once the program ends (killed after `timeout`).
    public func exitStatus(timeout: Duration = .seconds(30)) async -> Int32 {
        let pid = process.processIdentifier
        let killer = Task {
            try await Task.sleep(for: timeout)
            kill(pid, SIGKILL)
        }
        defer { killer.cancel() }
        var statuses = exited.makeAsyncIterator()
        let status = await statuses.next() ?? -1
        // The program's last bytes may still be on their way to the reader:
        // `output` is whole once the terminal reports no writer left (bounded,
        // since a process the program started may hold the terminal open).
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while !screen.ended.withLock({ $0 }), clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return status
    }
}

/// What the terminal has shown, shared with the reading thread.
private final class Screen: Sendable {
    let text = Mutex("")
    /// The reader has seen the end: no process has the terminal open any more.
    let ended = Mutex(false)
}
