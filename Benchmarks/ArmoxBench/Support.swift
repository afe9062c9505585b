import Foundation

#if canImport(Glibc)
import Glibc
#endif

// What every benchmark shares: flags, a seeded generator, percentiles, and
// the process's resident memory.

/// `--name value` flags after the subcommand; unknown flags end the program (64).
struct Flags {
    private var values: [String: String] = [:]

    init(_ arguments: ArraySlice<String>, known: Set<String>) {
        var rest = arguments
        while let flag = rest.popFirst() {
            guard known.contains(flag), let value = rest.popFirst() else {
                fail("unknown argument or missing value: \(flag) (known: \(known.sorted().joined(separator: ", ")))")
            }
            values[flag] = value
        }
    }

    func int(_ name: String, _ fallback: Int) -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")) else { fail("\(name) takes a number, not \(text)") }
        return value
    }

    func string(_ name: String) -> String? { values[name] }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("armox-bench: \(message)\n".utf8))
    exit(64)
}

/// SplitMix64: the same sequence on every machine for a given seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Nearest-rank percentile (`p` in 0...1) of values sorted ascending; the
/// Python baselines use the same rule.
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let rank = Int((p * Double(sorted.count)).rounded(.up))
    return sorted[min(max(rank, 1), sorted.count) - 1]
}

func median(_ values: [Double]) -> Double { percentile(values.sorted(), 0.5) }

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1e3 + Double(attoseconds) * 1e-15
    }
}

/// `VmRSS` and `VmHWM` of this process in kB, from /proc/self/status (0 when unreadable).
func residentMemory() -> (rss: Int, peak: Int) {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
    func field(_ name: String) -> Int {
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            return Int(line.dropFirst(name.count + 1).filter(\.isNumber)) ?? 0
        }
        return 0
    }
    return (field("VmRSS"), field("VmHWM"))
}

/// Bytes malloc has handed out and not had back: glibc's `mallinfo2()`
/// `uordblks + hblkhd` (0 where it cannot be asked). malloc.h is not in
/// Swift's Glibc module, so it is looked up with dlsym; `struct mallinfo2`
/// (ten size_t) comes back through the hidden result pointer, which the
/// x86-64 System V ABI passes as the first argument.
func heapInUse() -> Int {
    #if os(Linux) && arch(x86_64)
    typealias MallInfo2 = @convention(c) (UnsafeMutableRawPointer) -> UnsafeMutableRawPointer
    guard let symbol = dlsym(nil, "mallinfo2") else { return 0 }  // nil: RTLD_DEFAULT
    var fields = [Int](repeating: 0, count: 10)
    _ = fields.withUnsafeMutableBytes { unsafeBitCast(symbol, to: MallInfo2.self)($0.baseAddress!) }
    return fields[7] + fields[4]
    #else
    return 0
    #endif
}

/// glibc's `malloc_trim(0)`: gives free heap pages back to the system
/// (looked up with dlsym, as above); false where there is none.
func trimHeap() -> Bool {
    #if os(Linux)
    typealias MallocTrim = @convention(c) (Int) -> Int32
    guard let symbol = dlsym(nil, "malloc_trim") else { return false }
    _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
    return true
    #else
    return false
    #endif
}

func mebibytes(kilobytes: Int) -> String { String(format: "%.1f MiB", Double(kilobytes) / 1024) }
func mebibytes(bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
