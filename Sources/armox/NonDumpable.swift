#if canImport(Glibc)
import Glibc
#endif

/// armox holds a password in memory: on Linux the process is made
/// non-dumpable, so a crash leaves no core file with the key in it (and
/// other processes of the same user cannot ptrace it or read its memory).
enum NonDumpable {
    /// `PR_SET_DUMPABLE` of <linux/prctl.h>.
    static let setDumpable: Int32 = 4

    static func apply() {
        #if os(Linux)
        // sys/prctl.h is not in Swift's Glibc module, and prctl is C-variadic:
        // look it up and call it with the five integer arguments the kernel
        // reads (integers go in the same registers either way).
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        if let symbol = dlsym(nil, "prctl") {  // nil: RTLD_DEFAULT
            _ = unsafeBitCast(symbol, to: Prctl.self)(setDumpable, 0, 0, 0, 0)
        }
        #endif
    }
}
