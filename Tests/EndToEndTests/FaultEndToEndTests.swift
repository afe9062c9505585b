import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The built binary against a sandbox that misbehaves on purpose: the exit
/// status, the error on stderr (`FILE:LINE:COL: error: …`, the plain "may
/// have been accepted … jobs" on an ambiguous run, a timeout within
/// `ARMOX_TIMEOUT`), nothing on stdout that is not a result, and on a
/// terminal, the terminal put back however the session ends.
@Suite("Faults, end to end")
struct FaultEndToEndTests {
    /// A sandbox for one test, stopped after it.
    static func withServer(_ body: (SandboxServer) async throws -> Void) async throws {
        var settings = SandboxConfiguration()
        settings.speed = 0.05
        let server = try await SandboxServer.start(settings)
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// `armox --base-url … -c statements` with the sandbox key.
    static func armox(_ server: SandboxServer, _ statements: String, environment: [String: String] = [:]) async throws -> ArmoxProcess.Result {
        try await ArmoxProcess.run(
            ["--base-url", server.baseURL, "-c", statements],
            environment: ["ARMOX_API_KEY": SandboxKeys.valid].merging(environment) { $1 }, timeout: .seconds(30))
    }

    @Test func aLostRunReplySaysTheRunMayHaveBeenAcceptedAndStops() async throws {
        try await Self.withServer { server in
            await server.inject(.lostReply, on: .modelsRun)
            let result = try await Self.armox(server, #"models; run google/nano-banana "a fox"; echo after"#)
            #expect(result.status == 1)
            #expect(
                result.stderr.hasPrefix(
                    """
                    -c:1:9: error: POST /models/run: the server closed the connection before answering completely
                    models; run google/nano-banana "a fox"; echo after
                            ^
                    hint: the run may have been accepted (and charged)
                    """), "\(result.stderr)")
            #expect(result.stderr.contains("look with jobs"), "\(result.stderr)")
            // The models table is the one result; the script stopped before `echo after`.
            #expect(result.stdout.hasPrefix("ID "), "\(result.stdout)")
            #expect(!result.stdout.contains("after"))
            #expect(await server.ledger().count == 1)
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }

    @Test func aMalformedRunReplyShowsAnExcerptAndIsNotResent() async throws {
        try await Self.withServer { server in
            await server.inject(.malformedJSON, on: .modelsRun)
            let result = try await Self.armox(server, #"run google/nano-banana "a fox""#)
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("-c:1:1: error: POST /models/run: malformed response (HTTP 200): not valid JSON"), "\(result.stderr)")
            #expect(result.stderr.contains("body starts: <html><body><h1>502 Bad Gateway</h1>"))
            #expect(result.stderr.contains("hint: the run may have been accepted (and charged)"), "\(result.stderr)")
            #expect(result.stderr.contains("look with jobs"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }

    @Test func aSlowServerTimesOutWithinArmoxTimeout() async throws {
        try await Self.withServer { server in
            await server.inject(.delay(seconds: 20), on: .models, times: 10)
            let clock = ContinuousClock()
            let started = clock.now
            let result = try await Self.armox(server, "models", environment: ["ARMOX_TIMEOUT": "1"])
            let took = clock.now - started
            #expect(result.status == 1)
            #expect(result.stderr == "-c:1:1: error: GET /models: no complete answer within 1 s\nmodels\n^\n", "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(took < .seconds(4), "\(took)")
            #expect(await server.requestCount(.models) == 1)
        }
    }

    /// A wait whose polls all time out ends at the wait's own --timeout.
    @Test func aWaitOnASlowServerEndsAtItsTimeout() async throws {
        try await Self.withServer { server in
            await server.inject(.slowBody(seconds: 20), on: .jobGet, times: 100)
            let clock = ContinuousClock()
            let started = clock.now
            // Each poll gives up after 2 s (the catalogue and the run answer at
            // once, with room for a loaded machine); the wait after 4 s.
            let result = try await Self.armox(server, #"run google/veo-3 "waves" --timeout=4"#, environment: ["ARMOX_TIMEOUT": "2"])
            let took = clock.now - started
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("-c:1:1: error: still running after 4 s: job_"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(took < .seconds(12), "\(took)")
            #expect(await server.ledger().count == 1)
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }

    @Test func fiveHundredsOnAGetEndInAnErrorNamingTheRequest() async throws {
        try await Self.withServer { server in
            await server.inject(.status(500, message: "Internal server error"), on: .models, times: 10)
            let result = try await Self.armox(server, "models")
            #expect(result.status == 1)
            #expect(result.stderr == "-c:1:1: error: GET /models: HTTP 500: Internal server error\nmodels\n^\n", "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(await server.requestCount(.models) == 4)
        }
    }

    @Test func anUnknownStatusIsShownAsItCame() async throws {
        try await Self.withServer { server in
            await server.inject(
                .body(status: 200, body: #"{"id": "job_x", "object": "job", "status": "queued", "credits_charged": "lots"}"#), on: .jobGet)
            let shown = try await ArmoxProcess.run(
                ["--base-url", server.baseURL, "--json", "-c", "job job_x"], environment: ["ARMOX_API_KEY": SandboxKeys.valid])
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stderr.isEmpty, "\(shown.stderr)")
            let job = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
            #expect(job?["status"] as? String == "queued")
            #expect(job?["id"] as? String == "job_x")
        }
    }

    @Test func anInvalidArmoxTimeoutIsIgnoredWithAWarning() async throws {
        try await Self.withServer { server in
            let result = try await Self.armox(server, "models video", environment: ["ARMOX_TIMEOUT": "soon"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr == "armox: warning: ARMOX_TIMEOUT=soon is not a number of seconds above 0 and at most 86400; using the default 60 s\n")
            #expect(result.stdout.contains("google/veo-3"))
        }
    }

    /// At the prompt, a wait whose poll the server holds (no answer yet, or
    /// an answer whose body trickles): Ctrl-C stops the wait (the job goes
    /// on), Ctrl-D leaves at once, and the terminal is put back.
    @Test(arguments: [SandboxFault.delay(seconds: 30), .slowBody(seconds: 30)])
    func ctrlCDuringAStuckPollThenCtrlDRestoresTheTerminal(_ fault: SandboxFault) async throws {
        try await Self.withServer { server in
            await server.inject(fault, on: .jobGet, times: 100)
            let home = try makeScratchFolder("armox-fault-pty")
            defer { try? FileManager.default.removeItem(at: home) }
            let terminal = try PseudoTerminal(
                ["--base-url", server.baseURL],
                environment: [
                    "ARMOX_API_KEY": SandboxKeys.valid, "ARMOX_TIMEOUT": "20", "ARMOX_HISTFILE": home.path + "/history",
                    "XDG_CACHE_HOME": home.path + "/cache",
                ])
            #expect(await terminal.waitFor("armox> "), "no prompt: \(terminal.output)")
            #expect(terminal.localModes & tcflag_t(ICANON) == 0, "libedit edits in raw mode")
            let mark = terminal.output.count
            await terminal.typeAtPrompt("clip = run google/veo-3 \"waves\"\r")
            // Ctrl-C once the server holds the first poll.
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(15)
            while await server.requestCount(.jobGet) == 0, clock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(await server.requestCount(.jobGet) >= 1, "no poll reached the server: \(terminal.output)")
            terminal.type("\u{3}")
            #expect(await terminal.waitFor("interrupted: stopped waiting; still running: job_", after: mark), "\(terminal.output)")
            let interrupted = terminal.output.range(of: "interrupted: stopped waiting").map { terminal.output.distance(from: terminal.output.startIndex, to: $0.lowerBound) } ?? mark
            #expect(await terminal.waitFor("armox> ", after: interrupted), "no prompt after the interruption: \(terminal.output)")
            let started = clock.now
            await terminal.typeAtPrompt("\u{4}")
            #expect(await terminal.exitStatus() == 0)
            #expect(clock.now - started < .seconds(5), "leaving waited on the held poll")
            #expect(terminal.localModes & tcflag_t(ICANON | ECHO) == tcflag_t(ICANON | ECHO), "terminal left raw")
            #expect(await server.ledger().count == 1)
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }
}

/// A catalogue nested 20,000 levels deep (40 KB, well formed) once
/// overflowed the stack of the byte reader: every entry holding a `run`
/// died with SIGSEGV before sending anything.
@Suite("A catalogue nested past every reader's depth")
struct DeepCatalogueTests {
    @Test func itIsRefusedInWordsAndNothingIsSent() async throws {
        let deep = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        let body = #"{"object": "list", "data": [{"id": "deep/model", "settings": [{"key": "k", "defaultValue": \#(deep)}]}]}"#
        try await FaultEndToEndTests.withServer { server in
            await server.inject(.body(status: 200, body: body), on: .models, times: 10)
            for statements in ["models", #"run deep/model "x""#] {
                let result = try await ArmoxProcess.run(
                    ["--base-url", server.baseURL, "-c", statements], environment: ["ARMOX_API_KEY": SandboxKeys.valid])
                #expect(result.status == 1, "\(statements): \(result.status) \(result.stderr)")
                #expect(result.stderr.contains("JSON nested deeper than 512 arrays and objects"), "\(result.stderr)")
            }
            #expect(await server.requestCount(.modelsRun) == 0)
        }
    }
}
