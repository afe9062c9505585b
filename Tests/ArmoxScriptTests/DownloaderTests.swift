import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Hummingbird
import Synchronization
import Testing

@testable import ArmoxScript

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// MARK: Helpers

/// A fresh folder under the temporary directory, removed afterwards.
private func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let directory = try makeScratchFolder("armox-download").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try await body(directory)
}

/// Every entry under `directory`, relative, sorted (hidden ones included).
private func entries(_ directory: String) -> [String] {
    (FileManager.default.subpaths(atPath: directory) ?? []).sorted()
}

private func bytes(_ path: String) -> [UInt8] {
    FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
}

private let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

/// The body of `url`, fetched with Foundation's own HTTP stack (not the code under test).
private func directGET(_ url: String) async throws -> [UInt8] {
    let (data, _) = try await URLSession.shared.data(from: URL(string: url)!)
    return [UInt8](data)
}

/// The error `operation` throws, whatever it is.
private func thrown(_ operation: () async throws -> Void) async -> (any Error)? {
    do {
        try await operation()
        return nil
    } catch {
        return error
    }
}

/// What the scratch file server saw.
private final class Hits: Sendable {
    let requests = Mutex<[(path: String, authorization: String?)]>([])
    var paths: [String] { requests.withLock { $0.map(\.path) } }
    var authorizations: [String?] { requests.withLock { $0.map(\.authorization) } }
}

/// A loopback file server with the answers the sandbox has no reason to give.
///
/// - `/truncated.png`: declares 100000 bytes, sends 10, then drops the connection
/// - `/slow.png`: declares 100000 bytes, sends 10, then stalls for 30 s
/// - `/missing.png`: 404 with a plain-text body
/// - `/go/photo.png`: 302 to `/storage/abc123?sig=secret`
/// - `/loop/N`: 302 to `/loop/N+1`, forever
/// - anything else: 200, `Content-Type` from the `type` query item (default
///   `image/png`), a PNG signature followed by the request path
/// Whether `/slow.png` was asked for and its temporary file appeared in
/// `directory` within ten seconds (it takes milliseconds, unless the machine is loaded).
private func slowBodyStarted(in directory: String, _ hits: Hits) async throws -> Bool {
    for _ in 0..<1000 {
        if entries(directory).contains(where: { $0.hasSuffix(".part") }), hits.paths.contains("/slow.png") { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return false
}

private func withFileServer<T>(_ body: (String, Hits) async throws -> T) async throws -> T {
    let hits = Hits()
    let responder = CallbackResponder<BasicRequestContext> { request, _ in
        let path = request.uri.path
        hits.requests.withLock { $0.append((path, request.headers[.authorization])) }
        switch path {
        case "/truncated.png", "/slow.png":
            let stall = path == "/slow.png"
            return Response(
                status: .ok, headers: [.contentType: "image/png", .contentLength: "100000"],
                body: ResponseBody(contentLength: 100000) { writer in
                    try await writer.write(ByteBuffer(bytes: pngSignature + [1, 2]))
                    if stall { try await Task.sleep(for: .seconds(30)) }
                    throw CancellationError()
                })
        case "/missing.png":
            return Response(status: .notFound, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "no such object")))
        case "/go/photo.png":
            return Response(status: .found, headers: [.location: "/storage/abc123?sig=secret"])
        case let loop where loop.hasPrefix("/loop/"):
            let n = Int(loop.dropFirst("/loop/".count)) ?? 0
            return Response(status: .found, headers: [.location: "/loop/\(n + 1)"])
        default:
            let type = request.uri.queryParameters["type"].map(String.init) ?? "image/png"
            return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: pngSignature + Array(path.utf8))))
        }
    }
    let server = try await LoopbackServer.start(responder)
    do {
        let result = try await body("http://127.0.0.1:\(server.port)", hits)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// A client that is not pointed at the file server (it must not need to be)
/// and holds a key that must never be sent.
private let secretKey = "sk_live_download_must_never_send_this_1234"

private func withClient<T>(requestTimeout: Duration = .seconds(10), trace: (@Sendable (String) -> Void)? = nil, _ body: (ArmoxClient) async throws -> T) async throws -> T {
    var configuration = ArmoxConfiguration(baseURL: "http://127.0.0.1:1/api/v1", apiKey: secretKey)
    configuration.retry = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10), maxDelay: .milliseconds(20), maxRetryAfter: .seconds(1))
    configuration.requestTimeout = requestTimeout
    let client = ArmoxClient(configuration: configuration, trace: trace)
    do {
        let result = try await body(client)
        await client.shutdown()
        return result
    } catch {
        await client.shutdown()
        throw error
    }
}

