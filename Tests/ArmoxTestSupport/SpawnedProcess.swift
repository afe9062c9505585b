import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawn`, for what the tests once used
/// Foundation's `Process` for (the same properties, so a call site changes
/// only its type).
///
/// Foundation's `Process.run()` on Linux lists `/proc/self/fd` copying each
/// entry's whole 256-byte name field, and reads past glibc's buffer when an
/// entry sits at its end before an unmapped page (swift-corelibs-foundation
/// pull request 5472): the whole test process once died of SIGSEGV there,
/// in the middle of a suite run. Here the child closes every descriptor
/// from 3 up with `posix_spawn_file_actions_addclosefrom_np` instead.
public final class SpawnedProcess: @unchecked Sendable {
    public var executableURL: URL?
    public var arguments: [String] = []
    /// The child's whole environment; nil inherits this process's.
    public var environment: [String: String]?
    public var currentDirectoryURL: URL?
    /// A `Pipe`, a `FileHandle` (`FileHandle.nullDevice` is /dev/null), or
    /// nil to share this process's.
    public var standardInput: Any?
    public var standardOutput: Any?
    public var standardError: Any?
    /// Called on a thread of its own once the child has ended.
    public var terminationHandler: (@Sendable (SpawnedProcess) -> Void)?

    private let state = Mutex<(pid: pid_t, status: Int32?)>((0, nil))

    public init() {}

    public var processIdentifier: Int32 { state.withLock { $0.pid } }
    public var isRunning: Bool { state.withLock { $0.pid != 0 && $0.status == nil } }
    /// As `Process` gives it: the exit code, or the signal that ended the child.
    public var terminationStatus: Int32 { state.withLock { $0.status ?? 0 } }

    /// Blocks until the child has ended.
    public func waitUntilExit() {
        while isRunning { usleep(5_000) }
    }

    public func terminate() {
        if isRunning { kill(processIdentifier, SIGTERM) }
    }

    public func run() throws {
        guard let path = executableURL?.path else { throw POSIXError(.ENOENT) }
        let arguments = ([path] + self.arguments).map { strdup($0) } + [nil]
        let variables = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in arguments { free(pointer) }
            for pointer in variables { free(pointer) }
        }
        #if canImport(Glibc)
        var attributes = posix_spawnattr_t()
        var actions = posix_spawn_file_actions_t()
        #else
        var attributes: posix_spawnattr_t?
        var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var parentEnds: [FileHandle] = []
        for (stream, target) in [(standardInput, Int32(0)), (standardOutput, 1), (standardError, 2)] {
            switch stream {
            case let pipe as Pipe:
                let child = target == 0 ? pipe.fileHandleForReading : pipe.fileHandleForWriting
                posix_spawn_file_actions_adddup2(&actions, child.fileDescriptor, target)
                parentEnds.append(child)
            case let handle as FileHandle where handle === FileHandle.nullDevice:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
            case let handle as FileHandle:
                posix_spawn_file_actions_adddup2(&actions, handle.fileDescriptor, target)
            default:
                break
            }
        }
        try Self.spawnExtensions.closeFrom(&actions, 3)
        if let directory = currentDirectoryURL?.path {
            try Self.spawnExtensions.changeDirectory(&actions, directory)
        }

        var pid: pid_t = 0
        let failure = posix_spawn(&pid, path, &actions, &attributes, arguments, variables)
        guard failure == 0 else { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
        // The child holds its ends now: a reader here sees the end of a pipe once the child's is closed.
        for handle in parentEnds { try? handle.close() }
        state.withLock { $0.pid = pid }
        let child = pid
        Thread.detachNewThread { [self] in
            var status: Int32 = 0
            while waitpid(child, &status, 0) == -1 && errno == EINTR {}
            let signal = status & 0x7F
            let ended = signal == 0 ? (status >> 8) & 0xFF : signal
            state.withLock { $0.status = ended }
            terminationHandler?(self)
        }
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34) and
    /// `…_addchdir_np` (2.29), which Swift's Glibc module does not declare.
    private struct SpawnExtensions: @unchecked Sendable {
        #if canImport(Glibc)
        typealias Actions = UnsafeMutablePointer<posix_spawn_file_actions_t>
        #else
        typealias Actions = UnsafeMutablePointer<posix_spawn_file_actions_t?>
        #endif
        let addClosefrom: (@convention(c) (Actions, Int32) -> Int32)?
        let addChdir: (@convention(c) (Actions, UnsafePointer<CChar>) -> Int32)?

        func closeFrom(_ actions: Actions, _ lowest: Int32) throws {
            guard let addClosefrom else { throw POSIXError(.ENOSYS) }
            let failure = addClosefrom(actions, lowest)
            guard failure == 0 else { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EINVAL) }
        }

        func changeDirectory(_ actions: Actions, _ directory: String) throws {
            guard let addChdir else { throw POSIXError(.ENOSYS) }
            let failure = directory.withCString { addChdir(actions, $0) }
            guard failure == 0 else { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EINVAL) }
        }
    }

    private static let spawnExtensions: SpawnExtensions = {
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(nil, name).map { unsafeBitCast($0, to: type) }  // nil: RTLD_DEFAULT
        }
        return SpawnExtensions(
            addClosefrom: symbol("posix_spawn_file_actions_addclosefrom_np", as: (@convention(c) (SpawnExtensions.Actions, Int32) -> Int32).self),
            addChdir: symbol("posix_spawn_file_actions_addchdir_np", as: (@convention(c) (SpawnExtensions.Actions, UnsafePointer<CChar>) -> Int32).self))
    }()
}
