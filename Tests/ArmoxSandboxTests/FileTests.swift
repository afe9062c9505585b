import ArmoxSandbox
import Foundation
import Testing

@Suite("Output files")
struct FileTests {
    static func bigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func littleEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Runs a model to completion and fetches its first output, without a key.
    static func output(
        _ sandbox: SandboxHarness, model: String, input: String, key: String
    ) async throws -> Reply {
        let reply = try await sandbox.run(model, input: input)
        let id = try #require(try reply.object().string("id"))
        let record = try await sandbox.waitTerminal(id)
        let url = try #require(record.object("output_data").string(key), "no \(key) in \(record)")
        #expect(url.hasPrefix("\(sandbox.origin)/files/\(id)/"))
        let file = try await sandbox.withKey(nil).get(url)
        #expect(file.status == 200)
        return file
    }

    @Test("images are real PNGs whose size follows the aspect ratio")
    func png() async throws {
        try await SandboxHarness.with { sandbox in
            let file = try await Self.output(
                sandbox, model: "google/nano-banana", input: #"{"prompt": "x", "aspect_ratio": "16:9"}"#, key: "outputImage")
            #expect(file.header("Content-Type") == "image/png")
            let bytes = file.body
            #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            #expect(Self.bigEndian(bytes, at: 8) == 13)
            #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
            #expect(Self.bigEndian(bytes, at: 16) == 64)
            #expect(Self.bigEndian(bytes, at: 20) == 36)
            #expect(bytes[24] == 8 && bytes[25] == 2)
            #expect(String(decoding: bytes.suffix(8).prefix(4), as: UTF8.self) == "IEND")
            #expect(file.header("Content-Length") == String(bytes.count))
        }
    }

    @Test("different jobs draw different pictures; output_format jpg gives a JPEG")
    func variety() async throws {
        try await SandboxHarness.with { sandbox in
            let first = try await Self.output(sandbox, model: "google/nano-banana", input: #"{"prompt": "a"}"#, key: "outputImage")
            let second = try await Self.output(sandbox, model: "google/nano-banana", input: #"{"prompt": "b"}"#, key: "outputImage")
            #expect(first.body != second.body)
            let jpeg = try await Self.output(
                sandbox, model: "google/nano-banana", input: #"{"prompt": "c", "output_format": "jpg"}"#, key: "outputImage")
            #expect(jpeg.header("Content-Type") == "image/jpeg")
            #expect(Array(jpeg.body.prefix(3)) == [0xFF, 0xD8, 0xFF])
        }
    }

    @Test("audio is a RIFF/WAVE file")
    func wav() async throws {
        try await SandboxHarness.with { sandbox in
            let file = try await Self.output(sandbox, model: "elevenlabs/music", input: #"{"prompt": "lofi"}"#, key: "outputAudio")
            #expect(file.header("Content-Type") == "audio/wav")
            #expect(String(decoding: file.body[0..<4], as: UTF8.self) == "RIFF")
            #expect(Self.littleEndian(file.body, at: 4) == UInt32(file.body.count - 8))
            #expect(String(decoding: file.body[8..<16], as: UTF8.self) == "WAVEfmt ")
        }
    }

    @Test("3D models are binary glTF 2.0")
    func glb() async throws {
        try await SandboxHarness.with { sandbox in
            let file = try await Self.output(sandbox, model: "tencent/hunyuan-3d", input: "{}", key: "outputModel")
            #expect(file.header("Content-Type") == "model/gltf-binary")
            #expect(String(decoding: file.body[0..<4], as: UTF8.self) == "glTF")
            #expect(Self.littleEndian(file.body, at: 4) == 2)
            #expect(Self.littleEndian(file.body, at: 8) == UInt32(file.body.count))
            #expect(String(decoding: file.body[16..<20], as: UTF8.self) == "JSON")
            let jsonLength = Int(Self.littleEndian(file.body, at: 12))
            let json = try JSONSerialization.jsonObject(with: Data(file.body[20..<20 + jsonLength])) as? [String: Any]
            #expect((json?["asset"] as? [String: Any])?["version"] as? String == "2.0")
        }
    }

    @Test("videos are MP4 files")
    func mp4() async throws {
        try await SandboxHarness.with { sandbox in
            let file = try await Self.output(
                sandbox, model: "xai/grok-video-image-to-video", input: #"{"prompt": "waves"}"#, key: "outputVideo")
            #expect(file.header("Content-Type") == "video/mp4")
            #expect(file.body.count > 1_000)
            #expect(String(decoding: file.body[4..<8], as: UTF8.self) == "ftyp")
        }
    }

    @Test("unknown files, and files of unfinished jobs, are 404; app thumbnails are served")
    func missing() async throws {
        var configuration = SandboxHarness.fast
        configuration.speed = SandboxConfiguration.maxSpeed  // the video job stays unfinished
        try await SandboxHarness.with(configuration) { sandbox in
            let unknown = try await sandbox.get("\(sandbox.origin)/files/job_nope/output.png")
            #expect(unknown.status == 404)
            #expect(try unknown.errorMessage() == "Not found")
            let id = try #require(try await sandbox.run("google/veo-3", input: #"{"prompt": "x"}"#).object().string("id"))
            #expect(try await sandbox.get("\(sandbox.origin)/files/\(id)/output.mp4").status == 404)

            let apps = try await sandbox.get("/apps").object()["data"] as? [[String: Any]] ?? []
            let thumbnail = try #require(apps.first?.string("thumbnail_url"))
            let image = try await sandbox.withKey(nil).get(thumbnail)
            #expect(image.status == 200 && image.header("Content-Type") == "image/png")
            #expect(await sandbox.server.requestCount(.files) == 3)
        }
        try await SandboxHarness.with { sandbox in
            let id = try #require(try await sandbox.run("google/nano-banana", input: #"{"prompt": "x"}"#).object().string("id"))
            #expect(try await sandbox.get("\(sandbox.origin)/files/\(id)/output.png").status == 200)
            #expect(try await sandbox.get("\(sandbox.origin)/files/\(id)/other.png").status == 404)
        }
    }
}
