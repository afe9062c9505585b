import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxScript

/// `download all` and `--name=TEMPLATE`.
@Suite("download all, and names from a template")
struct DownloadAllTests {
    @Test func allSavesEachFinishedOutputOnceNamedByTheTemplate() async throws {
        let folder = try makeScratchFolder("armox-download-all")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withEvaluator(workingDirectory: folder.path) { evaluator, captured, server in
            try await evaluator.evaluate("""
                run black-forest-labs/flux-schnell "A fox, at dawn!"
                run black-forest-labs/flux-schnell "../../etc/passwd\\u{202E}gnp.exe <b>"
                clip = run google/veo-3 "waves" --detach
                download all out/ --name='{model}-{prompt}-{n}.{ext}'
                """, name: "t.armox")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out").sorted()
            // The unfinished clip is not among them; the hostile prompt is one plain entry.
            #expect(names == ["black-forest-labs-flux-schnell-a-fox-at-dawn-1.png", "black-forest-labs-flux-schnell-etc-passwd-gnp-exe-b-1.png"])
            captured.clear()
            try await evaluator.evaluate("download all out/", name: "t.armox")
            #expect(captured.out.contains("nothing to download"), "\(captured.out)")
            try await evaluator.evaluate("wait $clip; download all out/ --name='{id}.{ext}'", name: "t.armox")
            let clip = try #require(evaluator.session.variables["clip"]?.text)
            #expect(FileManager.default.fileExists(atPath: folder.path + "/out/\(clip).mp4"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out").count == 3)
            _ = server
        }
    }

    @Test func anUnknownPlaceholderIsRefusedBeforeAnythingIsSent() async throws {
        try await withEvaluator { evaluator, _, server in
            do {
                try await evaluator.evaluate("run black-forest-labs/flux-schnell \"a\"\ndownload all --name='{title}.{ext}'", name: "t.armox")
                Issue.record("an unknown placeholder was taken")
            } catch let error as ScriptError {
                #expect(error.message == "--name: unknown placeholder {title}")
                #expect(error.location?.description == "t.armox:2:14")
            }
            #expect(await server.requestCount(.modelsRun) == 0)
        }
    }

    @Test func anUnquotedTemplateSaysToQuoteIt() async throws {
        try await withOfflineEvaluator { evaluator, _ in
            do {
                try await evaluator.evaluate("download all --name={id}.{ext}", name: "t.armox")
                Issue.record("parsed")
            } catch let error as ScriptError {
                #expect(error.hint == "a value starting with { is quoted: --name='{…}'")
            }
        }
    }

    @Test func promptSlugsAreShortPlainAndNeverEmpty() {
        #expect(DownloadTemplate.slug("A Fox, at DAWN!") == "a-fox-at-dawn")
        #expect(DownloadTemplate.slug("  ../..//  ") == "untitled")
        #expect(DownloadTemplate.slug("東京の夜 night") == "東京の夜-night")
        let long = DownloadTemplate.slug("an extremely long prompt about a lighthouse keeper and her cat")
        #expect(long.count <= DownloadTemplate.promptSlugLength)
        #expect(long == "an-extremely-long-prompt-about-a")
        #expect(DownloadTemplate.day("2026-12-03T10:00:00Z", today: Date(timeIntervalSince1970: 0)) == "2026-12-03")
        #expect(DownloadTemplate.day("garbage", today: Date(timeIntervalSince1970: 0)) == "1970-01-01")
    }
}
