import ArmoxFuzzTargets
import Foundation

/// libFuzzer's entry points (`armox-fuzz` built by `scripts/fuzz` with
/// `--sanitize=fuzzer`, where libFuzzer provides `main`). One binary holds
/// every target; `ARMOX_FUZZ_TARGET` names the one a run fuzzes.

/// The target named by `ARMOX_FUZZ_TARGET`; the process stops with the list
/// of names when it names none.
let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["ARMOX_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("armox-fuzz: set ARMOX_FUZZ_TARGET to one of: \(names)\n".utf8))
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = selectedTarget
    return 0
}

/// One input. A broken property stops the process with its message, so
/// libFuzzer keeps the input as a crash (run with `SWIFT_BACKTRACE=enable=no`,
/// or Swift's backtracer takes the signal before libFuzzer can save it).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        try selectedTarget.check(bytes)
    } catch {
        fatalError("\(selectedTarget.rawValue): \(error)")
    }
    return 0
}