// MARK: Against the sandbox

@Suite("Downloader: sandbox outputs")
struct DownloaderSandboxTests {
    @Test func savesAJobOutputWithItsOwnNameAndExactBytes() async throws {
        try await withSandbox { server, client in
            let job = try await client.run(model: "google/nano-banana", input: ["prompt": .string("a cat")])
            let url = try #require(job.outputURLs.first)
            try await withTemporaryDirectory { directory in
                let saved = try await Downloader(client: client).download([url], to: directory, force: false, workingDirectory: "/")
                let expectedName = String(url.split(separator: "/").last!)
                #expect(saved == [directory + "/" + expectedName])
                let direct = try await directGET(url)
                #expect(Array(direct.prefix(8)) == pngSignature)
                #expect(bytes(saved[0]) == direct)
                #expect(entries(directory) == [expectedName])
                let mode = try FileManager.default.attributesOfItem(atPath: saved[0])[.posixPermissions] as? Int
                #expect(mode == 0o644)
                #expect(await server.requestCount(.files) == 2)
            }
        }
    }

    @Test func noTargetMeansTheWorkingDirectory() async throws {
        try await withSandbox { _, client in
            let job = try await client.run(model: "google/nano-banana", input: ["prompt": .string("a cat")])
            try await withTemporaryDirectory { directory in
                let saved = try await Downloader(client: client).download(job.outputURLs, to: nil, force: false, workingDirectory: directory)
                #expect(saved.count == job.outputURLs.count)
                #expect(saved.allSatisfy { $0.hasPrefix(directory + "/") })
                #expect(saved.allSatisfy { Array(bytes($0).prefix(8)) == pngSignature })
            }
        }
    }

    @Test func aFileTargetIsTheFileItself() async throws {
        try await withSandbox { _, client in
            let job = try await client.run(model: "google/nano-banana", input: ["prompt": .string("a cat")])
            let url = try #require(job.outputURLs.first)
            try await withTemporaryDirectory { directory in
                let saved = try await Downloader(client: client).download([url], to: "hero.png", force: false, workingDirectory: directory)
                #expect(saved == [directory + "/hero.png"])
                #expect(bytes(saved[0]) == (try await directGET(url)))
                #expect(entries(directory) == ["hero.png"])
            }
        }
    }

    @Test func forceIsNeededToReplaceAndARefusalFetchesNothing() async throws {
        try await withSandbox { server, client in
            let job = try await client.run(model: "google/nano-banana", input: ["prompt": .string("a cat")])
            let url = try #require(job.outputURLs.first)
            let downloader = Downloader(client: client)
            try await withTemporaryDirectory { directory in
                let saved = try await downloader.download([url], to: directory, force: false, workingDirectory: "/")
                let path = saved[0]
                try Data("my own edits".utf8).write(to: URL(fileURLWithPath: path))
                let fetchedBefore = await server.requestCount(.files)

                let error = await thrown { _ = try await downloader.download([url], to: directory, force: false, workingDirectory: "/") }
                let refusal = try #require(error as? ScriptError)
                #expect(refusal.message == "\(path) exists; add --force to overwrite")
                #expect(refusal.location == nil)
                #expect(await server.requestCount(.files) == fetchedBefore)
                #expect(bytes(path) == Array("my own edits".utf8))

                let again = try await downloader.download([url], to: directory, force: true, workingDirectory: "/")
                #expect(again == [path])
                #expect(Array(bytes(path).prefix(8)) == pngSignature)
                #expect(await server.requestCount(.files) == fetchedBefore + 1)
                #expect(entries(directory) == [String(path.split(separator: "/").last!)])
            }
        }
    }

