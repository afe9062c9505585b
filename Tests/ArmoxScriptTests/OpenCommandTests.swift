import ArmoxHost
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxScript

#if os(Linux)
/// `open` with a real opener: an `xdg-open` script in a scratch folder that
/// records what it was given, then stays running as a browser would.
@Suite("open")
struct OpenCommandTests {
    /// A scratch folder holding a fake `xdg-open` that writes its arguments,
    /// where its stdin points, whether it saw ARMOX_API_KEY, the signals it
    /// started with blocked and whether it leads its own process group, then
    /// sleeps as a browser would run on.
    struct FakeOpener {
        let folder: URL
        var log: String { folder.path + "/opened.log" }
        var pids: String { folder.path + "/pids" }

        init() throws {
            folder = try makeScratchFolder("armox-open")
            let script = """
                #!/bin/sh
                echo $$ >> '\(folder.path)/pids'
                blocked=$(grep SigBlk /proc/$$/status | cut -f2)
                group=$(cut -d' ' -f5 /proc/$$/stat)
                printf 'url=%s stdin=%s key=%s blocked=%s own-group=%s\\n' "$*" "$(readlink /proc/self/fd/0)" \\
                    "${ARMOX_API_KEY-unset}" "$blocked" "$([ "$group" = $$ ] && echo yes || echo no)" >> '\(folder.path)/opened.log'
                exec sleep 30
                """
            let path = folder.path + "/xdg-open"
            try script.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }

        /// The lines logged once `count` are there (or after 10 s).
        func lines(count: Int) async throws -> [String] {
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(10)
            var lines: [String] = []
            while clock.now < deadline {
                lines = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
                if lines.count >= count { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            return lines
        }

        /// Ends the openers still sleeping and removes the folder.
        func remove() {
            let text = (try? String(contentsOfFile: pids, encoding: .utf8)) ?? ""
            for pid in text.split(separator: "\n").compactMap({ Int32($0) }) { kill(pid, SIGTERM) }
            try? FileManager.default.removeItem(at: folder)
        }
    }

    @Test func eachOutputIsHandedToTheOpenerWithoutWaitingForIt() async throws {
        let opener = try FakeOpener()
        defer { opener.remove() }
        let environment = ["PATH": "\(opener.folder.path):/usr/bin:/bin", "DISPLAY": ":99", "ARMOX_API_KEY": "sk_live_…abcd"]
        try await withEvaluator(environment: environment) { evaluator, captured, _ in
            try await evaluator.evaluate(#"h = run black-forest-labs/flux-schnell "two foxes" num_outputs=2"#)
            guard case .job(let job)? = evaluator.session.variables["h"] else { throw ScriptError("no job") }
            captured.clear()
            let clock = ContinuousClock()
            let started = clock.now
            try await evaluator.evaluate("open $h")
            // Each opener sleeps 30 s: open returned without waiting for either.
            #expect(clock.now - started < .seconds(5))
            #expect(captured.out == job.outputURLs.map { "handed to xdg-open: \($0)\n" }.joined())
            let lines = try await opener.lines(count: 2).sorted()
            #expect(lines == job.outputURLs.map { "url=\($0) stdin=/dev/null key=unset blocked=0000000000000000 own-group=yes" }.sorted())
            #expect(evaluator.session.variables["_"]?.text == Value.list(job.outputURLs.map(Value.string)).text)
        }
    }

    @Test func aListOfURLsIsOpenedInOrder() async throws {
        let opener = try FakeOpener()
        defer { opener.remove() }
        try await withEvaluator(environment: ["PATH": "\(opener.folder.path):/usr/bin:/bin", "WAYLAND_DISPLAY": "wayland-0"]) { evaluator, captured, _ in
            try await evaluator.evaluate(#"open ["https://x.test/a.png", "https://x.test/b.png"]"#)
            #expect(captured.out == "handed to xdg-open: https://x.test/a.png\nhanded to xdg-open: https://x.test/b.png\n")
            #expect(try await opener.lines(count: 2).count == 2)
        }
    }

    @Test func withoutADesktopSessionTheURLsArePrintedAndNothingStarts() async throws {
        let opener = try FakeOpener()
        defer { opener.remove() }
        for environment in [["PATH": opener.folder.path], ["PATH": opener.folder.path, "DISPLAY": ""]] {
            try await withEvaluator(environment: environment) { evaluator, captured, _ in
                try await evaluator.evaluate(#"open "https://x.test/a.png""#)
                #expect(captured.out == "https://x.test/a.png\n")
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(!FileManager.default.fileExists(atPath: opener.log), "the opener was started")
    }

    @Test func withoutAnOpenerOnPathTheURLsArePrinted() async throws {
        let empty = try makeScratchFolder("armox-open-empty")
        defer { try? FileManager.default.removeItem(at: empty) }
        // A relative PATH entry is never searched: it would be the working directory.
        try await withEvaluator(environment: ["PATH": "\(empty.path)::bin", "DISPLAY": ":0"]) { evaluator, captured, _ in
            try await evaluator.evaluate(#"open "https://x.test/a.png""#)
            #expect(captured.out == "https://x.test/a.png\n")
        }
        #expect(DesktopOpener.find(in: ["PATH": "/nonexistent", "DISPLAY": ":0"]) == nil)
    }
}
#endif
