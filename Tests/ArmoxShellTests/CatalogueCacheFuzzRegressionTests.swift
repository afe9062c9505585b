import ArmoxShell
import ArmoxTestSupport
import Foundation
import Testing

/// A bug the catalogue-cache fuzz target found (scripts/fuzz; the inputs are
/// in Fuzz/regressions/catalogue-cache/ and replayed by ArmoxFuzzTests).
@Suite("Fuzz regressions: catalogue cache")
struct CatalogueCacheFuzzRegressionTests {
    /// A header time of `nan` was read as a NaN fetch date, which is never
    /// stale (every comparison with NaN is false), so the shell never
    /// refreshed that cache in the background; `inf` and `1e400` were read
    /// as infinite dates. A time that is no finite number is a damaged cache.
    @Test(arguments: ["nan", "inf", "-inf", "1e400", "11e3007566"])
    func aFetchTimeThatIsNoFiniteNumberIsADamagedCache(time: String) throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.path + "/catalogue.txt"
        try Data("armox-catalogue\t2\t\(time)\nM\tgoogle/nano-banana\timage\ttext\t1\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(CatalogueCache(path: path).load() == nil)
        try Data("armox-catalogue\t2\t1800000000.5\nM\tgoogle/nano-banana\timage\ttext\t1\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(CatalogueCache(path: path).load()?.index.ids == ["google/nano-banana"])
    }
}
