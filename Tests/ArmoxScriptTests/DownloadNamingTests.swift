import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxScript

/// Default names are unique per job, so a script runs twice and a recording
/// replays without stopping on a name every job shares.
@Suite("Download names and targets")
struct DownloadNamingTests {
    @Test func namesComeFromTheJobAndTheOutputsNumber() {
        #expect(DownloadName.forOutput(of: "job_ab12", url: "https://x.test/files/job_ab12/output.png", index: 0, count: 1) == "job_ab12.png")
        #expect(DownloadName.forOutput(of: "job_ab12", url: "https://x.test/files/job_ab12/output.png", index: 1, count: 2) == "job_ab12-2.png")
        // The server's own name where it names the job already.
        #expect(DownloadName.forOutput(of: "job_ab12", url: "https://cdn.test/o/job_ab12-hero.webp?sig=1", index: 0, count: 1) == "job_ab12-hero.webp")
        // No extension in the URL: the Content-Type gives one when the answer comes.
        #expect(DownloadName.forOutput(of: "job_ab12", url: "https://cdn.test/o/blob", index: 0, count: 1) == "job_ab12")
        // A hostile id is still one plain entry.
        #expect(DownloadName.forOutput(of: "../../etc/passwd", url: "https://x.test/a.png", index: 0, count: 1) == "_.._etc_passwd.png")
    }

    @Test func aScriptRunTwiceSavesBesideTheFirst() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = #"h = run google/nano-banana "a fox"; download $h out/; f = run black-forest-labs/flux-schnell "cats" num_outputs=2; download $f out/"#
        try await withEvaluator(workingDirectory: folder.path) { evaluator, _, _ in
            try await evaluator.evaluate(script, name: "batch.armox")
            try await evaluator.evaluate(script, name: "batch.armox")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out").sorted()
            #expect(files.count == 6, "\(files)")
            let ids = evaluator.session.startedJobs
            #expect(Set(files) == Set(ids.flatMap { id -> [String] in
                evaluator.session.jobs[id]!.outputURLs.count == 1 ? [id + ".png"] : [id + "-1.png", id + "-2.png"]
            }))
        }
    }

    @Test func aBareJobIDAndAnOutputURLAreNamedAfterTheJob() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withEvaluator(workingDirectory: folder.path) { evaluator, captured, _ in
            let job = try await evaluator.client.run(model: "google/nano-banana", input: ["prompt": .string("a fox")], webhookURL: nil)
            // Another session's job, by its id alone.
            try await evaluator.evaluate("download \(job.id) a/", name: "t")
            #expect(FileManager.default.fileExists(atPath: folder.path + "/a/\(job.id).png"), "\(captured.out)")
            try await evaluator.evaluate(#"h = run google/nano-banana "b"; download $h.output b/"#, name: "t")
            let made = try #require(evaluator.session.startedJobs.last)
            #expect(FileManager.default.fileExists(atPath: folder.path + "/b/\(made).png"))
        }
    }

    @Test func aFileTargetsFoldersAreCreated() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withEvaluator(workingDirectory: folder.path) { evaluator, _, _ in
            try await evaluator.evaluate(#"h = run google/nano-banana "a fox"; download $h renders/2026/hero.png"#, name: "t")
            #expect(FileManager.default.fileExists(atPath: folder.path + "/renders/2026/hero.png"))
        }
    }

    @Test func checkReportsADownloadWhoseTargetExists() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("old".utf8).write(to: folder.appendingPathComponent("hero.png"))
        try await withEvaluator(workingDirectory: folder.path) { evaluator, _, server in
            let plan = await evaluator.check(#"h = run google/nano-banana "a fox"\#ndownload $h hero.png"#, name: "t.armox")
            #expect(plan.errors.map(\.message) == ["\(folder.path)/hero.png exists; add --force to overwrite"])
            #expect(plan.errors.first?.location?.line == 2)
            // Before running, the same check stops the script: nothing is spent.
            let error = await scriptError { try await evaluator.evaluate(#"h = run google/nano-banana "a fox"\#ndownload $h hero.png"#, name: "t.armox") }
            #expect(error?.message == "\(folder.path)/hero.png exists; add --force to overwrite")
            #expect(await server.requestCount(.modelsRun) == 0)
            #expect((try? String(contentsOf: folder.appendingPathComponent("hero.png"), encoding: .utf8)) == "old")
            let forced = await evaluator.check(#"h = run google/nano-banana "a fox"\#ndownload $h hero.png --force"#, name: "t.armox")
            #expect(forced.isValid)
        }
    }
}

/// A file armox writes never holds the key: not even a name taken from a URL.
@Suite("Download names hold no key")
struct DownloadNameKeyTests {
    @Test func aURLThatEchoesTheKeyNamesNoFileWithIt() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withEvaluator(workingDirectory: folder.path) { evaluator, _, server in
            let key = SandboxKeys.valid
            await server.inject(.body(status: 200, body: "{}"), on: .files)
            let url = server.baseURL.replacingOccurrences(of: "/api/v1", with: "") + "/files/job_x/\(key).png"
            try await evaluator.evaluate("download \"\(url)\" out/", name: "t")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out")
            #expect(names.count == 1)
            #expect(names.allSatisfy { !$0.contains(String(key.dropFirst(8).prefix(8))) }, "\(names)")
            #expect(names == ["sk_live_….png"])
        }
    }
}