    @Test func aMissingSandboxFileIsATypedNotFound() async throws {
        try await withSandbox { server, client in
            let url = server.baseURL.replacingOccurrences(of: "/api/v1", with: "") + "/files/job_nope/output.png"
            try await withTemporaryDirectory { directory in
                let error = await armoxError { _ = try await Downloader(client: client).download([url], to: directory, force: false, workingDirectory: "/") }
                guard case .api(let api) = error else { Issue.record("got \(String(describing: error))"); return }
                #expect(api.status == 404)
                #expect(api.kind == .notFound)
                #expect(api.message.contains("/files/job_nope/output.png"))
                #expect(entries(directory).isEmpty)
            }
        }
    }
}

// MARK: Against a scratch server

@Suite("Downloader: hostile and broken servers")
struct DownloaderServerTests {
    @Test func aConnectionDroppedMidBodyLeavesNothingBehind() async throws {
        try await withFileServer { origin, _ in
            try await withClient { client in
                try await withTemporaryDirectory { directory in
                    let error = await armoxError { _ = try await Downloader(client: client).download([origin + "/truncated.png"], to: directory, force: false, workingDirectory: "/") }
                    guard case .transport(let failure) = error else { Issue.record("got \(String(describing: error))"); return }
                    #expect(failure.request.contains("/truncated.png"))
                    #expect(entries(directory).isEmpty)
                }
            }
        }
    }

    @Test func aStalledBodyTimesOutAndLeavesNothingBehind() async throws {
        try await withFileServer { origin, _ in
            try await withClient(requestTimeout: .milliseconds(500)) { client in
                try await withTemporaryDirectory { directory in
                    let error = await armoxError { _ = try await Downloader(client: client).download([origin + "/slow.png"], to: directory, force: false, workingDirectory: "/") }
                    guard case .timedOut = error else { Issue.record("got \(String(describing: error))"); return }
                    #expect(entries(directory).isEmpty)
                }
            }
        }
    }

    @Test func cancellingMidBodyRemovesTheTemporaryFile() async throws {
        try await withFileServer { origin, hits in
            try await withClient { client in
                try await withTemporaryDirectory { directory in
                    let downloader = Downloader(client: client)
                    let task = Task { try await downloader.download([origin + "/slow.png"], to: directory + "/", force: false, workingDirectory: "/") }
                    // Wait until the body has started arriving into the temporary file.
                    let started = try await slowBodyStarted(in: directory, hits)
                    #expect(started)
                    task.cancel()
                    let result = await task.result
                    guard case .failure(let error) = result else { Issue.record("the download finished"); return }
                    #expect(error is CancellationError)
                    #expect(entries(directory).isEmpty)
                }
            }
        }
    }

    /// Ctrl-C on the second of three outputs is an interruption, not a
    /// failed output: it must reach the prompt and the script runner as a
    /// cancellation (they print what still runs and exit 130).
    @Test func cancellingTheSecondOfThreeIsStillACancellation() async throws {
        try await withFileServer { origin, hits in
            try await withClient { client in
                try await withTemporaryDirectory { directory in
                    let downloader = Downloader(client: client)
                    let urls = [origin + "/one.png", origin + "/slow.png", origin + "/three.png"]
                    let task = Task { try await downloader.download(urls, to: directory + "/", force: false, workingDirectory: "/") }
                    let started = try await slowBodyStarted(in: directory, hits)
                    #expect(started)
                    task.cancel()
                    guard case .failure(let error) = await task.result else { Issue.record("the download finished"); return }
                    #expect(error is CancellationError, "\(error)")
                    #expect(entries(directory) == ["one.png"])
                }
            }
        }
    }

    /// A failed output of a batch is reported at its statement, with its
    /// line and caret, the note after the server's message.
    @Test func aFailedOutputOfABatchIsLocated() async throws {
        try await withFileServer { origin, _ in
            try await withClient { client in
                try await withTemporaryDirectory { directory in
                    let evaluator = Evaluator(client: client, output: Captured().sink)
                    let error = await scriptError {
                        try await evaluator.evaluate(
                            "echo first\ndownload [\(origin)/one.png, \(origin)/missing.png] \(directory)/", name: "d.armox")
                    }
                    #expect(error?.location?.description == "d.armox:2:1")
                    #expect(error?.exitStatus == .apiError)
                    #expect(error?.message.hasSuffix(" (output 2 of 2; saved before it: \(directory)/one.png)") == true, "\(String(describing: error))")
                    #expect(evaluator.report(error!).contains("\n^\n"))
                }
            }
        }
    }

