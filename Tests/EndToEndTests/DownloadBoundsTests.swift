import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

/// Downloads have bounds: a size cap (ARMOX_MAX_DOWNLOAD, 2 GiB by default)
/// and a stall timeout (ARMOX_TIMEOUT), each named in its error, with
/// nothing left on disk.
@Suite("Download bounds")
struct DownloadBoundsTests {
    func download(_ fault: SandboxFault, environment: [String: String]) async throws -> (ArmoxProcess.Result, [String]) {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var outcome: (ArmoxProcess.Result, [String])?
        try await FaultEndToEndTests.withServer { server in
            await server.inject(fault, on: .files)
            let result = try await ArmoxProcess.run(
                ["--base-url", server.baseURL, "-c", #"h = run google/nano-banana "a fox"; download $h out/"#],
                environment: ["ARMOX_API_KEY": SandboxKeys.valid].merging(environment) { $1 }, timeout: .seconds(40),
                currentDirectory: folder)
            outcome = (result, (try? FileManager.default.contentsOfDirectory(atPath: folder.path + "/out")) ?? [])
        }
        return try #require(outcome)
    }

    @Test func aBodyThatNeverEndsStopsAtTheCap() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let (result, left) = try await download(.endless(pieceBytes: 65_536, pause: 0), environment: ["ARMOX_MAX_DOWNLOAD": "4M"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("the file is too large (more than 4194304 bytes; the cap is 4194304 bytes, set with ARMOX_MAX_DOWNLOAD)"), "\(result.stderr)")
        #expect(left.isEmpty, "left behind: \(left)")
        #expect(clock.now - started < .seconds(30))
    }

    @Test func aDeclaredSizeOverTheCapFetchesNothing() async throws {
        let (result, left) = try await download(.oversized(bytes: 3_000_000), environment: ["ARMOX_MAX_DOWNLOAD": "1M"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the file is too large (3000000 bytes; the cap is 1048576 bytes"), "\(result.stderr)")
        #expect(left.isEmpty)
    }

    @Test func aTrickleEndsAtTheTimeout() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let (result, left) = try await download(.endless(pieceBytes: 1, pause: 0.5), environment: ["ARMOX_TIMEOUT": "4"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("the download stalled:"), "\(result.stderr)")
        #expect(result.stderr.contains("ARMOX_TIMEOUT sets the time"))
        #expect(left.isEmpty, "left behind: \(left)")
        #expect(clock.now - started < .seconds(20))
    }

    @Test func aBadCapIsAWarningAndTheDefaultHolds() async throws {
        let result = try await ArmoxProcess.run(["--sandbox", "-c", "echo ok"], environment: ["ARMOX_MAX_DOWNLOAD": "lots"])
        #expect(result.status == 0)
        #expect(result.stderr == "armox: warning: ARMOX_MAX_DOWNLOAD=lots is not a size in bytes (like 500M or 4G); using the default 2G\n")
    }
}
