import ArmoxAPI
import ArmoxLedger
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxScript

/// A run is sent at most once: faults at every step of a run — the run
/// request itself, the first poll by id, the bulk poll of a wait — and the
/// sandbox's ledger (the runs it accepted and charged) never shows two runs
/// for one statement. When the outcome is ambiguous the error says plainly
/// that the run may have been accepted and where to look, and nothing is
/// sent again. armox's own run ledger (a real file in a temporary folder)
/// holds one row per statement's run: accepted with its job, marked
/// `uncertain` where the answer was ambiguous, `refused` where the server
/// certainly said no.
@Suite("A run is sent at most once")
struct OnceOnlyTests {
    // MARK: The matrix

    /// A statement that starts one run, and what it does after.
    enum Statement: String, CaseIterable, CustomTestStringConvertible, Sendable {
        /// An image model: the run's answer is the finished job (200).
        case image
        /// A video model: 202, then polls by id until it ends.
        case video
        /// A video model with `--detach`: 202, no poll.
        case detached
        /// An app: 202, then polls by id.
        case app

        var text: String {
            switch self {
            case .image: #"run google/nano-banana "a fox in snow""#
            case .video: #"run google/veo-3 "waves at dusk""#
            case .detached: #"run google/veo-3 "waves at dusk" --detach"#
            case .app: #"run-app "Sketch to Render" image_input=[https://example.com/a.png] aspect_ratio=auto"#
            }
        }

        /// Where its run request goes.
        var endpoint: SandboxEndpoint { self == .app ? .appsRun : .modelsRun }

        var testDescription: String { rawValue }
    }

    /// What a fault on the run request must lead to.
    enum Outcome: Sendable, Equatable {
        /// The statement succeeds, with exactly one run accepted, after this many run requests.
        case succeeds(requests: Int)
        /// An error that says the run may have been accepted; the run request
        /// was sent once and the ledger holds `accepted` (0 or 1) runs.
        case ambiguous(accepted: Int)
        /// A plain error (the server certainly refused): nothing accepted, no
        /// "may have been accepted"; the message holds `says`.
        case refused(says: String)
    }

    /// One fault, how many requests it hits, and what it does to a run request.
    struct Fault: CustomTestStringConvertible, Sendable {
        let name: String
        let fault: SandboxFault
        var times = 1
        let onRun: Outcome

        var testDescription: String { name }

