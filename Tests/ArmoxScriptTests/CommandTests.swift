import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxScript

/// Each command against the sandbox, over real HTTP.
@Suite("Commands against the sandbox")
struct CommandTests {
    @Test func runAnImageModelSetsTheSessionVariables() async throws {
        try await withEvaluator { evaluator, captured, server in
            try await evaluator.evaluate(#"hero = run google/nano-banana "a red fox" aspect_ratio=16:9"#)
            #expect(captured.out.isEmpty, "an assignment prints nothing")
            guard case .job(let job)? = evaluator.session.variables["hero"] else {
                Issue.record("hero is not a job")
                return
            }
            #expect(job.status == .completed)
            try await evaluator.evaluate(#"echo "$job ${hero.status} $output" $outputs.count"#)
            #expect(captured.out == "\(job.id) completed \(job.outputURLs[0]) 1\n")
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }

    @Test func aStandaloneRunPrintsTheJobSummary() async throws {
        try await withEvaluator { evaluator, captured, _ in
            try await evaluator.evaluate(#"run google/gemini-2.5-flash "say hi""#)
            #expect(captured.out.hasPrefix("job "))
            #expect(captured.out.contains("completed  google/gemini-2.5-flash  5 credits"))
        }
    }

    @Test func aVideoRunIsWaitedOn() async throws {
        try await withEvaluator { evaluator, _, server in
            try await evaluator.evaluate(#"clip = run xai/grok-video-image-to-video "slow pan" duration=10"#)
            guard case .job(let job)? = evaluator.session.variables["clip"] else { throw ScriptError("no job") }
            #expect(job.status == .completed)
            #expect(job.outputURLs.first?.hasSuffix(".mp4") == true)
            #expect(await server.requestCount(.jobGet) >= 1)
        }
    }

    @Test func detachedRunsAreWaitedOnTogether() async throws {
        try await withEvaluator { evaluator, captured, _ in
            try await evaluator.evaluate("""
                for p in ["a cello", "a harp", "a drum"] { run elevenlabs/music $p --detach }
                done = wait all
                for j in $done { echo ${j.status} }
                jobs --session
                """.replacingOccurrences(of: "${j.status}", with: "\"${j.status}\""))
            #expect(captured.out.components(separatedBy: "completed\n").count == 4)
            #expect(evaluator.session.startedJobs.count == 3)
            #expect(captured.out.contains("STATUS"))
        }
    }

    @Test func aFailedJobStopsTheScriptWithItsMessage() async throws {
        try await withEvaluator { evaluator, captured, _ in
            let error = await scriptError {
                try await evaluator.evaluate("run google/veo-3 \"sandbox:fail please\"\necho after", name: "f.armox")
            }
            #expect(error?.message.contains("failed:") == true)
            #expect(error?.exitStatus == .apiError)
            #expect(error?.location == ArmoxScript.SourceLocation(file: "f.armox", line: 1, column: 1))
            #expect(captured.out.isEmpty)
            // The prompt can look at what failed.
            try await evaluator.evaluate(#"echo "${job.status}""#)
            #expect(captured.out == "failed\n")
        }
    }

    @Test func allowFailureHandsTheFailedJobBack() async throws {
        try await withEvaluator { evaluator, captured, _ in
            try await evaluator.evaluate("""
                j = run google/veo-3 "sandbox:fail" --allow-failure
                if $j.status == failed { echo "failed: ${j.error}" } else { echo fine }
                """)
            #expect(captured.out.hasPrefix("failed: "))
        }
    }

    @Test func useSetUnsetAndSettings() async throws {
        try await withEvaluator { evaluator, captured, server in
            try await evaluator.evaluate("use google/nano-banana; set aspect_ratio=16:9 output_format=jpg")
            #expect(evaluator.session.currentModel == "google/nano-banana")
            captured.clear()
            try await evaluator.evaluate(#"a = run "a cat"; b = run "a dog" aspect_ratio=1:1; ja = job $a; jb = job $b"#)
            #expect(await server.snapshot().jobs == 2)
            try await evaluator.evaluate(#"echo "${ja.input.aspect_ratio} ${ja.input.output_format} ${jb.input.aspect_ratio}""#)
            #expect(captured.out == "16:9 jpg 1:1\n", "session defaults sit under the line's own values")
            captured.clear()
            try await evaluator.evaluate("unset output_format; settings")
            #expect(captured.out.contains("aspect_ratio"))
            #expect(captured.out.contains("16:9"))
            try await evaluator.evaluate("print $model")
            #expect(captured.out.hasSuffix("google/nano-banana\n"))
        }
    }

    @Test func modelShowsSettingsAndAllowedValues() async throws {
        try await withEvaluator { evaluator, captured, _ in
            try await evaluator.evaluate("model xai/grok-video-image-to-video")
            #expect(captured.out.contains("duration"))
            #expect(captured.out.contains("5, 10"))
            #expect(captured.out.contains("202 credits"))
        }
    }

    @Test func jobJobsAndCancel() async throws {
        try await withEvaluator({ $0.speed = SandboxConfiguration.maxSpeed }) { evaluator, captured, _ in
            try await evaluator.evaluate("clip = run google/veo-3 \"waves\" --detach; cancel $clip")
            #expect(captured.out.contains("cancelled"))
            try await evaluator.evaluate("job $clip")
            #expect(captured.out.contains("cancelled  google/veo-3"))
            let error = await scriptError { try await evaluator.evaluate("cancel $clip") }
            #expect(error?.message.hasPrefix("cannot cancel") == true)
            #expect(error?.message.contains("already finished") == true)
            captured.clear()
            try await evaluator.evaluate("jobs --limit=5")
            #expect(captured.out.hasPrefix("ID"))
            let unknown = await scriptError { try await evaluator.evaluate("cancel 00000000-nope") }
            #expect(unknown?.message.contains("no such job") == true)
        }
    }

    @Test func cancelAllCancelsTheSessionsUnfinishedJobs() async throws {
        try await withEvaluator({ $0.speed = SandboxConfiguration.maxSpeed }) { evaluator, _, _ in
            try await evaluator.evaluate("run google/veo-3 a --detach; run google/veo-3 b --detach; cancel --all")
            #expect(evaluator.session.startedJobs.allSatisfy { evaluator.session.jobs[$0]?.status == .cancelled })
        }
    }

    @Test func waitTimesOutWithoutCancelling() async throws {
        try await withEvaluator({ $0.speed = SandboxConfiguration.maxSpeed }) { evaluator, _, _ in
            let error = await scriptError { try await evaluator.evaluate("run google/veo-3 slow --timeout=0.2") }
            #expect(error?.message.hasPrefix("still running after 0.2 s") == true)
            #expect(evaluator.session.jobs.values.first?.status.isTerminal == false)
        }
    }

    @Test func runAppTakesHandlesLabelsAndIds() async throws {
        try await withEvaluator { evaluator, captured, server in
            try await evaluator.evaluate(#"""
                sketch = run google/nano-banana "a chair, pencil"
                a = run-app "Sketch to Render" image_input=$sketch aspect_ratio=16:9
                b = run-app "sketch to render" input_images=[$output] Aspect_Ratio=1:1
                echo "${a.status} ${b.status}"
                """#)
            #expect(captured.out == "completed completed\n")
            #expect(await server.requestCount(.appsRun) == 2)
        }
    }

    @Test func runAppNamesMissingAndUnknownInputsBeforeSending() async throws {
        try await withEvaluator { evaluator, _, server in
            let missing = await scriptError { try await evaluator.evaluate(#"run-app "Sketch to Render" aspect_ratio=1:1"#) }
            #expect(missing?.message == "Sketch to Render needs image_input")
            let unknown = await scriptError { try await evaluator.evaluate(#"run-app "Sketch to Render" colour=red"#) }
            #expect(unknown?.message == #"Sketch to Render has no input "colour""#)
            #expect(unknown?.hint?.contains("image_input (Input Images)") == true)
            #expect(await server.requestCount(.appsRun) == 0)
        }
    }

    @Test func appsAppAndAccount() async throws {
        try await withEvaluator { evaluator, captured, _ in
            try await evaluator.evaluate("apps; app \"Product Hero Creator\"; account")
            #expect(captured.out.contains("Sketch to Render"))
            #expect(captured.out.contains("REQUIRED"))
            #expect(captured.out.contains("credits: 10000"))
        }
    }

    @Test func jsonModeGivesExactJSON() async throws {
        try await withEvaluator(json: true) { evaluator, captured, _ in
            try await evaluator.evaluate(#"run google/nano-banana "a cat""#)
            let object = try JSONSerialization.jsonObject(with: Data(captured.out.utf8)) as? [String: Any]
            #expect(object?["status"] as? String == "completed")
            #expect((object?["outputs"] as? [String])?.count == 1)
            #expect(object?["credits"] as? Int == 70)
        }
    }

    @Test func downloadSavesTheOutputs() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withEvaluator(workingDirectory: folder.path) { evaluator, captured, _ in
            try await evaluator.evaluate(#"h = run black-forest-labs/flux-schnell "two cats" num_outputs=2; download $h out/"#)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out")
            #expect(files.count == 2)
            #expect(captured.out.components(separatedBy: "saved ").count == 3)
            let again = await scriptError { try await evaluator.evaluate("download $h out/") }
            #expect(again?.message.contains("exist; add --force") == true, "\(String(describing: again))")
            try await evaluator.evaluate("download $h out/ --force")
        }
    }

    @Test func sourceRunsAFileInTheSameSession() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "greeting = \"hi $1\"\nsource inner.armox\n".write(to: folder.appendingPathComponent("outer.armox"), atomically: true, encoding: .utf8)
        try "echo $greeting from inner\nbroken $\n".write(to: folder.appendingPathComponent("inner.armox"), atomically: true, encoding: .utf8)
        try await withEvaluator { evaluator, _, _ in
            let error = await scriptError { try await evaluator.evaluate("source \(folder.path)/outer.armox there") }
            // The entry is checked whole first, sourced files too: nothing of either ran.
            #expect(error?.location?.file == "\(folder.path)/inner.armox")
            #expect(error?.location?.line == 2)
            #expect(evaluator.session.variables["greeting"] == nil)
            try "echo $greeting from inner\n".write(to: folder.appendingPathComponent("inner.armox"), atomically: true, encoding: .utf8)
            try await evaluator.evaluate("source \(folder.path)/outer.armox there")
            #expect(evaluator.session.variables["greeting"]?.text == "hi there")
        }
    }

    /// `~/…` is the session's home (its environment's `HOME`), as for download.
    @Test func sourceExpandsTheTilde() async throws {
        let home = try makeScratchFolder("armox-home")
        defer { try? FileManager.default.removeItem(at: home) }
        try "echo sourced from home\n".write(to: home.appendingPathComponent("x.armox"), atomically: true, encoding: .utf8)
        try await withOfflineEvaluator(environment: ["HOME": home.path]) { evaluator, captured in
            try await evaluator.evaluate("source ~/x.armox")
            #expect(captured.out == "sourced from home\n")
            let error = await scriptError { try await evaluator.evaluate("source ~/missing.armox") }
            #expect(error?.message == "cannot read \(home.path)/missing.armox", "\(String(describing: error))")
        }
    }

    /// download's `~` is the session's home too, not the process's: a
    /// script given another HOME saves there, and checking looks there.
    @Test func downloadExpandsTheTildeFromTheSessionsHome() async throws {
        let home = try makeScratchFolder("armox-home")
        defer { try? FileManager.default.removeItem(at: home) }
        let name = "tilde-\(UUID().uuidString).png"
        try await withEvaluator(environment: ["HOME": home.path]) { evaluator, captured, _ in
            try await evaluator.evaluate(#"h = run google/nano-banana "a cat"; download $h ~/"# + name)
            #expect(captured.out == "saved \(home.path)/\(name)\n")
            #expect(FileManager.default.fileExists(atPath: home.path + "/" + name))
            let plan = await evaluator.check(#"h = run google/nano-banana "a cat"; download $h ~/"# + name, name: "c.armox")
            #expect(plan.errors.map(\.message) == ["\(home.path)/\(name) exists; add --force to overwrite"])
        }
        #expect(!FileManager.default.fileExists(atPath: NSHomeDirectory() + "/" + name))
    }

    @Test func openWithoutADesktopPrintsTheURLs() async throws {
        // No DISPLAY or WAYLAND_DISPLAY in the session's environment: nothing to hand the URL to.
        try await withEvaluator(environment: ["PATH": "/usr/bin:/bin"]) { evaluator, captured, _ in
            try await evaluator.evaluate(#"h = run google/nano-banana "a cat"; open $h"#)
            guard case .job(let job)? = evaluator.session.variables["h"] else { throw ScriptError("no job") }
            #expect(captured.out == job.outputURLs.joined(separator: "\n") + "\n")
            let error = await scriptError { try await evaluator.evaluate("open notaurl") }
            #expect(error?.message == "no job notaurl: the server does not know it (Job not found)")
            let file = await scriptError { try await evaluator.evaluate("open photo.png") }
            #expect(file?.message == #""photo.png" is not a job or an output URL"#)
        }
    }

    @Test func sleepPausesAndRefusesNonsense() async throws {
        try await withEvaluator { evaluator, _, _ in
            let clock = ContinuousClock()
            let start = clock.now
            try await evaluator.evaluate("sleep 0.05")
            #expect(clock.now - start >= .milliseconds(50))
            let error = await scriptError { try await evaluator.evaluate("sleep soon") }
            #expect(error?.message == "sleep needs a number of seconds")
            #expect(error?.location?.column == 7)
        }
    }

    @Test func varsListsUserThenSessionVariables() async throws {
        try await withEvaluator(arguments: ["one"]) { evaluator, captured, _ in
            try await evaluator.evaluate(#"b = 2; a = "x"; h = run google/gemini-2.5-flash "hi"; vars"#)
            let lines = captured.out.split(separator: "\n").map { String($0.prefix { $0 != " " }) }
            #expect(lines == ["VARIABLE", "$a", "$b", "$h", "$_", "$job", "$output", "$outputs", "$model", "$args"])
        }
    }

    @Test func aModelsCaptureIsAListOfObjects() async throws {
        try await withEvaluator { evaluator, captured, server in
            try await evaluator.evaluate(#"v = models --modality=video; echo $v.count "${v[0].id}"; models; models --refresh"#)
            #expect(captured.out.hasPrefix("2 xai/grok-video-image-to-video\n") || captured.out.hasPrefix("2 google/veo-3\n"))
            #expect(await server.requestCount(.models) == 2, "the catalogue is fetched once, and again on --refresh")
        }
    }

    @Test func aRunWhoseReplyIsLostIsNotSentAgain() async throws {
        try await withEvaluator { evaluator, _, server in
            await server.inject(.lostReply, on: .modelsRun)
            let error = await scriptError { try await evaluator.evaluate(#"run google/nano-banana "a cat""#) }
            #expect(error?.hint?.contains("may have been accepted") == true, "\(String(describing: error))")
            #expect(error?.exitStatus == .apiError)
            #expect(await server.requestCount(.modelsRun) == 1, "sent once, never again")
            #expect(await server.snapshot().jobs == 1, "the sandbox accepted it: the user is told to look")
        }
    }

    @Test func waitAloneOnOneJobGivesTheJobAndWaitAllAList() async throws {
        try await withEvaluator { evaluator, _, _ in
            try await evaluator.evaluate("run elevenlabs/music a --detach; one = wait")
            guard case .job(let job)? = evaluator.session.variables["one"] else { throw ScriptError("wait gave no job") }
            #expect(job.status == .completed)
            try await evaluator.evaluate("run elevenlabs/music b --detach; some = wait all")
            guard case .list(let jobs)? = evaluator.session.variables["some"] else { throw ScriptError("wait all gave no list") }
            #expect(jobs.count == 1)
        }
    }

    @Test func aFileThatSourcesItselfStopsWithAnError() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "echo again\nsource loop.armox\n".write(to: folder.appendingPathComponent("loop.armox"), atomically: true, encoding: .utf8)
        try await withEvaluator { evaluator, captured, _ in
            let error = await scriptError { try await evaluator.runFile(at: folder.appendingPathComponent("loop.armox").path) }
            #expect(error?.message == "source is nested more than 32 deep")
            #expect(error?.location?.line == 2)
            // Checking the entry whole finds it before anything runs.
            #expect(captured.out.isEmpty, "\(captured.out)")
        }
    }
}
