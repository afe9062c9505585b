#if !ARMOX_LIBFUZZER
import ArmoxFuzzTargets
import Foundation

/// Without libFuzzer (a plain `swift build`), `armox-fuzz` replays inputs:
///
///     swift run armox-fuzz TARGET FILE|FOLDER…
///
/// runs every file through the target's checks and prints each broken
/// property; it exits 1 when any broke. (scripts/fuzz builds with
/// `-D ARMOX_LIBFUZZER`, which leaves this out: libFuzzer brings `main`.)
@main
struct ReplayCommand {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            print("usage: armox-fuzz \(names) FILE|FOLDER…")
            exit(2)
        }
        var failed = 0
        var count = 0
        for path in arguments.dropFirst() {
            for file in files(at: path) {
                count += 1
                guard let data = FileManager.default.contents(atPath: file) else {
                    print("\(file): cannot read")
                    failed += 1
                    continue
                }
                do {
                    try target.check(Array(data))
                } catch {
                    print("\(file): \(error)")
                    failed += 1
                }
            }
        }
        print("\(target.rawValue): \(count - failed) of \(count) inputs keep every property")
        exit(failed == 0 ? 0 : 1)
    }

    static func files(at path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
    }
}
#endif
