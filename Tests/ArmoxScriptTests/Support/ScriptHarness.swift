import ArmoxAPI
import ArmoxHost
import ArmoxSandbox
import ArmoxScript
import ArmoxTestSupport
import Foundation
import Synchronization
@testable import ArmoxRender

/// Collects what the evaluator prints.
final class Captured: Sendable {
    let outText = Mutex("")
    let errText = Mutex("")
    var sink: OutputSink {
        OutputSink(out: { text in self.outText.withLock { $0 += text } }, err: { text in self.errText.withLock { $0 += text } })
    }
    var out: String { outText.withLock { $0 } }
    var err: String { errText.withLock { $0 } }
    func clear() {
        outText.withLock { $0 = "" }
        errText.withLock { $0 = "" }
    }
}

/// Polls every few milliseconds: the test sandbox runs at speed 0.01.
let fastPolling = PollingPolicy(initial: 0.01, factor: 1.5, maximum: 0.05)

/// What a script run without a terminal is given: the desktop opener and
/// loopback webhooks, no prompt, no live lines, plain output.
func scriptHost(style: @escaping () -> OutputStyle = { .plain }, prompt: PromptEntries? = nil) -> EvaluatorHost {
    EvaluatorHost(outputStyle: style, prompt: prompt, opener: DesktopOpeners(), webhooks: LoopbackWebhooks())
}

/// An opener that keeps what it was asked to open, for `open` in tests.
final class KeptOpener: Opener {
    let opened = Mutex<[String]>([])
    func program(in environment: [String: String]) -> String? { "/usr/bin/viewer" }
    func start(_ program: String, on url: String, environment: [String: String]) throws {
        opened.withLock { $0.append(url) }
    }
}

/// An evaluator on a fresh sandbox.
func withEvaluator(
    json: Bool = false, arguments: [String] = [], environment: [String: String] = [:],
    workingDirectory: String = FileManager.default.currentDirectoryPath,
    host: EvaluatorHost = scriptHost(), budget: Int? = nil, resume: Bool = false,
    _ configure: (inout SandboxConfiguration) -> Void = { _ in },
    _ body: (Evaluator, Captured, SandboxServer) async throws -> Void
) async throws {
    try await withSandbox(configure) { server, client in
        let captured = Captured()
        let evaluator = Evaluator(
            client: client, output: captured.sink, json: json,
            session: Session(arguments: arguments, environment: environment), polling: fastPolling,
            workingDirectory: workingDirectory, host: host, budget: budget, resume: resume)
        try await body(evaluator, captured, server)
    }
}

/// An evaluator whose client points at a closed port: for language tests
/// that must not touch the network (a request would fail the test).
func withOfflineEvaluator(
    json: Bool = false, arguments: [String] = [], environment: [String: String] = [:],
    host: EvaluatorHost = scriptHost(),
    _ body: (Evaluator, Captured) async throws -> Void
) async throws {
    var configuration = ArmoxConfiguration(baseURL: "http://127.0.0.1:9/api/v1", apiKey: "sk_live_offline_test_0000")
    configuration.retry = .none
    let client = ArmoxClient(configuration: configuration)
    let captured = Captured()
    let evaluator = Evaluator(
        client: client, output: captured.sink, json: json,
        session: Session(arguments: arguments, environment: environment), polling: fastPolling, host: host)
    do {
        try await body(evaluator, captured)
        await client.shutdown()
    } catch {
        await client.shutdown()
        throw error
    }
}

extension Evaluator {
    /// Runs `text` as if typed at the prompt.
    func typed(_ text: String) async throws {
        try await run(typed: parse(SourceText(name: Evaluator.promptSourceName, text: text)))
    }
}

/// A style a test changes as it goes, as a resized terminal would.
final class ChangingStyle: Sendable {
    private let style: Mutex<OutputStyle>
    init(_ style: OutputStyle) { self.style = Mutex(style) }
    var now: OutputStyle {
        get { style.withLock { $0 } }
        set { style.withLock { $0 = newValue } }
    }
}

/// The ScriptError `operation` throws, or nil.
func scriptError(_ operation: () async throws -> Void) async -> ScriptError? {
    do {
        try await operation()
        return nil
    } catch let error as ScriptError {
        return error
    } catch {
        return nil
    }
}
