import ArmoxTestSupport
import Foundation
import Testing

/// Examples/06-batch-from-csv.armox end to end: `check` prices the CSV's rows
/// first, the script runs one run a row with the row's settings, `download
/// all` saves the four images and `gallery` draws them; headless Chromium
/// loads the page, every image decodes, nothing logs to its console.
@Suite("The gallery in a real browser")
struct GalleryBrowserTests {
    static let examples = ExamplesTests.examples
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Loads `harness.html` beside the page: it frames the page and, once it
    /// has loaded, writes what it finds into `#result` as JSON. The gallery
    /// itself holds no script (its policy forbids one).
    static let harness = """
        <!DOCTYPE html><html><body><pre id="result">pending</pre>
        <iframe id="f" src="index.html" width="1200" height="900"></iframe>
        <script>
        const f = document.getElementById('f');
        f.addEventListener('load', () => {
          const d = f.contentDocument;
          const images = [...d.images];
          Promise.all(images.map(i => i.decode().then(() => i.naturalWidth > 0, () => false))).then(decoded => {
            document.getElementById('result').textContent = JSON.stringify({
              cards: d.querySelectorAll('article.card').length,
              images: images.length,
              decoded: decoded.filter(x => x).length,
              scripts: d.scripts.length,
              prompts: [...d.querySelectorAll('.prompt')].map(p => p.textContent),
              settings: [...d.querySelectorAll('dd')].map(p => p.textContent)
            });
          });
        });
        </script></body></html>
        """

    struct Found: Decodable {
        var cards: Int
        var images: Int
        var decoded: Int
        var scripts: Int
        var prompts: [String]
        var settings: [String]
    }

    @Test func aBatchFromACSVIsPricedRunSavedAndDrawn() async throws {
        let chromium = try #require(Self.chromium, "Chromium is not installed (scripts/setup installs it)")
        let folder = try makeScratchFolder("armox-gallery")
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = Self.examples.appendingPathComponent("06-batch-from-csv.armox").path

        let check = try await ArmoxProcess.run(["--sandbox", "check", script], currentDirectory: folder)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("4 runs, 120 credits (nothing sent)"), "\(check.stdout)")

        let run = try await ArmoxProcess.run(["--sandbox", script], environment: ["ARMOX_SANDBOX_SPEED": "0.05"], currentDirectory: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let renders = folder.appendingPathComponent("renders")
        let files = try FileManager.default.contentsOfDirectory(atPath: renders.path).sorted()
        #expect(files == [
            "a-fox-asleep-in-autumn-leaves-in-the.png", "a-lighthouse-at-dusk-waves-breaking-in.png",
            "a-tea-house-on-a-mountain-ridge-seen.png", "index.html", "the-word-open-in-neon-rain-on-the-glass.png",
        ])

        try Self.harness.write(to: renders.appendingPathComponent("harness.html"), atomically: true, encoding: .utf8)
        let browser = try await ArmoxProcess.run(
            [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--virtual-time-budget=15000",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=\(folder.path)/chromium", "--dump-dom",
                renders.appendingPathComponent("harness.html").absoluteString,
            ], timeout: .seconds(120), executable: URL(fileURLWithPath: chromium))
        #expect(browser.status == 0, "\(browser.stderr)")
        let dom = browser.stdout
        let json = try #require(dom.range(of: "<pre id=\"result\">").flatMap { start in
            dom[start.upperBound...].range(of: "</pre>").map { String(dom[start.upperBound..<$0.lowerBound]) }
        }, "no result in \(dom)")
        let unescaped = json.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let found = try JSONDecoder().decode(Found.self, from: Data(unescaped.utf8))
        #expect(found.cards == 4)
        #expect(found.images == 4)
        #expect(found.decoded == 4, "images that did not decode: \(found)")
        #expect(found.scripts == 0)
        #expect(found.prompts.contains(#"The word "OPEN" in neon, rain on the glass, in the style of photograph"#))
        #expect(found.prompts.contains("A tea house on a mountain ridge,\nseen from the valley, in the style of ink drawing"))
        for ratio in ["16:9", "1:1", "9:16", "4:3"] { #expect(found.settings.contains(ratio), "\(ratio) is not on the page") }
        // Nothing on the page wrote to the console (a script or a blocked load would).
        let console = browser.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") && $0.contains("index.html") }
        #expect(console.isEmpty, "\(console)")

        let shot = renders.appendingPathComponent("screenshot.png")
        let screenshot = try await ArmoxProcess.run(
            [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000", "--window-size=1200,900",
                "--user-data-dir=\(folder.path)/chromium", "--screenshot=\(shot.path)", renders.appendingPathComponent("index.html").absoluteString,
            ], timeout: .seconds(120), executable: URL(fileURLWithPath: chromium))
        #expect(screenshot.status == 0, "\(screenshot.stderr)")
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 20_000, "the screenshot is \(png.count) bytes")
        if let keep = ProcessInfo.processInfo.environment["ARMOX_KEEP_GALLERY_SCREENSHOT"] { try? png.write(to: URL(fileURLWithPath: keep)) }
    }
}