    @Test func aRefusalInsideABatchKeepsItsLocation() {
        let failure = BatchFailure(underlying: ScriptError("x exists; add --force to overwrite"), note: " (output 2 of 3)")
        let reported = failure.reported(at: SourceLocation(file: "d.armox", line: 3, column: 14), key: nil) as? ScriptError
        #expect(reported?.location?.description == "d.armox:3:14")
        #expect(reported?.message == "x exists; add --force to overwrite (output 2 of 3)")
        #expect(BatchFailure.wrapping(CancellationError(), note: "n") is CancellationError)
    }

    @Test func anErrorStatusIsTypedAndNamesTheURL() async throws {
        try await withFileServer { origin, _ in
            try await withClient { client in
                try await withTemporaryDirectory { directory in
                    let error = await armoxError { _ = try await Downloader(client: client).download([origin + "/missing.png"], to: directory, force: false, workingDirectory: "/") }
                    guard case .api(let api) = error else { Issue.record("got \(String(describing: error))"); return }
                    #expect(api.status == 404)
                    #expect(api.message.contains(origin + "/missing.png"))
                    #expect(api.message.contains("no such object"))
                    #expect(entries(directory).isEmpty)
                }
            }
        }
    }

    @Test(arguments: [
        ("/files/..%2F..%2Fetc%2Fpasswd", "_.._etc_passwd.png"),
        ("/files/..%5C..%5Cwin.ini", "_.._win.ini"),
        ("/files/%2e%2e", "output.png"),
        ("/files/%2E%2E%2F%2E%2E%2Fescape.png", "_.._escape.png"),
        ("/files/a%00b.png", "a_b.png"),
        ("/files/..", "output.png"),
        ("/files/.hidden", "hidden.png"),
        ("/files/%E6%9D%B1%E4%BA%AC.png", "東京.png"),
        ("/files/" + String(repeating: "a", count: 396) + ".png", String(repeating: "a", count: 251) + ".png"),
        ("/files/", "output.png"),
        ("/files/%0D%0Aevil.png", "__evil.png"),
        ("/files/%20%20spaced%20.png", "spaced .png"),
        ("/files/x.png?name=../../y.png", "x.png"),
        ("/files/clip?type=video/mp4", "clip.mp4"),
        ("/files/sound?type=audio/x-wav", "sound.wav"),
        ("/files/blob?type=application/octet-stream", "blob"),
        ("/files/data.bin?type=image/png", "data.bin"),
    ])
    func namesComeFromTheLastSegmentAndStayInside(path: String, expected: String) async throws {
        try await withFileServer { origin, _ in
            try await withClient { client in
                try await withTemporaryDirectory { directory in
                    let saved = try await Downloader(client: client).download([origin + path], to: "inside/", force: false, workingDirectory: directory)
                    #expect(saved == [directory + "/inside/" + expected])
                    #expect(entries(directory) == ["inside", "inside/" + expected])
                    #expect(expected.utf8.count <= 255)
                    #expect(Array(bytes(saved[0]).prefix(8)) == pngSignature)
                }
            }
        }
    }

    @Test func redirectsAreFollowedWithoutTheKeyAndKeepTheFirstName() async throws {
        let trace = Mutex<[String]>([])
        try await withFileServer { origin, hits in
            try await withClient(trace: { line in trace.withLock { $0.append(line) } }) { client in
                try await withTemporaryDirectory { directory in
                    let saved = try await Downloader(client: client).download([origin + "/go/photo.png"], to: directory, force: false, workingDirectory: "/")
                    #expect(saved == [directory + "/photo.png"])
                    #expect(bytes(saved[0]) == pngSignature + Array("/storage/abc123".utf8))
                    #expect(hits.paths == ["/go/photo.png", "/storage/abc123"])
                    #expect(hits.authorizations == [nil, nil])
                }
            }
        }
        let lines = trace.withLock { $0 }
        #expect(lines.contains { $0.hasPrefix("→ GET") })
        #expect(lines.contains { $0.hasPrefix("← 200") })
        #expect(!lines.joined().contains(secretKey))
        #expect(!lines.joined().contains("sig=secret"))
    }

