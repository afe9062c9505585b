import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, for the tests that run
/// binaries (armox, setsid, the shells).
///
/// Not Foundation's `Process`: on Linux, Swift 6.3.1's `Process.run()` reads
/// `/proc/self/fd` by copying each `dirent`'s whole 256-byte name field, and
/// crashes (SIGSEGV in memcpy) when a short record ends glibc's buffer before
/// an unmapped page — seen here once in about ten runs of the whole suite,
/// which holds many descriptors open (swift-corelibs-foundation PR #5472).
///
/// The child gets `stdin`, `stdout` and `stderr` as its 0, 1 and 2, every
/// other descriptor closed (no test's pipe leaks into another's child), the
/// default signal actions and an empty signal mask.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    private struct State {
        var status: Int32?
        var waiters: [CheckedContinuation<Int32, Never>] = []
    }
    private let state = Mutex(State())

    public init(
        _ executable: String, _ arguments: [String], environment: [String: String], directory: String? = nil,
        stdin: Int32, stdout: Int32, stderr: Int32
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        if let directory { try Self.changeDirectory(&actions, directory) }
        Self.closeTheRest(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
        pid = child
        let spawned = child
        Thread.detachNewThread { [self] in
            var status: Int32 = 0
            while waitpid(spawned, &status, 0) < 0 && errno == EINTR {}
            // As Foundation's `terminationStatus`: the exit code, or the signal that ended it.
            let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : status & 0x7f
            let waiters = self.state.withLock { state in
                state.status = code
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: code) }
        }
    }

    public var isRunning: Bool { state.withLock { $0.status == nil } }

    /// The exit status once the child has ended.
    public func exitStatus() async -> Int32 {
        await withCheckedContinuation { continuation in
            let done: Int32? = state.withLock { state in
                if let status = state.status { return status }
                state.waiters.append(continuation)
                return nil
            }
            if let done { continuation.resume(returning: done) }
        }
    }

    /// The child starts in `directory`: glibc's `posix_spawn_file_actions_addchdir_np`
    /// (2.29), which Swift's Glibc module does not declare, looked up by name.
    private static func changeDirectory(_ actions: inout posix_spawn_file_actions_t, _ directory: String) throws {
        typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else { throw POSIXError(.ENOSYS) }
        let result = directory.withCString { unsafeBitCast(symbol, to: AddChdir.self)(&actions, $0) }
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL) }
    }

    /// Every descriptor from 3 up closed in the child: glibc's
    /// `posix_spawn_file_actions_addclosefrom_np` (2.34), which Swift's Glibc
    /// module does not declare, looked up by name.
    private static func closeTheRest(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {  // nil: RTLD_DEFAULT
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
            return
        }
        // Older glibc: close each descriptor open now (read from /proc/self/fd by name, not by field copy).
        guard let directory = opendir("/proc/self/fd") else { return }
        defer { closedir(directory) }
        let own = dirfd(directory)
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
            if let fd = Int32(name), fd > 2, fd != own { posix_spawn_file_actions_addclose(&actions, fd) }
        }
    }
}