        static let all: [Fault] = [
            Fault(name: "500", fault: .status(500, message: "Internal server error"), onRun: .ambiguous(accepted: 0)),
            Fault(name: "502", fault: .status(502, message: "Bad gateway"), onRun: .ambiguous(accepted: 0)),
            Fault(name: "503", fault: .status(503, message: "Service unavailable"), onRun: .ambiguous(accepted: 0)),
            Fault(name: "502 with an HTML body", fault: .body(status: 502, body: "<html><h1>502 Bad Gateway</h1></html>"), onRun: .ambiguous(accepted: 0)),
            // The limiter refused it: nothing was accepted, so the run is sent again.
            Fault(name: "429 once", fault: .rateLimited(retryAfter: 0), onRun: .succeeds(requests: 2)),
            Fault(name: "429 storm", fault: .rateLimited(retryAfter: 0), times: 10, onRun: .refused(says: "HTTP 429: Rate limit exceeded")),
            Fault(name: "lost reply", fault: .lostReply, onRun: .ambiguous(accepted: 1)),
            Fault(name: "dropped connection", fault: .dropConnection, onRun: .ambiguous(accepted: 0)),
            Fault(name: "truncated JSON", fault: .truncatedJSON, onRun: .ambiguous(accepted: 1)),
            Fault(name: "malformed JSON", fault: .malformedJSON, onRun: .ambiguous(accepted: 0)),
            Fault(name: "delay past the timeout", fault: .delay(seconds: OnceOnlyTests.slow), onRun: .ambiguous(accepted: 1)),
            Fault(name: "slow body past the timeout", fault: .slowBody(seconds: OnceOnlyTests.slow), onRun: .ambiguous(accepted: 1)),
            Fault(name: "oversized body", fault: .oversized(bytes: OnceOnlyTests.cap + 1_000), onRun: .ambiguous(accepted: 0)),
            Fault(
                name: "id of the wrong type", fault: .body(status: 200, body: #"{"id": 42, "object": "job", "status": "completed"}"#),
                onRun: .ambiguous(accepted: 0)),
            // Accepted, and readable where it matters: the optional fields of
            // the wrong type are let go, the job is kept and waited on.
            Fault(
                name: "optional fields of the wrong type",
                fault: .body(
                    status: 202,
                    body: #"{"id": "{{id}}", "object": "job", "status": "processing", "credits_charged": "lots", "created_at": 17, "model": ["x"], "output": "nope"}"#,
                    carryOut: true),
                onRun: .succeeds(requests: 1)),
            Fault(
                name: "an unknown status", fault: .body(status: 200, body: #"{"id": "{{id}}", "status": "queued"}"#, carryOut: true),
                onRun: .succeeds(requests: 1)),
        ]
    }

    /// Each request may take this long (the delay and slow-body faults take longer).
    static let timeout: Duration = .seconds(2)
    static let slow = 4.0
    /// The client's response size cap in these tests (16 MiB by default).
    static let cap = 64 * 1024

    @Test("a fault on the run request", arguments: Statement.allCases, Fault.all)
    func faultOnTheRun(_ statement: Statement, _ fault: Fault) async throws {
        try await Self.withFaults { evaluator, captured, server in
            await server.inject(fault.fault, on: statement.endpoint, times: fault.times)
            let error = await scriptError { try await evaluator.evaluate(statement.text, name: "t.armox") }
            let ledger = await server.ledger()
            let requests = await server.requestCount(statement.endpoint)
            let rows = try Self.runRows(evaluator)
            #expect(rows.count == 1, "\(rows.map(\.state))")
            switch fault.onRun {
            case .succeeds(let expected):
                #expect(error == nil, "\(error?.rendered() ?? "")")
                #expect(ledger.count == 1)
                #expect(requests == expected)
                #expect(rows.first?.state == .accepted && rows.first?.jobID == ledger.first?.jobId)
            case .ambiguous(let accepted):
                let error = try #require(error, "the statement succeeded")
                Self.expectAmbiguous(error)
                #expect(ledger.count == accepted)
                #expect(requests == 1, "the run was sent again")
                #expect(rows.first?.state == .uncertain && rows.first?.jobID == nil && rows.first?.mayHaveBeenAccepted == true)
                // Where the hint says to look, the accepted run is.
                captured.clear()
                try await evaluator.evaluate("jobs")
                for entry in ledger { #expect(captured.out.contains(entry.jobId), "jobs does not list \(entry.jobId)") }
            case .refused(let says):
                let error = try #require(error, "the statement succeeded")
                #expect(error.message.contains(says), "\(error.message)")
                #expect(!error.rendered().contains("may have been accepted"))
                #expect(ledger.isEmpty)
                #expect(rows.first?.state == .refused && rows.first?.jobID == nil)
            }
        }
    }

    /// The first poll of a run that waits (by id) and the bulk poll of a
    /// wait on several: the wait outlasts every fault, and no run is sent again.
    @Test("a fault on the first poll", arguments: [Statement.video, .app], Fault.all)
    func faultOnTheFirstPoll(_ statement: Statement, _ fault: Fault) async throws {
        try await Self.withFaults { evaluator, _, server in
            await server.inject(fault.fault, on: .jobGet, times: fault.times)
            try await evaluator.evaluate(statement.text, name: "t.armox")
            #expect(await server.ledger().count == 1)
            #expect(await server.requestCount(statement.endpoint) == 1)
            #expect(await server.snapshot().pendingFaults["jobGet"] == 0, "the poll never met the fault")
            let rows = try Self.runRows(evaluator)
            #expect(rows.map(\.state) == [.accepted] && rows.first?.status == "completed", "\(rows.map(\.status))")
            guard case .job(let job)? = evaluator.session.variables["job"] else {
                Issue.record("no $job")
                return
            }
            #expect(job.status == .completed)
        }
    }

    @Test("a fault on the bulk poll of wait all", arguments: Fault.all)
    func faultOnTheBulkPoll(_ fault: Fault) async throws {
        try await Self.withFaults { evaluator, _, server in
            try await evaluator.evaluate(
                #"a = run google/veo-3 "one" --detach; b = run google/veo-3 "two" --detach"#, name: "t.armox")
            await server.inject(fault.fault, on: .jobsList, times: fault.times)
            try await evaluator.evaluate("done = wait all", name: "t.armox")
            #expect(await server.ledger().count == 2)
            #expect(await server.requestCount(.modelsRun) == 2)
            let rows = try Self.runRows(evaluator)
            #expect(rows.map(\.state) == [.accepted, .accepted] && rows.allSatisfy { $0.status == "completed" }, "\(rows.map(\.status))")
            // After two failed lists in a row the wait polls by id, so a long storm may outlast it.
            #expect((await server.snapshot().pendingFaults["jobsList"] ?? 0) < fault.times, "the poll never met the fault")
            guard case .list(let done)? = evaluator.session.variables["done"] else {
                Issue.record("no $done")
                return
            }
            #expect(done.count == 2)
        }
    }

    /// A connection refused before anything was written: nothing can have
    /// been accepted, so the run is sent again once something listens — and
    /// accepted once; when nothing ever does, a plain error.
    @Test("a refused connection", arguments: [Statement.image, .video, .detached, .app], [false, true])
    func refusedConnection(_ statement: Statement, _ serverComesUp: Bool) async throws {
        await Self.slots.acquire()
        var settings = SandboxConfiguration()
        settings.speed = 0.01
        let first = try await SandboxServer.start(settings)
        // The statement goes to a port held bound but not listening (refused
        // at once, and no other test's server can take it), through a client
        // with no pooled connection to the first server.
        let reserved = try ReservedPort()
        var configuration = ArmoxConfiguration(baseURL: "http://127.0.0.1:\(reserved.port)/api/v1", apiKey: SandboxKeys.valid)
        configuration.retry = RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(50), maxDelay: .milliseconds(200))
        configuration.requestTimeout = .seconds(30)
        let client = ArmoxClient(configuration: configuration)
        let catalogueClient = ArmoxClient(configuration: ArmoxConfiguration(baseURL: first.baseURL, apiKey: SandboxKeys.valid))
        let captured = Captured()
        let evaluator = Evaluator(client: catalogueClient, output: captured.sink, polling: fastPolling)
        var second: SandboxServer?
        do {
            // The catalogue first, from the first server; then the statement, refused.
            try await evaluator.evaluate("models; apps")
            evaluator.client = client
            await first.stop()
            let handoff = CancellationTests.Handoff(evaluator: evaluator)
            let task = Task { await scriptError { try await handoff.evaluator.evaluate(statement.text, name: "t.armox") } }
            if serverComesUp {
                try await Task.sleep(for: .milliseconds(150))
                second = try await reserved.startSandbox(settings)
            }
            let error = await task.value
            if let second {
                #expect(error == nil, "\(error?.rendered() ?? "")")
                #expect(await second.ledger().count == 1)
                #expect(await second.requestCount(statement.endpoint) == 1)
            } else {
                let error = try #require(error, "the statement succeeded with nothing listening")
                #expect(error.message.contains("could not connect"), "\(error.message)")
                #expect(!error.rendered().contains("may have been accepted"))
            }
        } catch {
            Issue.record("\(error)")
        }
        await client.shutdown()
        await catalogueClient.shutdown()
        reserved.release()
        await second?.stop()
        await first.stop()
        await Self.slots.release()
    }

    // MARK: Helpers

    /// The error reads as an ambiguous run: plainly, in its hint, with where to look.
    static func expectAmbiguous(_ error: ScriptError, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let text = error.rendered()
        #expect(text.contains("the run may have been accepted (and charged)"), "\(text)", sourceLocation: sourceLocation)
        #expect(text.contains("look with jobs"), "\(text)", sourceLocation: sourceLocation)
        #expect(text.hasPrefix("t.armox:1:1: error: "), "\(text)", sourceLocation: sourceLocation)
    }

    /// The runs armox's ledger holds for the session, newest first; the
    /// ledger must not have failed.
    static func runRows(_ evaluator: Evaluator) throws -> [LedgerRun] {
        let session = try #require(evaluator.ledger, "the run ledger failed")
        return try session.ledger.runs(RunQuery())
    }

    /// An evaluator on a fresh sandbox, its client with short timeouts, fast
    /// retries and a small response cap. The catalogue (models and apps) is
    /// fetched first by a patient client, so the short timeout only ever
    /// meets the statement under test. At most `slots` run at once: the
    /// matrix is over a hundred sandboxes, and on a two-core machine all of
    /// them at once would time out for want of a thread, not of a fault.
    static func withFaults(_ body: (Evaluator, Captured, SandboxServer) async throws -> Void) async throws {
        await slots.acquire()
        do {
            try await withSandbox(requestTimeout: .seconds(30)) { server, patient in
                let prefetch = Evaluator(client: patient, output: Captured().sink, polling: fastPolling)
                try await prefetch.evaluate("models; apps")
                var configuration = patient.configuration
                configuration.requestTimeout = timeout
                configuration.maxResponseBytes = cap
                let client = ArmoxClient(configuration: configuration)
                let captured = Captured()
                let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("armox-once-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: folder) }
                let runs = try RunLedger(path: folder.path + "/runs.sqlite3")
                let evaluator = Evaluator(
                    client: client, output: captured.sink, session: prefetch.session, polling: fastPolling,
                    host: EvaluatorHost(ledger: LedgerSession(ledger: runs, server: server.baseURL)))
                do {
                    try await body(evaluator, captured, server)
                    await client.shutdown()
                } catch {
                    await client.shutdown()
                    throw error
                }
            }
        } catch {
            await slots.release()
            throw error
        }
        await slots.release()
    }

    static let slots = Slots(8)

    /// A counting semaphore for tasks.
    actor Slots {
        private var free: Int
        private var waiting: [CheckedContinuation<Void, Never>] = []

        init(_ count: Int) { free = count }

        func acquire() async {
            if free > 0 {
                free -= 1
                return
            }
            await withCheckedContinuation { waiting.append($0) }
        }

        func release() {
            if waiting.isEmpty {
                free += 1
            } else {
                waiting.removeFirst().resume()
            }
        }
    }
}