    @Test func tooManyRedirectsAreRefused() async throws {
        try await withFileServer { origin, hits in
            try await withClient { client in
                try await withTemporaryDirectory { directory in
                    let error = await armoxError { _ = try await Downloader(client: client).download([origin + "/loop/0"], to: directory, force: false, workingDirectory: "/") }
                    guard case .refused(let why) = error else { Issue.record("got \(String(describing: error))"); return }
                    #expect(why.contains("too many redirects"))
                    #expect(hits.paths.count == 6)
                    #expect(entries(directory).isEmpty)
                }
            }
        }
    }

    @Test func sameNamesInOneCallGetNumbered() async throws {
        try await withFileServer { origin, _ in
            try await withClient { client in
                try await withTemporaryDirectory { directory in
                    let urls = [origin + "/a/pic.png", origin + "/b/pic.png", origin + "/c/PIC.png", origin + "/d/pic", origin + "/e/"]
                    let saved = try await Downloader(client: client).download(urls, to: directory, force: false, workingDirectory: "/")
                    #expect(saved.map { String($0.dropFirst(directory.count + 1)) } == ["pic.png", "pic-2.png", "PIC-3.png", "pic-4.png", "output.png"])
                    #expect(bytes(saved[1]) == pngSignature + Array("/b/pic.png".utf8))
                }
            }
        }
    }

    @Test func everyDestinationIsCheckedBeforeTheFirstFetch() async throws {
        try await withFileServer { origin, hits in
            try await withClient { client in
                try await withTemporaryDirectory { directory in
                    _ = FileManager.default.createFile(atPath: directory + "/b.png", contents: Data("mine".utf8))
                    let error = await thrown { _ = try await Downloader(client: client).download([origin + "/a.png", origin + "/b.png"], to: directory, force: false, workingDirectory: "/") }
                    let refusal = try #require(error as? ScriptError)
                    #expect(refusal.message == "\(directory)/b.png exists; add --force to overwrite")
                    #expect(hits.paths.isEmpty)
                    #expect(entries(directory) == ["b.png"])
                }
            }
        }
    }

    @Test func aFailureInABatchKeepsWhatWasSavedAndSaysWhichFailed() async throws {
        try await withFileServer { origin, _ in
            try await withClient { client in
                try await withTemporaryDirectory { directory in
                    var thrown: (any Error)?
                    do {
                        _ = try await Downloader(client: client).download([origin + "/one.png", origin + "/missing.png", origin + "/three.png"], to: directory, force: false, workingDirectory: "/")
                    } catch {
                        thrown = error
                    }
                    let failure = try #require(thrown as? BatchFailure)
                    // The client's error is kept whole; the note is beside it.
                    guard case .api(let api) = failure.underlying as? ArmoxError else { Issue.record("got \(failure)"); return }
                    #expect(api.status == 404)
                    #expect(!api.message.contains("output"))
                    #expect(failure.note == " (output 2 of 3; saved before it: \(directory)/one.png)")
                    let reported = try #require(failure.reported(at: SourceLocation(file: "d", line: 1, column: 1), key: nil) as? ScriptError)
                    #expect(reported.message == api.message + failure.note)
                    #expect(reported.exitStatus == .apiError)
                    #expect(entries(directory) == ["one.png"])
                    #expect(bytes(directory + "/one.png") == pngSignature + Array("/one.png".utf8))
                }
            }
        }
    }

