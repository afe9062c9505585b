import ArmoxTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell through a real pseudo-terminal, as a user types:
/// TAB completion, the second-TAB listing, Ctrl-R, history across sessions,
/// Ctrl-C at the prompt and during a wait, Ctrl-D, the terminal restored.
@Suite("The interactive shell, through a pseudo-terminal")
struct ShellTests {
    /// A home of its own per test: history file and catalogue cache.
    struct Home {
        let folder: URL
        var history: String { folder.path + "/history" }
        var cacheFile: String { folder.path + "/cache/armox/catalogue-sandbox.txt" }
        var environment: [String: String] {
            ["ARMOX_HISTFILE": history, "XDG_CACHE_HOME": folder.path + "/cache", "LANG": "", "LC_ALL": ""]
        }

        init() throws { folder = try makeScratchFolder("armox-shell") }

        func remove() { try? FileManager.default.removeItem(at: folder) }

        /// Starts armox and waits for its first prompt and, with
        /// `catalogue`, for the background refresh to fill the cache.
        func start(_ arguments: [String] = ["--sandbox"], speed: String = "0.05", catalogue: Bool = false) async throws -> PseudoTerminal {
            let terminal = try PseudoTerminal(arguments, environment: environment.merging(["ARMOX_SANDBOX_SPEED": speed]) { $1 })
            #expect(await terminal.waitFor("armox> "), "no prompt: \(terminal.output)")
            if catalogue {
                let clock = ContinuousClock()
                let deadline = clock.now + .seconds(10)
                while !FileManager.default.fileExists(atPath: cacheFile), clock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(FileManager.default.fileExists(atPath: cacheFile), "the catalogue was not cached")
            }
            return terminal
        }
    }

