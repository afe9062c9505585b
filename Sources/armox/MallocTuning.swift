#if canImport(Glibc)
import Glibc
#endif

/// glibc's malloc grows its heaps 128 KiB at a time, each step an `mprotect`
/// or `brk` call and a split of the heap's mapping. Reading a 100,000-model
/// catalogue allocates some 100 MB in small pieces, and those steps were 6%
/// of a profile of `models` over it (BENCHMARKS.md, issue 18). A
/// 32 MiB pad makes them a few steps; it is address space, not memory: pages
/// are only resident once written. (At 64 MiB an arena kept enough freed
/// pages that `m = models` peaked 32 MB higher in half the runs.)
enum MallocTuning {
    static let topPad: Int32 = 32 << 20
    /// `M_TOP_PAD` of <malloc.h>, a header Swift's Glibc module leaves out.
    static let optionTopPad: Int32 = -2

    static func apply() {
        #if os(Linux)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        if let symbol = dlsym(nil, "mallopt") {  // nil: RTLD_DEFAULT
            _ = unsafeBitCast(symbol, to: Mallopt.self)(optionTopPad, topPad)
        }
        #endif
    }
}