    @Test func aFileAppearingDuringTheDownloadIsNotClobbered() async throws {
        // The name is free when checked; the file appears before the final rename.
        let directory = try makeScratchFolder("armox-download").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let responder = CallbackResponder<BasicRequestContext> { _, _ in
            Response(
                status: .ok, headers: [.contentType: "image/png"],
                body: ResponseBody(contentLength: 16) { writer in
                    try await writer.write(ByteBuffer(bytes: pngSignature))
                    try await Task.sleep(for: .milliseconds(200))
                    _ = FileManager.default.createFile(atPath: directory + "/race.png", contents: Data("theirs".utf8))
                    try await writer.write(ByteBuffer(bytes: pngSignature))
                    try await writer.finish(nil)
                })
        }
        let server = try await LoopbackServer.start(responder)
        let error = await thrown {
            try await withClient { client in
                _ = try await Downloader(client: client).download(["http://127.0.0.1:\(server.port)/race.png"], to: directory, force: false, workingDirectory: "/")
            }
        }
        await server.stop()
        let refusal = try #require(error as? ScriptError)
        #expect(refusal.message == "\(directory)/race.png exists; add --force to overwrite")
        #expect(bytes(directory + "/race.png") == Array("theirs".utf8))
        #expect(entries(directory) == ["race.png"])
    }
}

@Suite("Downloader: temporary files")
struct TemporaryFileTests {
    @Test func commitWithoutReplaceNeverClobbers() async throws {
        try await withTemporaryDirectory { directory in
            let temp = try TemporaryFile(in: directory)
            #expect(temp.path.hasPrefix(directory + "/.armox-"))
            #expect(temp.path.hasSuffix(".part"))
            try Array("new".utf8).withUnsafeBytes { try temp.write($0) }
            try temp.finish()
            _ = FileManager.default.createFile(atPath: directory + "/x.png", contents: Data("old".utf8))
            let error = await thrown { try temp.commit(to: directory + "/x.png", replace: false) }
            #expect((error as? ScriptError)?.message == "\(directory)/x.png exists; add --force to overwrite")
            temp.discard()
            #expect(entries(directory) == ["x.png"])
            #expect(bytes(directory + "/x.png") == Array("old".utf8))
        }
    }

    @Test func commitPlacesTheWholeFile() async throws {
        try await withTemporaryDirectory { directory in
            for replace in [false, true] {
                let temp = try TemporaryFile(in: directory)
                try Array("whole \(replace)".utf8).withUnsafeBytes { try temp.write($0) }
                try temp.finish()
                try temp.commit(to: directory + "/y.txt", replace: replace)
                temp.discard()
                #expect(entries(directory) == ["y.txt"])
                #expect(bytes(directory + "/y.txt") == Array("whole \(replace)".utf8))
            }
        }
    }
}

// MARK: Targets and arguments

@Suite("Downloader: targets")
struct DownloaderTargetTests {
    @Test func aTrailingSlashCreatesTheFolders() async throws {
        try await withFileServer { origin, _ in
            try await withClient { client in
                try await withTemporaryDirectory { directory in
                    let saved = try await Downloader(client: client).download([origin + "/a.png"], to: "out/deeper/", force: false, workingDirectory: directory)
                    #expect(saved == [directory + "/out/deeper/a.png"])
                }
            }
        }
    }

    @Test func severalURLsAndAMissingTargetMakeAFolder() async throws {
        try await withFileServer { origin, _ in
            try await withClient { client in
                try await withTemporaryDirectory { directory in
                    let saved = try await Downloader(client: client).download([origin + "/a.png", origin + "/b.png"], to: directory + "/set", force: false, workingDirectory: "/")
                    #expect(saved == [directory + "/set/a.png", directory + "/set/b.png"])
                }
            }
        }
    }

    @Test func aFailedDownloadRemovesTheFoldersItCreated() async throws {
        try await withFileServer { origin, _ in
            try await withClient { client in
                try await withTemporaryDirectory { directory in
                    let error = await armoxError { _ = try await Downloader(client: client).download([origin + "/missing.png"], to: "new/folder/", force: false, workingDirectory: directory) }
                    #expect(error != nil)
                    #expect(entries(directory).isEmpty)
                }
            }
        }
    }

    @Test func severalURLsIntoAnExistingFileAreRefused() async throws {
        try await withFileServer { origin, hits in
            try await withClient { client in
                try await withTemporaryDirectory { directory in
                    _ = FileManager.default.createFile(atPath: directory + "/file.png", contents: Data())
                    let error = await thrown { _ = try await Downloader(client: client).download([origin + "/a.png", origin + "/b.png"], to: "file.png", force: true, workingDirectory: directory) }
                    let refusal = try #require(error as? ScriptError)
                    #expect(refusal.message.contains("is a file"))
                    #expect(hits.paths.isEmpty)
                }
            }
        }
    }