    @Test func tabCompletesModelKeyAndValueThenRuns() async throws {
        let home = try Home()
        defer { home.remove() }
        let terminal = try await home.start(catalogue: true)

        // goo → google/ (three models share it); n → nano-banana; asp →
        // aspect_ratio=; 16 → 16:9. Keys are handled in order, as typed.
        terminal.type("run goo\tn\t\"a fox\" asp\t16\t\r")
        #expect(await terminal.waitFor("completed  google/nano-banana"), "\(terminal.output)")
        let mark = terminal.output.count
        // (`history 2`: the newest entry is this very command, as in bash.)
        terminal.type("history 2\r")
        #expect(await terminal.waitFor("1  run google/nano-banana \"a fox\" aspect_ratio=16:9 \r\n", after: mark), "\(terminal.output)")
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)
    }

    @Test func aSecondTabListsTheCandidatesInColumnsThatFitTheTerminal() async throws {
        let home = try Home()
        defer { home.remove() }
        let terminal = try await home.start(catalogue: true)

        var mark = terminal.output.count
        terminal.type("run google/\t\t")
        #expect(await terminal.waitFor("google/gemini-2.5-flash  google/nano-banana       google/veo-3\r\n", after: mark), "\(terminal.output)")
        // The prompt and the line come back under the listing.
        #expect(await terminal.waitFor("armox> run google/", after: mark))

        // Narrower: the same three in two columns.
        terminal.resize(rows: 40, columns: 60)
        await terminal.typeAtPrompt("\u{15}")  // Ctrl-U: clear the line
        mark = terminal.output.count
        terminal.type("run google/\t\t")
        #expect(await terminal.waitFor("google/gemini-2.5-flash  google/veo-3\r\n", after: mark), "\(terminal.output)")

        // Past a hundred candidates it asks first, as bash does.
        await terminal.typeAtPrompt("\u{15}")
        mark = terminal.output.count
        terminal.type("source /usr/bin/\t\t")
        #expect(await terminal.waitFor("possibilities? (y or n)", after: mark), "\(terminal.output)")
        terminal.type("n")
        #expect(await terminal.waitFor("armox> source /usr/bin/", after: mark), "\(terminal.output)")

        // A setting's allowed values.
        await terminal.typeAtPrompt("\u{15}")
        mark = terminal.output.count
        terminal.type("run google/veo-3 \"x\" aspect_ratio=\t\t")
        #expect(await terminal.waitFor("16:9  9:16\r\n", after: mark), "\(terminal.output)")
        await terminal.typeAtPrompt("\u{15}\u{4}")
        #expect(await terminal.exitStatus() == 0)
    }

    @Test func ctrlRFindsAnEarlierLine() async throws {
        let home = try Home()
        defer { home.remove() }
        let terminal = try await home.start()
        // Outputs are matched after a line break, so the terminal's own echo
        // of the typed line ("echo found-it-42") cannot stand in for them.
        await terminal.typeAtPrompt("echo found-it-42\r")
        #expect(await terminal.waitFor("\r\nfound-it-42\r\n"))
        await terminal.typeAtPrompt("echo something else\r")
        #expect(await terminal.waitFor("\r\nsomething else\r\n"))
        let mark = terminal.output.count
        await terminal.typeAtPrompt("\u{12}found\r")
        #expect(await terminal.waitFor("found-it-42\r\n", after: mark), "\(terminal.output)")
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)
    }

    /// Two sessions open at once both keep their lines; a third recalls them
    /// with Up; a line holding an API key is never written.
    @Test func historySurvivesRestartsAndConcurrentSessions() async throws {
        let home = try Home()
        defer { home.remove() }
        let first = try await home.start()
        let second = try await home.start()
        // Outputs after a line break: the terminal's echo of the typed line
        // must not stand in for them, or the entries' order would be a race.
        await first.typeAtPrompt("echo from-first\r")
        #expect(await first.waitFor("\r\nfrom-first\r\n"))
        await second.typeAtPrompt("echo from-second\r")
        #expect(await second.waitFor("\r\nfrom-second\r\n"))
        await first.typeAtPrompt("echo \"Straße 東京 🎬\"\r")
        #expect(await first.waitFor("\r\nStraße 東京 🎬\r\n"))
        let secondMark = second.output.count
        await second.typeAtPrompt("echo sk_live_abcdefghijklmnop1234\r")
        #expect(await second.waitFor("armox> ", after: secondMark))
        await first.typeAtPrompt("\u{4}")
        await second.typeAtPrompt("\u{4}")
        #expect(await first.exitStatus() == 0)
        #expect(await second.exitStatus() == 0)

        let saved = try String(contentsOfFile: home.history, encoding: .utf8)
        #expect(saved.contains("echo from-first\n") && saved.contains("echo from-second\n") && saved.contains("echo \"Straße 東京 🎬\"\n"), "\(saved)")
        #expect(!saved.contains("sk_live"))
        let mode = (try FileManager.default.attributesOfItem(atPath: home.history)[.posixPermissions] as? Int ?? 0) & 0o777
        #expect(mode == 0o600)

        let third = try await home.start()
        let mark = third.output.count
        await third.typeAtPrompt("\u{1b}[A\r")  // Up, Enter: the newest entry again
        #expect(await third.waitFor("Straße 東京 🎬\r\n", after: mark), "\(third.output)")
        await third.typeAtPrompt("history\r")
        #expect(await third.waitFor("echo from-second", after: mark))
        await third.typeAtPrompt("\u{4}")
        #expect(await third.exitStatus() == 0)
    }

    @Test func ctrlCClearsTheLineAndStopsAWaitButNotTheJob() async throws {
        let home = try Home()
        defer { home.remove() }
        // Real pace: a video takes seconds, time enough to interrupt the wait.
        let terminal = try await home.start(speed: "1")
        await terminal.typeAtPrompt("echo half typed")
        terminal.type("\u{3}")
        // libedit redraws the line's end only: the cursor moves, then ^C.
        #expect(await terminal.waitFor("^C\r\n"), "\(terminal.output)")
        var mark = terminal.output.count
        terminal.type("echo after\r")
        #expect(await terminal.waitFor("\r\nafter\r\n", after: mark))
        #expect(!terminal.output.contains("\r\nhalf typed\r\n"), "the abandoned line ran")

        mark = terminal.output.count
        terminal.type("clip = run google/veo-3 \"a clip\"\r")
        // Its live line shows once the job is accepted and waited on.
        #expect(await terminal.waitFor("google/veo-3  p", after: mark), "\(terminal.output)")
        terminal.type("\u{3}")
        #expect(await terminal.waitFor("interrupted: stopped waiting; still running: job_", after: mark), "\(terminal.output)")
        #expect(await terminal.waitFor("$job holds it", after: mark))
        let listed = terminal.output.count
        await terminal.typeAtPrompt("jobs --session\r")
        #expect(await terminal.waitFor("MODEL", after: listed))
        #expect(await terminal.waitFor("google/veo-3", after: listed))
        terminal.type("done = wait; echo finished ${done.status}\r")
        #expect(await terminal.waitFor("finished completed", after: mark, timeout: .seconds(20)), "\(terminal.output)")
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)
    }

    /// `clear` clears the screen as Ctrl-L does and the prompt comes back;
    /// off a terminal it writes nothing at all.
    @Test func clearClearsTheScreenAndAPipeGetsNone() async throws {
        let home = try Home()
        defer { home.remove() }
        let terminal = try await home.start()
        let mark = terminal.output.count
        await terminal.typeAtPrompt("clear\r")
        #expect(await terminal.waitFor("\u{1B}[H\u{1B}[2J", after: mark), "\(terminal.output.debugDescription)")
        let cleared = terminal.output.range(of: "\u{1B}[H\u{1B}[2J", options: .backwards)!.upperBound
        #expect(await terminal.waitFor("armox> ", after: terminal.output.distance(from: terminal.output.startIndex, to: cleared)))
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)

        let piped = try await ArmoxProcess.run(["--sandbox", "-c", "clear; echo after"])
        #expect(piped.status == 0)
        #expect(piped.stdout == "after\n", "\(piped.stdout.debugDescription)")
    }

    /// Ctrl-C during `wait all`: back at the prompt, the live lines erased,
    /// every job still running and listed.
    @Test func ctrlCDuringWaitAllKeepsEveryJob() async throws {
        let home = try Home()
        defer { home.remove() }
        let terminal = try await home.start(speed: "1")
        await terminal.typeAtPrompt("for p in [a, b, c] { run google/veo-3 \"clip $p\" --detach }; wait all\r")
        #expect(await terminal.waitFor("google/veo-3  p"), "\(terminal.output)")
        let mark = terminal.output.count
        terminal.type("\u{3}")
        #expect(await terminal.waitFor("interrupted: stopped waiting; still running: job_", after: mark), "\(terminal.output)")
        let listed = terminal.output.count
        await terminal.typeAtPrompt("jobs --session --json\r")
        #expect(await terminal.waitFor("]\r\n", after: listed), "\(terminal.output)")
        let json = String(terminal.output.dropFirst(listed))
        #expect(json.components(separatedBy: "\"model\": \"google/veo-3\"").count - 1 == 3, "\(json)")
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)
    }

    /// On a terminal a wait draws one live line per job, redrawn in place
    /// and erased when it ends.
    @Test func aWaitShowsLiveLinesAndErasesThem() async throws {
        let home = try Home()
        defer { home.remove() }
        // The demo's pace: the video processes for 5 s, and the music is
        // pending or processing for 3 s, however late the first poll comes.
        let terminal = try await home.start(speed: "1")
        let mark = terminal.output.count
        await terminal.typeAtPrompt("v = run google/veo-3 \"waves\" --detach; m = run elevenlabs/music \"a loop\" --detach; done = wait all; echo all ${done[0].status} ${done[1].status}\r")
        #expect(await terminal.waitFor("google/veo-3  processing", after: mark), "\(terminal.output)")
        #expect(await terminal.waitFor("elevenlabs/music  p", after: mark))
        #expect(await terminal.waitFor("\u{1B}[1A\u{1B}[2K", after: mark), "the lines are erased in place")
        #expect(await terminal.waitFor("all completed completed", after: mark, timeout: .seconds(20)), "\(terminal.output)")
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)
    }

    /// SIGTERM during a wait at the prompt ends armox at once: the live
    /// lines are erased first, not left on the screen.
    @Test func sigtermDuringAWaitLeavesNoLiveLines() async throws {
        let home = try Home()
        defer { home.remove() }
        let terminal = try await home.start(speed: "1")
        let mark = terminal.output.count
        await terminal.typeAtPrompt("run google/veo-3 \"waves\"\r")
        #expect(await terminal.waitFor("google/veo-3  p", after: mark), "\(terminal.output)")
        try await Task.sleep(for: .milliseconds(200))
        kill(terminal.armoxPID, SIGTERM)
        #expect(await terminal.exitStatus() != 0)
        // After the last live line armox wrote: up over it, clearing it, back to the margin
        // (setsid may then say how its child ended).
        func erasedLast() -> Bool {
            guard let last = terminal.output.range(of: "google/veo-3  p", options: .backwards) else { return false }
            return terminal.output[last.upperBound...].contains("\u{1B}[1A\u{1B}[2K\r")
        }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while !erasedLast(), clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(erasedLast(), "\(terminal.output.suffix(200).debugDescription)")
    }

    /// At 50 columns a live line leaves the model name out rather than
    /// lose the status and the time waited.
    @Test func aNarrowTerminalKeepsTheStatusInTheLiveLines() async throws {
        let home = try Home()
        defer { home.remove() }
        let terminal = try await home.start(speed: "0.4")
        terminal.resize(rows: 24, columns: 50)
        let mark = terminal.output.count
        await terminal.typeAtPrompt("v = run google/veo-3 \"waves\" --detach; done = wait $v; echo done ${done.status}\r")
        #expect(await terminal.waitFor("  processing  ", after: mark), "\(terminal.output)")
        #expect(await terminal.waitFor("done completed", after: mark, timeout: .seconds(20)), "\(terminal.output)")
        await terminal.typeAtPrompt("\u{4}")
        #expect(await terminal.exitStatus() == 0)
    }

    /// While a line is edited the terminal is raw; on every way out it is
    /// put back: Ctrl-D, `exit N`, and an error before that.
    @Test func theTerminalIsRestoredOnEveryExit() async throws {
        let home = try Home()
        defer { home.remove() }
        for (keys, status) in [("\u{4}", Int32(0)), ("rn oops\rexit 3\r", 3)] {
            let terminal = try await home.start()
            #expect(terminal.localModes & tcflag_t(ICANON) == 0, "libedit edits in raw mode")
            await terminal.typeAtPrompt(keys)
            #expect(await terminal.exitStatus() == status)
            #expect(terminal.localModes & tcflag_t(ICANON | ECHO) == tcflag_t(ICANON | ECHO), "terminal left raw")
        }
    }
}
