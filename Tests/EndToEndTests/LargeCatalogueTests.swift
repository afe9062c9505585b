import ArmoxTestSupport
import Foundation
import Testing

/// A server with a large catalogue and no cache: the prompt comes at once,
/// the catalogue is fetched in the background (under its own cap, far above
/// a job's), TAB then offers its ids, and the cache is written for the next
/// session. (How fast, for 100,000 models: `scripts/bench catalogue`.)
@Suite("A large catalogue over HTTP")
struct LargeCatalogueTests {
    @Test func tabOffersTheIdsOfA20000ModelCatalogueFetchedInTheBackground() async throws {
        let folder = try makeScratchFolder("armox-large")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.path + "/cache"
        let terminal = try PseudoTerminal(
            ["--sandbox"], environment: ["ARMOX_SANDBOX_SYNTHETIC_MODELS": "20000", "XDG_CACHE_HOME": cache])
        #expect(await terminal.waitFor("armox> "), "\(terminal.output)")
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        var offered = false
        while !offered, clock.now < deadline {
            let mark = terminal.output.count
            terminal.type("run synthetic/model-1999\t\t")
            offered = await terminal.waitFor("synthetic/model-19995", after: mark, timeout: .seconds(2))
            if !offered { terminal.type("\u{15}") }  // Ctrl-U, and TAB again once the fetch is in
        }
        #expect(offered, "TAB never offered the large catalogue's ids: \(terminal.output.suffix(2000))")
        terminal.type("\u{15}")
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: cache + "/armox")) ?? []
        let written = try #require(files.first { $0.hasPrefix("catalogue-") }, "no cache written: \(files)")
        let text = try String(contentsOfFile: cache + "/armox/" + written, encoding: .utf8)
        #expect(text.contains("synthetic/model-20000"))
        #expect(text.contains("google/nano-banana"))
    }
}
