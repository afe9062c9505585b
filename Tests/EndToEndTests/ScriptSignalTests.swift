import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A script ended by a signal: it says which jobs run on, leaves no partial
/// file, and exits 128 + the signal.
@Suite("Scripts ended by a signal")
struct ScriptSignalTests {
    /// Starts `armox --base-url … -c statements`; returns the process and its stderr pipe.
    static func start(_ server: SandboxServer, _ statements: String, in folder: URL) throws -> (SpawnedProcess, Pipe) {
        let process = SpawnedProcess()
        process.executableURL = ArmoxProcess.binary
        process.arguments = ["--base-url", server.baseURL, "-c", statements]
        process.environment = ArmoxProcess.environment(["ARMOX_API_KEY": SandboxKeys.valid])
        process.currentDirectoryURL = folder
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, err)
    }

    /// Waits (bounded) for `condition`.
    static func eventually(_ condition: () async throws -> Bool) async rethrows -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        while clock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    static func exitStatus(_ process: SpawnedProcess) async -> Int32 {
        _ = await eventually { !process.isRunning }
        return process.isRunning ? -1 : process.terminationStatus
    }

    @Test(arguments: [SIGTERM, SIGHUP, SIGINT])
    func aSignalDuringADownloadLeavesNoPartialFile(_ signo: Int32) async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await FaultEndToEndTests.withServer { server in
            await server.inject(.slowBody(seconds: 30), on: .files)
            let (process, err) = try Self.start(server, #"h = run google/nano-banana "a fox"; download $h out/"#, in: folder)
            let out = folder.appendingPathComponent("out").path
            let partial = await Self.eventually {
                ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).contains { $0.hasSuffix(".part") }
            }
            #expect(partial, "the download never started")
            kill(process.processIdentifier, signo)
            let status = await Self.exitStatus(process)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(status == 128 + signo, "\(stderr)")
            #expect(stderr.contains("interrupted"), "\(stderr)")
            let left = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            #expect(left.isEmpty, "left behind: \(left)")
        }
    }

    @Test func ctrlCInAScriptNamesTheJobsStillRunning() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var settings = SandboxConfiguration()
        settings.speed = 1
        let server = try await SandboxServer.start(settings)
        do {
            let (process, err) = try Self.start(server, #"clip = run google/veo-3 "waves"; echo never"#, in: folder)
            #expect(await Self.eventually { await server.ledger().count == 1 })
            try await Task.sleep(for: .milliseconds(300))
            kill(process.processIdentifier, SIGINT)
            let status = await Self.exitStatus(process)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(status == 130, "\(stderr)")
            let id = try #require(await server.ledger().first?.jobId)
            #expect(stderr.contains("interrupted: still running: \(id) (google/veo-3)"), "\(stderr)")
            #expect(stderr.contains("wait \(id)"), "\(stderr)")
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
