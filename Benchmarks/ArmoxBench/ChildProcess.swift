import ArmoxAPI
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One finished child process: its wall time, its peak resident memory and
/// how it ended.
struct ChildUsage {
    var seconds: Double
    /// Kilobytes, as Linux reports `ru_maxrss`.
    var peakKilobytes: Int
    /// The exit status, or 128 + the signal that ended it.
    var status: Int32
}

/// Runs `arguments` (the first looked up on PATH) with stdout to /dev/null
/// and stderr kept, and reports its usage.
///
/// The peak comes from GNU `/usr/bin/time` (`%M`) run between this process
/// and the child when it is there. A child's `ru_maxrss` counts the memory
/// of the process it was forked from (Linux carries the old address space's
/// high-water mark through `exec`), so measured directly a small child would
/// report this benchmark's own hundreds of megabytes of generated scripts;
/// `time` is small. Without it, `wait4`'s `ru_maxrss` of the direct child
/// is used, a floor of this process's size at the spawn.
func measureChild(_ arguments: [String]) -> ChildUsage {
    let timer = "/usr/bin/time"
    guard FileManager.default.isExecutableFile(atPath: timer) else { return spawnAndWait(arguments) }
    let report = NSTemporaryDirectory() + "armox-bench-time-\(getpid()).txt"
    defer { try? FileManager.default.removeItem(atPath: report) }
    var usage = spawnAndWait([timer, "-f", "%M", "-o", report] + arguments)
    let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
    // The last line is the figure; "Command exited with non-zero status" may precede it.
    guard let peak = text.split(separator: "\n").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
        fail("\(timer) reported no peak for \(arguments[0]): \(text)")
    }
    usage.peakKilobytes = peak
    return usage
}

/// `posix_spawnp` then `wait4`: wall time, `ru_maxrss` and exit status.
private func spawnAndWait(_ arguments: [String]) -> ChildUsage {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    // The environment is passed explicitly: `environ` is shared mutable
    // state to Swift 6's concurrency checking.
    let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
    defer {
        for pointer in argv { free(pointer) }
        for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let clock = ContinuousClock()
    let start = clock.now
    let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, &envp)
    guard spawned == 0 else { fail("cannot start \(arguments[0]): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        guard errno == EINTR else { fail("wait4 failed for \(arguments[0]): \(String(cString: strerror(errno)))") }
    }
    let seconds = (clock.now - start).seconds
    // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
    let ended = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return ChildUsage(seconds: seconds, peakKilobytes: usage.ru_maxrss, status: ended)
}
