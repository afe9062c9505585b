import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing
import ArmoxLedger

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

    /// Jobs a `jobs` listing only showed are the key's, perhaps another
    /// client's: not this session's to save or draw, until it takes one up.
    @Test func jobsOnlyListedAreNotTheSessionsToSaveOrDraw() async throws {
        let folder = try makeScratchFolder("armox-download-all")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withEvaluator(workingDirectory: folder.path) { evaluator, captured, _ in
            let other = Evaluator(client: evaluator.client, output: Captured().sink, session: Session(), polling: fastPolling)
            try await other.evaluate(#"elsewhere = run black-forest-labs/flux-schnell "another client's fox""#, name: "other.armox")
            let theirs = try #require(other.session.variables["elsewhere"]?.text)
            try await evaluator.evaluate("jobs --limit=5", name: "t.armox")
            #expect(evaluator.session.jobs[theirs] != nil)
            captured.clear()
            try await evaluator.evaluate("download all out/", name: "t.armox")
            #expect(captured.out.contains("nothing to download"), "\(captured.out)")
            try await evaluator.evaluate("gallery g.html", name: "t.armox")
            #expect(!(try String(contentsOfFile: folder.path + "/g.html", encoding: .utf8)).contains(theirs))
            // Looked at by id, it is taken up, and then it is the session's.
            try await evaluator.evaluate("job \(theirs); download all out/", name: "t.armox")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out") == ["\(theirs).png"])
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

/// `gallery`: cards from the session, files where they were saved, a
/// server's address the page must not load shown as text, and no other
/// file replaced.
@Suite("gallery: the session's page")
struct GalleryCommandTests {
    @Test func aPageOfTheSessionUsesSavedFilesAndReplacesOnlyItsOwn() async throws {
        let folder = try makeScratchFolder("armox-gallery")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "my notes".write(toFile: folder.path + "/notes.html", atomically: true, encoding: .utf8)
        try await withEvaluator(workingDirectory: folder.path) { evaluator, captured, server in
            try await evaluator.evaluate("""
                a = run black-forest-labs/flux-schnell "a fox <script>"
                b = run google/nano-banana "an owl"
                download $a "saved files/"
                gallery
                """, name: "t.armox")
            let page = try String(contentsOfFile: folder.path + "/gallery.html", encoding: .utf8)
            let a = try #require(evaluator.session.variables["a"]?.text)
            #expect(page.contains("src=\"saved%20files/\(a).png\""), "the saved file, relative to the page")
            #expect(page.contains("src=\"http://127.0.0.1:"), "the unsaved output by its URL")
            #expect(page.contains("a fox &lt;script&gt;"))
            #expect(page.contains("<p>2 jobs of this session, drawn 20"))
            #expect(captured.out.contains("wrote gallery.html: 2 cards"))
            // Written again over its own page; never over another file.
            try await evaluator.evaluate("gallery", name: "t.armox")
            do {
                try await evaluator.evaluate("gallery notes.html", name: "t.armox")
                Issue.record("a file armox did not write was replaced")
            } catch let error as ScriptError {
                #expect(error.message == "notes.html exists and is not a gallery armox wrote")
            }
            #expect(try String(contentsOfFile: folder.path + "/notes.html", encoding: .utf8) == "my notes")
            // Found by the whole-entry check: the run before it is never paid for.
            let runs = await server.requestCount(.modelsRun)
            do {
                try await evaluator.evaluate(#"run google/nano-banana "paid for nothing"; gallery notes.html"#, name: "t.armox")
                Issue.record("a file armox did not write was replaced")
            } catch let error as ScriptError {
                #expect(error.message == "notes.html exists and is not a gallery armox wrote")
                #expect(error.location?.column == 52)
            }
            #expect(await server.requestCount(.modelsRun) == runs)
        }
        #expect(Evaluator.loadable("javascript:alert(1)") == nil)
        #expect(Evaluator.loadable("file:///etc/passwd") == nil)
        #expect(Evaluator.loadable("HTTPS://cdn.example/a.png") == "HTTPS://cdn.example/a.png")
    }

    @Test func aPageOfTheLedgersRunsAndOpenedOnAsking() async throws {
        let folder = try makeScratchFolder("armox-gallery")
        defer { try? FileManager.default.removeItem(at: folder) }
        let opener = KeptOpener()
        var host = scriptHost()
        host.opener = opener
        host.ledger = LedgerSession(ledger: try RunLedger(path: folder.path + "/runs.sqlite3"), server: "gallery-test")
        try await withEvaluator(workingDirectory: folder.path, host: host) { evaluator, captured, _ in
            try await evaluator.evaluate("""
                run black-forest-labs/flux-schnell "a red fox"
                run black-forest-labs/flux-schnell "an owl"
                gallery foxes.html --runs=fox --since=1d --open
                """, name: "t.armox")
            let page = try String(contentsOfFile: folder.path + "/foxes.html", encoding: .utf8)
            #expect(page.components(separatedBy: "<article").count == 2, "one card: the fox")
            #expect(page.contains("a red fox"))
            #expect(page.contains("1 job from the ledger matching &quot;fox&quot; since "))
            #expect(opener.opened.withLock { $0 } == [URL(fileURLWithPath: folder.path + "/foxes.html").absoluteString])
            #expect(captured.out.contains("handed to viewer"))
        }
    }
}
