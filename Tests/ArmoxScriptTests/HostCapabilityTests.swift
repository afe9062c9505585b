import ArmoxAPI
import ArmoxTestSupport
import Foundation
import Synchronization
import Testing

@testable import ArmoxScript

/// The evaluator is given its host when it is made: what the host leaves out,
/// the command that needs it says in one line; what it gives, it uses.
@Suite("The evaluator's host")
struct HostCapabilityTests {
    @Test func whatTheHostLeavesOutIsNamed() async throws {
        try await withEvaluator(host: .none) { evaluator, captured, _ in
            let listen = await scriptError { try await evaluator.evaluate("listen --secret=whsec_x", name: "h.armox") }
            #expect(listen?.message == "this session cannot run a webhook receiver")
            #expect(listen?.location?.description == "h.armox:1:1")
            let history = await scriptError { try await evaluator.evaluate("history", name: "h.armox") }
            #expect(history?.message == "history is kept only at the interactive prompt")
            let record = await scriptError { try await evaluator.evaluate("record x.armox", name: "h.armox") }
            #expect(record?.message == "record turns what you type at the prompt into a script; a script has nothing to record")
            let login = await scriptError { try await evaluator.evaluate("login", name: "h.armox") }
            #expect(login?.message == "this session runs against the built-in sandbox, which needs no key")
            // Without an opener, open prints the URLs for the user to take elsewhere.
            try await evaluator.evaluate(#"x = run google/nano-banana "a fox"; open $x"#)
            guard case .job(let job)? = evaluator.session.variables["x"] else { throw ScriptError("no job") }
            #expect(captured.out == job.outputURLs.joined(separator: "\n") + "\n")
        }
    }

    @Test func theHostsOpenerIsTheOneUsed() async throws {
        let opener = KeptOpener()
        try await withEvaluator(host: EvaluatorHost(opener: opener)) { evaluator, captured, _ in
            try await evaluator.evaluate(#"x = run google/nano-banana "a fox"; open $x"#)
            guard case .job(let job)? = evaluator.session.variables["x"] else { throw ScriptError("no job") }
            #expect(opener.opened.withLock { $0 } == job.outputURLs)
            #expect(captured.out == job.outputURLs.map { "handed to viewer: \($0)" }.joined(separator: "\n") + "\n")
        }
    }

    /// What decides that a statement was typed is how it was handed over,
    /// not the name its source goes by.
    @Test func onlyTypedStatementsAreRecorded() async throws {
        let folder = try makeScratchFolder("armox-host")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withEvaluator(workingDirectory: folder.path, host: scriptHost(prompt: PromptEntries())) { evaluator, _, _ in
            try await evaluator.typed("record r.armox")
            try await evaluator.typed(#"echo "typed""#)
            try await evaluator.evaluate(#"echo "not typed""#, name: Evaluator.promptSourceName)
            try await evaluator.typed("record stop")
        }
        let text = try String(contentsOfFile: folder.path + "/r.armox", encoding: .utf8)
        #expect(text.contains(#"echo "typed""#))
        #expect(!text.contains("not typed"))
    }

    /// The language module asks nothing of a terminal, starts no process and
    /// runs no server: those are the host's (ArmoxHost, ArmoxShell).
    @Test func theLanguageModuleReachesForNoTerminalProcessOrServer() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources/ArmoxScript")
        let forbidden = ["import NIO", "posix_spawn", "isatty", "ioctl", "tcsetattr", "Process(", "ProcessInfo"]
        var found: [String] = []
        var files = 0
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            files += 1
            let text = try String(contentsOf: url, encoding: .utf8)
            for word in forbidden where text.contains(word) { found.append("\(url.lastPathComponent): \(word)") }
        }
        #expect(files > 70)
        #expect(found == [])
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let target = try #require(manifest.range(of: #"name: "ArmoxScript","#))
        let rest = manifest[target.upperBound...]
        let block = rest[..<(rest.range(of: "\n        ),")?.lowerBound ?? rest.endIndex)]
        #expect(block.contains("Crypto"))
        #expect(!block.contains("NIO"))
    }
}
