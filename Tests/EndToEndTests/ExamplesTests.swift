import ArmoxTestSupport
import Foundation
import Testing

/// Each script in Examples/ runs against the sandbox as a new user would run
/// it, and produces what it says it does.
@Suite("Examples/ run against the sandbox")
struct ExamplesTests {
    static let examples: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples")

    func run(_ name: String, _ arguments: [String] = [], in folder: URL? = nil) async throws -> ArmoxProcess.Result {
        let result = try await ArmoxProcess.run(
            ["--sandbox", Self.examples.appendingPathComponent(name).path] + arguments,
            environment: ["ARMOX_SANDBOX_SPEED": "0.05"], currentDirectory: folder)
        #expect(result.status == 0, "\(name) failed: \(result.stderr)")
        return result
    }

    @Test func thereAreAtLeastFiveAndAllAreExecutable() throws {
        let scripts = try FileManager.default.contentsOfDirectory(atPath: Self.examples.path).filter { $0.hasSuffix(".armox") }
        #expect(scripts.count >= 5)
        for script in scripts {
            let text = try String(contentsOf: Self.examples.appendingPathComponent(script), encoding: .utf8)
            #expect(text.hasPrefix("#!/usr/bin/env armox\n"), "\(script) has no shebang")
            #expect(FileManager.default.isExecutableFile(atPath: Self.examples.appendingPathComponent(script).path))
        }
    }

    @Test func firstImage() async throws {
        let result = try await run("01-first-image.armox")
        #expect(result.stdout.contains("google/nano-banana"))
        #expect(result.stdout.contains("is completed; it cost 70 credits"))
        #expect(result.stdout.contains("image: http://127.0.0.1:"))
    }

    @Test func settingsAndVariables() async throws {
        let result = try await run("02-settings-and-variables.armox")
        #expect(result.stdout.contains("watercolour: 2 images, first at http://"))
        #expect(result.stdout.contains("1970s travel poster: 2 images"))
        #expect(result.stdout.contains("at night: 1 image"))
        #expect(result.stdout.contains("$subject"))
    }

    @Test func videoWaitedOn() async throws {
        let result = try await run("03-video.armox")
        #expect(result.stdout.hasPrefix("video ready: http://"))
        #expect(result.stdout.contains(".mp4"))
    }

    @Test func batchWaitedOnTogether() async throws {
        let result = try await run("04-batch.armox")
        #expect(result.stdout.components(separatedBy: "completed  http://").count == 5)
        #expect(result.stdout.contains("elevenlabs/music"))
    }

    @Test func appRunWithDownloads() async throws {
        let folder = try makeScratchFolder("armox-examples")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await run("05-app-and-downloads.armox", ["out"], in: folder)
        #expect(result.stdout.contains("Sketch to Render"))
        #expect(result.stdout.contains("under out/"))
        for sub in ["out/sketch", "out/render"] {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(sub).path)
            #expect(!files.isEmpty, "\(sub) is empty")
            for file in files {
                let data = try Data(contentsOf: folder.appendingPathComponent(sub).appendingPathComponent(file))
                #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(sub)/\(file) is not a PNG")
            }
        }
    }
}
