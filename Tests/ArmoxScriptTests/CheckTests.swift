import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxScript

/// `armox check`: every run validated and priced, none sent.
@Suite("check: validate and price without spending")
struct CheckTests {
    /// Checks `script` on a fresh sandbox and asserts nothing was spent.
    func checked(_ script: String, budget: Int? = nil, _ configure: (inout SandboxConfiguration) -> Void = { _ in }) async throws -> RunPlan {
        var result: RunPlan?
        try await withEvaluator(budget: budget, configure) { evaluator, captured, server in
            let credits = await server.credits()
            result = await evaluator.check(script, name: "t.armox")
            #expect(await server.requestCount(.modelsRun) == 0)
            #expect(await server.requestCount(.appsRun) == 0)
            #expect(await server.requestCount(.jobsList) == 0)
            #expect(await server.requestCount(.jobGet) == 0)
            #expect(await server.ledger().isEmpty)
            #expect(await server.credits() == credits)
            #expect(captured.out.isEmpty, "checking printed command output: \(captured.out)")
        }
        return try #require(result)
    }

    /// What is known only at run time is a case of `Value`, not a marked
    /// string: text a script writes is checked as text, whatever it holds,
    /// even the private-use character and the `planned.invalid` URLs that
    /// used to stand for unknown values.
    @Test func aScriptsOwnTextIsNeverTakenForAnUnknownValue() async throws {
        let marked = try await checked("x = \"\u{E000}photo.png\"\nrun google/nano-banana \"a fox\" image_input=$x")
        #expect(marked.errors.map(\.message) == [#"image_input takes a URL, and "\#u{E000}photo.png" is not one"#])
        let condition = try await checked(#"if "\#u{E000}status" == completed { run google/nano-banana "a" }"#)
        // A condition on known text is decided: the branch does not run, and is not counted as possible.
        #expect(condition.runs.isEmpty)
        let results = try await checked(#"h = run google/nano-banana "a fox"; if $h.status == completed { run google/nano-banana "again" }"#)
        #expect(results.runs.count == 2)
        #expect(results.possibleCredits == 70)
    }

    @Test func literalLoopsCountEveryIteration() async throws {
        let plan = try await checked("""
            run google/nano-banana "a fox"
            for p in ["a", "b", "c"] {
              for q in [1, 2] { run elevenlabs/music "loop $p $q" --detach }
            }
            """)
        #expect(plan.isValid)
        #expect(plan.certainCredits == 70 + 6 * 120)
        #expect(plan.rows.map(\.count) == [1, 6])
        #expect(plan.possibleCredits == 0)
        #expect(plan.rendered(name: "t.armox").contains("t.armox: 7 runs, 790 credits (nothing sent)"))
    }

    @Test func aConditionOnARunsResultIsNotGuessed() async throws {
        let plan = try await checked("""
            hero = run google/nano-banana "a fox"
            if $hero.status == completed {
              run xai/grok-video-image-to-video "pan" image_input=$hero
            } else {
              run recraft/crisp-upscale image_input=$hero
            }
            if true { run google/gemini-2.5-flash "known branch" }
            """)
        #expect(plan.isValid, "\(plan.errors)")
        #expect(plan.certainCredits == 70 + 5)
        #expect(plan.possibleCredits == 202 + 20)
        let conditional = plan.runs.filter { $0.condition != .always }.map(\.subject)
        #expect(conditional == ["xai/grok-video-image-to-video", "recraft/crisp-upscale"])
        #expect(plan.runs[1].condition == .onlyIf(ArmoxScript.SourceLocation(file: "t.armox", line: 2, column: 1)))
    }

    @Test func aListKnownOnlyAtRunTimeRepeatsAnUnknownNumberOfTimes() async throws {
        let plan = try await checked("""
            recent = jobs
            for j in $recent { run google/nano-banana "again" }
            """)
        #expect(plan.isValid)
        #expect(plan.certainCredits == 0)
        #expect(plan.possibleCredits == 70)
        #expect(plan.rendered(name: "t").contains("once per item of the list at 2:10, known at run time"))
        guard case .object(let json) = plan.json, case .array(let runs)? = json["runs"], case .object(let run)? = runs.first else {
            Issue.record("no runs in \(plan.json)")
            return
        }
        #expect(run["count"] == .null)
        #expect(run["when"] == .string("repeats"))
    }

    @Test func aModelKnownOnlyAtRunTimeIsListedNotGuessed() async throws {
        let plan = try await checked("""
            a = account
            run $a.favourite "x"
            """)
        #expect(plan.isValid)
        #expect(plan.runs.count == 1)
        #expect(plan.runs[0].subject == nil)
        #expect(plan.unpricedRuns == 1)
        #expect(plan.rendered(name: "t").contains("1 run of unknown cost"))
    }

    /// A rerun of a run the same script makes: that run's model is known,
    /// so the rerun's own keys are checked and it is priced at its cost.
    @Test func aRerunOfTheScriptsOwnRunIsCheckedAndPriced() async throws {
        let bad = try await checked(#"a = run black-forest-labs/flux-schnell "a cat"; rerun $a num_outputs=60"#)
        #expect(!bad.isValid)
        #expect(bad.errors.first?.message == "60 is not in range for num_outputs of black-forest-labs/flux-schnell")
        #expect(bad.errors.first?.location?.column == 70)
        let typo = try await checked(#"a = run black-forest-labs/flux-schnell "a cat"; rerun $a seeed=7"#)
        #expect(typo.errors.first?.message == #"black-forest-labs/flux-schnell has no setting "seeed""#)
        let good = try await checked(#"a = run black-forest-labs/flux-schnell "a cat"; rerun $a num_outputs=2"#)
        #expect(good.isValid)
        #expect(good.runs.map(\.subject) == ["black-forest-labs/flux-schnell", "black-forest-labs/flux-schnell"])
        #expect(good.unpricedRuns == 0)
    }

    @Test func everyRefusedRunIsReportedWithItsPlaceAndTheWalkGoesOn() async throws {
        let plan = try await checked("""
            run google/nano-banana "ok"
            run google/nano-banana "bad" aspect_ratio=7:3
            run google/nano-banan "typo"
            run google/veo-3
            run-app "Sketch to Render"
            run google/nano-banana "ok again"
            """)
        #expect(!plan.isValid)
        #expect(plan.errors.map { $0.location?.line } == [2, 3, 4, 5])
        #expect(plan.errors[0].message.contains("7:3 is not an allowed value for aspect_ratio"))
        #expect(plan.errors[1].hint == "did you mean google/nano-banana?")
        #expect(plan.errors[2].message.contains("needs a prompt"))
        #expect(plan.errors[0].sourceLine == #"run google/nano-banana "bad" aspect_ratio=7:3"#)
        #expect(plan.certainCredits == 140)
    }

    @Test func aSyntaxErrorChecksNothing() async throws {
        var plan: RunPlan?
        try await withEvaluator { evaluator, _, server in
            plan = await evaluator.check("run google/nano-banana \"a fox\"\nfor x in [1, 2 {", name: "t.armox")
            #expect(await server.requestCount(.models) == 0)
        }
        let errors = try #require(plan).errors
        #expect(errors.count == 1)
        #expect(errors[0].location?.line == 2)
        #expect(try #require(plan).runs.isEmpty)
    }

    @Test func exitEndsTheCheckButOnlyItsBranchWhenConditional() async throws {
        let plan = try await checked("""
            hero = run google/nano-banana "a"
            if $hero.status != completed { exit 3 }
            run google/nano-banana "b"
            exit 0
            run google/veo-3 "never reached"
            """)
        #expect(plan.certainCredits == 140)
        #expect(plan.runs.count == 2)
    }

    @Test func sessionSettingsAndCurrentModelApply() async throws {
        let plan = try await checked("""
            use google/nano-banana
            set aspect_ratio=16:9
            run "a fox"
            use elevenlabs/music
            run "a loop" --detach
            wait all
            """)
        #expect(plan.isValid, "\(plan.errors)")
        #expect(plan.runs.map(\.subject) == ["google/nano-banana", "elevenlabs/music"])
    }

    @Test func aBudgetTheSureRunsPassIsReported() async throws {
        let plan = try await checked(#"for p in [1, 2, 3] { run google/nano-banana "fox $p" }"#, budget: 200)
        #expect(plan.exceedsBudget)
        #expect(plan.summary(name: "t").contains("OVER the 200-credit budget"))
        let within = try await checked(#"run google/nano-banana "fox""#, budget: 200)
        #expect(!within.exceedsBudget)
    }

    /// The price a check gives is what running the script charges.
    @Test(arguments: ["01-first-image", "02-settings-and-variables", "04-batch", "05-app-and-downloads"])
    func theCheckedPriceIsWhatTheRunCharges(example: String) async throws {
        let path = examplesFolder + "/\(example).armox"
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var planned: RunPlan?
        try await withEvaluator(workingDirectory: folder.path) { evaluator, _, server in
            planned = await evaluator.checkFile(at: path)
            #expect(await server.ledger().isEmpty)
        }
        let plan = try #require(planned)
        #expect(plan.isValid, "\(plan.errors)")
        #expect(plan.possibleCredits == 0, "\(example) has conditional runs; the comparison needs sure ones")
        try await withEvaluator(workingDirectory: folder.path) { evaluator, _, server in
            try await evaluator.runFile(at: path)
            let charged = await server.ledger().reduce(0) { $0 + $1.credits }
            #expect(charged == plan.certainCredits)
            #expect(await server.ledger().count == plan.runs.count)
        }
    }

    var examplesFolder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples").path
    }
}
