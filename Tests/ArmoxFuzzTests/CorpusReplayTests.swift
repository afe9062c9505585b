import ArmoxFuzzTargets
import Foundation
import Testing

/// Every committed fuzz input (`Fuzz/corpus/<target>/`, the seeds, and
/// `Fuzz/regressions/<target>/`, inputs that once broke something) replayed
/// through its target's checks: the same properties libFuzzer checks under
/// scripts/fuzz, in plain `swift test`, without the sanitizer build.
@Suite("Fuzz corpus replay")
struct CorpusReplayTests {
    /// The repository's `Fuzz/` folder, from this file's place in it.
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(_ kind: String, _ target: FuzzTarget) -> [URL] {
        let folder = fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everySeedKeepsEveryProperty(_ target: FuzzTarget) throws {
        let seeds = Self.inputs("corpus", target)
        #expect(seeds.count >= 3, "\(target.rawValue) has \(seeds.count) seeds")
        for file in seeds + Self.inputs("regressions", target) {
            let bytes = Array(try Data(contentsOf: file))
            #expect(bytes.count <= target.maxLength, "\(file.lastPathComponent) is longer than the fuzzer's -max_len")
            do {
                try target.check(bytes)
            } catch {
                Issue.record("\(target.rawValue)/\(file.lastPathComponent): \(error)")
            }
        }
    }
}