    @Test func aFileWithATrailingSlashIsNotADirectory() async throws {
        try await withClient { client in
            try await withTemporaryDirectory { directory in
                _ = FileManager.default.createFile(atPath: directory + "/plain", contents: Data())
                let error = await thrown { _ = try await Downloader(client: client).download(["http://127.0.0.1:1/a.png"], to: "plain/", force: false, workingDirectory: directory) }
                let refusal = try #require(error as? ScriptError)
                #expect(refusal.message == "\(directory)/plain is not a directory")
            }
        }
    }

    @Test func aFileTargetsMissingFoldersAreCreatedAndRemovedWhenNothingIsSaved() async throws {
        try await withClient { client in
            try await withTemporaryDirectory { directory in
                let error = await thrown { _ = try await Downloader(client: client).download(["http://127.0.0.1:1/a.png"], to: "nowhere/deeper/hero.png", force: false, workingDirectory: directory) }
                #expect(error is ArmoxError, "\(String(describing: error))")
                #expect(entries(directory).isEmpty)
            }
        }
    }

    @Test func anExistingDirectoryIsNeverReplaced() async throws {
        try await withClient { client in
            try await withTemporaryDirectory { directory in
                try FileManager.default.createDirectory(atPath: directory + "/a.png", withIntermediateDirectories: true)
                let error = await thrown { _ = try await Downloader(client: client).download(["http://127.0.0.1:1/x/a.png"], to: directory, force: true, workingDirectory: "/") }
                let refusal = try #require(error as? ScriptError)
                #expect(refusal.message == "\(directory)/a.png is a directory")
            }
        }
    }

    @Test(arguments: ["ftp://example.com/a.png", "file:///etc/passwd", "/etc/passwd", "javascript:alert(1)", "http:///nohost.png"])
    func onlyHTTPURLsAreDownloaded(url: String) async throws {
        try await withClient { client in
            try await withTemporaryDirectory { directory in
                let error = await thrown { _ = try await Downloader(client: client).download([url], to: directory, force: false, workingDirectory: "/") }
                #expect(error is ScriptError)
                #expect(entries(directory).isEmpty)
            }
        }
    }

    @Test func nothingToDownloadSavesNothing() async throws {
        try await withClient { client in
            let saved = try await Downloader(client: client).download([String](), to: nil, force: false, workingDirectory: "/")
            #expect(saved.isEmpty)
        }
    }
}

// MARK: Names, pure

@Suite("Downloader: names")
struct DownloadNameTests {
    static let hostile: [String] = [
        "", ".", "..", "...", "/", "//", "\\", "../", "..\\", "../../etc/passwd", "..\\..\\boot.ini",
        ".hidden", "..hidden", ". .", " . ", "\0", "a\0b", "\n", "\r\n.png", "\t.bashrc", "\u{7F}", "\u{85}x",
        ".\u{202E}gnp.exe", "\u{202E}", "\u{FEFF}.x", "~", "-rf", "%2e%2e", "%2F", ".%2e", "%00", "/tmp/x",
        String(repeating: ".", count: 300), String(repeating: "/", count: 300), String(repeating: "東", count: 200),
        String(repeating: "a", count: 300) + ".png", String(repeating: "é", count: 200) + ".jpeg",
        "a." + String(repeating: "b", count: 300), "🐈‍⬛.png", "\u{0301}", ".\u{0301}", " ", "\u{3000}",
    ]

    static func check(_ name: String, from input: String) {
        #expect(!name.isEmpty, "empty for \(input.debugDescription)")
        #expect(!name.contains("/"), "slash in \(name.debugDescription)")
        #expect(!name.contains("\\"), "backslash in \(name.debugDescription)")
        #expect(!name.hasPrefix("."), "leading dot in \(name.debugDescription)")
        #expect(name != "." && name != "..")
        #expect(name.utf8.count <= 255, "\(name.utf8.count) bytes for \(input.debugDescription)")
        #expect(!name.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "control character in \(name.debugDescription)")
        #expect(!name.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
    }

