import ArmoxScript
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The program `open` hands outputs to: `xdg-open` on Linux, `open` on macOS.
///
/// Found from the session's environment, never assumed: on Linux only when a
/// desktop session is there (`DISPLAY` or `WAYLAND_DISPLAY`; over plain SSH
/// xdg-open would start a text browser on the very terminal armox is using),
/// and on either system only when the program is on `PATH`. Without one,
/// `open` prints the URLs instead.
public struct DesktopOpener: Equatable, Sendable {
    public let path: String

    /// The opener `environment` offers, or nil.
    public static func find(in environment: [String: String]) -> DesktopOpener? {
        #if os(macOS)
        let name = "open"
        #else
        let name = "xdg-open"
        let desktop = [environment["DISPLAY"], environment["WAYLAND_DISPLAY"]].contains { !($0 ?? "").isEmpty }
        guard desktop else { return nil }
        #endif
        return onPath(name, environment["PATH"] ?? "/usr/bin:/bin").map(DesktopOpener.init)
    }

    /// The first executable `name` in the folders of `path`. Relative entries
    /// (an empty one is the working directory to a shell) are skipped.
    static func onPath(_ name: String, _ path: String) -> String? {
        for folder in path.split(separator: ":") where folder.hasPrefix("/") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    var name: String { (path as NSString).lastPathComponent }

    /// Starts the opener on `url` and returns as soon as it runs: `open` never
    /// waits for it (xdg-open may wait for the browser it starts). It is
    /// spawned here rather than through Foundation's `Process`, which hands
    /// the child the calling thread's signal mask: armox's threads block
    /// SIGINT, SIGTERM and SIGHUP, and a browser started with those blocked
    /// could not be stopped by them.
    ///
    /// - No signal blocked, every signal's handling the default.
    /// - A process group of its own: Ctrl-C at the prompt does not reach it.
    /// - stdin, stdout and stderr on /dev/null: it can neither read the keys
    ///   typed at the prompt nor draw over it.
    /// - The session's environment without `ARMOX_API_KEY`: a browser has no
    ///   use for the key.
    /// - Waited for on a thread of its own, so it leaves no zombie behind.
    public func start(_ url: String, environment: [String: String]) throws {
        var environment = environment
        environment["ARMOX_API_KEY"] = nil
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup(path), strdup(url), nil]
        let variables: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
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
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let failure = posix_spawn(&pid, path, &actions, &attributes, arguments, variables)
        guard failure == 0 else { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
        let child = pid
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(child, &status, 0) == -1 && errno == EINTR {}
        }
    }
}

/// `open`'s opener: the desktop's, found afresh in the session's environment
/// each time (see `DesktopOpener`).
public struct DesktopOpeners: Opener {
    public init() {}

    public func program(in environment: [String: String]) -> String? {
        DesktopOpener.find(in: environment)?.path
    }

    public func start(_ program: String, on url: String, environment: [String: String]) throws {
        try DesktopOpener(path: program).start(url, environment: environment)
    }
}