    @Test func hostileTextBecomesAPlainName() {
        for input in Self.hostile {
            Self.check(DownloadName.sanitized(input), from: input)
            Self.check(DownloadName.fromURL("https://x.test/files/" + input), from: input)
            let encoded = input.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? input
            Self.check(DownloadName.fromURL("https://x.test/files/" + encoded), from: encoded)
            Self.check(DownloadName.adding(extensionFor: "image/png", to: DownloadName.sanitized(input)), from: input)
            Self.check(DownloadName.unique(DownloadName.sanitized(input), notIn: [DownloadName.sanitized(input).lowercased()]), from: input)
        }
    }

    @Test func randomTextBecomesAPlainName() {
        var generator = SplitMix64(seed: 0xA53_0F)
        let alphabet: [String] = [".", ".", "/", "\\", "%", "2", "e", "E", "F", "f", "0", "\0", "\n", " ", "a", "é", "東", "\u{202E}", "\u{0301}", "%2F", "%2e", "%00", "png"]
        for _ in 0..<3000 {
            let length = Int(generator.next() % 40)
            let text = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            Self.check(DownloadName.sanitized(text), from: text)
            Self.check(DownloadName.fromURL("https://x.test/" + text + "?q=/../"), from: text)
        }
    }

    @Test func namesComeFromThePathNotTheQuery() {
        #expect(DownloadName.fromURL("https://cdn.test/public/api-outputs/abc/hero.png?X-Amz-Signature=a/b") == "hero.png")
        #expect(DownloadName.fromURL("https://cdn.test/a/b.webp#frag/x") == "b.webp")
        #expect(DownloadName.fromURL("https://cdn.test") == "output")
        #expect(DownloadName.fromURL("https://cdn.test/") == "output")
        #expect(DownloadName.fromURL("https://cdn.test/a%20b.png") == "a b.png")
        #expect(DownloadName.fromURL("https://cdn.test/100%25.png") == "100%.png")
        #expect(DownloadName.fromURL("https://cdn.test/bad%zz.png") == "bad%zz.png")
        #expect(DownloadName.fromURL("https://cdn.test/%FF.png") == "\u{FFFD}.png")
    }

    @Test func extensionsFromContentTypes() {
        let cases: [(String, String?)] = [
            ("image/png", "png"), ("image/jpeg", "jpg"), ("video/mp4", "mp4"), ("audio/wav", "wav"),
            ("audio/x-wav", "wav"), ("model/gltf-binary", "glb"), ("application/json; charset=utf-8", "json"),
            ("text/plain;charset=UTF-8", "txt"), ("IMAGE/PNG", "png"), ("application/octet-stream", nil), ("", nil),
        ]
        for (type, ext) in cases {
            #expect(DownloadName.fileExtension(forContentType: type) == ext, "\(type)")
        }
        #expect(DownloadName.adding(extensionFor: "image/png", to: "output") == "output.png")
        #expect(DownloadName.adding(extensionFor: "image/png", to: "photo.jpg") == "photo.jpg")
        #expect(DownloadName.adding(extensionFor: nil, to: "output") == "output")
        let long = String(repeating: "x", count: 255)
        #expect(DownloadName.adding(extensionFor: "video/mp4", to: long) == String(repeating: "x", count: 251) + ".mp4")
    }

    @Test func longNamesKeepTheirExtensionAndWholeCharacters() {
        let name = DownloadName.sanitized(String(repeating: "東", count: 100) + ".png")
        #expect(name.utf8.count <= 255)
        #expect(name.hasSuffix(".png"))
        #expect(name == String(repeating: "東", count: 83) + ".png")
        #expect(DownloadName.unique("a.png", notIn: ["a.png", "a-2.png"]) == "a-3.png")
        #expect(DownloadName.unique("A.PNG", notIn: ["a.png"]) == "A-2.PNG")
        #expect(DownloadName.unique("noext", notIn: ["noext"]) == "noext-2")
        let full = String(repeating: "y", count: 251) + ".png"
        let numbered = DownloadName.unique(full, notIn: [full])
        #expect(numbered.utf8.count <= 255)
        #expect(numbered.hasSuffix("-2.png"))
    }
}

