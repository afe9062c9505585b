import ArmoxAPI
import ArmoxSandbox
import ArmoxTestSupport
import Foundation
import Testing

@testable import ArmoxScript

/// `read FILE`: data files as values, their errors located in the file, and
/// loops over their rows checked and priced row by row before anything is sent.
@Suite("read: data files")
struct ReadTests {
    func parse(_ text: String, _ name: String) throws -> DataFile {
        try DataFile.parse(Data(text.utf8), named: name, format: DataFile.Format(path: name))
    }

    func rows(_ file: DataFile) -> [[String: String]] {
        guard case .list(let items) = file.value else { return [] }
        return items.map { item in
            guard case .object(let fields) = item else { return [:] }
            return fields.mapValues(\.text)
        }
    }

    @Test func csvRowsKeepEveryShapeRFC4180Allows() throws {
        let text = "\u{FEFF}prompt,aspect_ratio\r\n"
            + "\"a fox, at dawn\",16:9\r\n"
            + "\r\n"
            + "\"say \"\"hi\"\"\",1:1\r\n"
            + "\"two\nlines\", 4:3\n"
            + "last,\n"
        let file = try parse(text, "p.csv")
        #expect(file.columns == ["prompt", "aspect_ratio"])
        #expect(rows(file) == [
            ["prompt": "a fox, at dawn", "aspect_ratio": "16:9"],
            ["prompt": #"say "hi""#, "aspect_ratio": "1:1"],
            // A field's own spaces are kept (RFC 4180); the header's are trimmed.
            ["prompt": "two\nlines", "aspect_ratio": " 4:3"],
            ["prompt": "last", "aspect_ratio": ""],
        ])
        // Each row's first line, past the blank line and the field holding a line break.
        #expect(file.origin?.lines == [2, 4, 5, 7])
        let tsv = try parse("prompt\tseed\na\t1\nb\t2\n", "p.tsv")
        #expect(rows(tsv) == [["prompt": "a", "seed": "1"], ["prompt": "b", "seed": "2"]])
    }

    @Test func badTablesAreLocatedAtTheirLine() throws {
        func error(_ text: String, _ name: String = "prompts.csv") -> ScriptError? {
            do {
                _ = try parse(text, name)
                return nil
            } catch let error as ScriptError {
                return error
            } catch {
                return nil
            }
        }
        let extra = error("prompt,aspect_ratio\na,1:1\nb,c,16:9\n")
        #expect(extra?.location?.description == "prompts.csv:3")
        #expect(extra?.message == "3 fields, the header has 2")
        let short = error("prompt,aspect_ratio\n\"a\nb\",1:1\nlonely\n")
        #expect(short?.location?.description == "prompts.csv:4")
        #expect(short?.message == "1 field, the header has 2")
        let unclosed = error("prompt,seed\na,1\n\"never closed,2\nb,3\n")
        #expect(unclosed?.location?.description == "prompts.csv:3")
        #expect(unclosed?.message == "a quoted field opened here is never closed")
        let trailing = error("prompt,seed\n\"a\"b,1\n")
        #expect(trailing?.location?.description == "prompts.csv:2")
        let twice = error("prompt,prompt\na,b\n")
        #expect(twice?.message == "the header names prompt twice")
        let unnamed = error("prompt,,seed\na,b,c\n")
        #expect(unnamed?.message == "column 2 has no name in the header")
        do {
            _ = try DataFile.parse(Data([0x61, 0x0A, 0x62, 0xFF, 0x0A]), named: "raw.txt", format: .lines)
            Issue.record("bytes that are not UTF-8 were read")
        } catch let error as ScriptError {
            #expect(error.location?.description == "raw.txt:2")
            #expect(error.message == "not UTF-8 text")
        }
    }

    @Test func jsonLinesAreValuesAndTheirErrorsHaveAColumn() throws {
        let file = try parse("{\"prompt\": \"a\", \"n\": 2}\n\n[1, 2]\n\"text\"\n", "rows.jsonl")
        guard case .list(let items) = file.value else { Issue.record("not a list"); return }
        #expect(items.count == 3)
        #expect(items[0].jsonText() == #"{"n":2,"prompt":"a"}"#)
        #expect(file.origin?.lines == [1, 3, 4])
        var text = ""
        for index in 1...6 { text += "{\"prompt\": \"row \(index)\"}\n" }
        text += "{\"prompt\": x}\n"
        do {
            _ = try parse(text, "rows.jsonl")
            Issue.record("bad JSON line was read")
        } catch let error as ScriptError {
            #expect(error.location?.file == "rows.jsonl")
            #expect(error.location?.line == 7)
            #expect(error.location?.column == 12)
            #expect(error.message == "not valid JSON")
        }
        // Well formed but deeper than any reader takes: said so, at the bracket past the limit.
        do {
            _ = try parse("\n" + String(repeating: "[", count: 600) + String(repeating: "]", count: 600), "deep.json")
            Issue.record("a 600-deep JSON file was read")
        } catch let error as ScriptError {
            #expect(error.message == "JSON nested deeper than 512 arrays and objects")
            #expect(error.location?.line == 2)
        }
        let whole = try parse("[{\"a\": 1}, {\"a\": 2}]", "all.json")
        #expect(whole.value.jsonText() == #"[{"a":1},{"a":2}]"#)
        #expect(whole.origin == nil)
        let lines = try parse("a fox\n\n  \nan owl\r\n", "prompts.txt")
        #expect(lines.value.jsonText() == #"["a fox","an owl"]"#)
        #expect(lines.origin?.lines == [1, 4])
    }

    @Test func aFilePastTheCapIsRefusedByName() async throws {
        let folder = try makeScratchFolder("armox-read")
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = Data(repeating: UInt8(ascii: "a"), count: DataFile.maxBytes + 1)
        try big.write(to: folder.appendingPathComponent("big.txt"))
        try await withOfflineEvaluator { evaluator, _ in
            do {
                try await evaluator.evaluate("x = read \(folder.path)/big.txt", name: "t.armox")
                Issue.record("a file past the cap was read")
            } catch let error as ScriptError {
                #expect(error.message.contains("is too large to read (\(DataFile.maxBytes + 1) bytes; the cap is \(DataFile.maxBytes) bytes, 16 MiB)"))
                #expect(error.location?.description == "t.armox:1:10")
            }
        }
    }

    /// 40 rows of flux-schnell (30 credits each): checked as 40 runs and
    /// 1,200 credits, every row's run validated.
    @Test func checkPricesALoopOverReadRowsExactly() async throws {
        let folder = try makeScratchFolder("armox-read")
        defer { try? FileManager.default.removeItem(at: folder) }
        var csv = "prompt,ratio\n"
        for row in 1...40 { csv += "\"a fox, take \(row)\",\(row == 17 ? "7:3" : "16:9")\n" }
        try csv.write(to: folder.appendingPathComponent("prompts.csv"), atomically: true, encoding: .utf8)
        let script = """
            rows = read prompts.csv
            for r in $rows {
              run black-forest-labs/flux-schnell $r.prompt aspect_ratio=$r.ratio
            }
            """
        try script.write(to: folder.appendingPathComponent("batch.armox"), atomically: true, encoding: .utf8)
        try await withEvaluator(workingDirectory: "/") { evaluator, captured, server in
            let plan = await evaluator.checkFile(at: folder.path + "/batch.armox")
            #expect(plan.runs.count == 40)
            #expect(plan.runs.filter(\.valid).count == 39)
            #expect(plan.errors.count == 1)
            let error = try #require(plan.errors.first)
            // Row 17 is the file's line 18 (the header is line 1).
            #expect(error.location?.description == "\(folder.path)/prompts.csv:18")
            #expect(error.sourceLine == "\"a fox, take 17\",7:3")
            #expect(error.note == "in the pass for row 17 of \(folder.path)/prompts.csv, at \(folder.path)/batch.armox:3:61")
            #expect(error.rendered().contains("prompts.csv:18: error: "))
            #expect(await server.requestCount(.modelsRun) == 0)

            // Running it: the whole-entry check finds the row before anything is sent.
            do {
                try await evaluator.runFile(at: folder.path + "/batch.armox")
                Issue.record("a batch with a bad row ran")
            } catch let error as ScriptError {
                #expect(error.location?.description == "\(folder.path)/prompts.csv:18")
            }
            #expect(await server.requestCount(.modelsRun) == 0)
            _ = captured
        }
        // Without the bad row: 40 runs, 1,200 credits.
        try csv.replacingOccurrences(of: "7:3", with: "1:1").write(
            to: folder.appendingPathComponent("prompts.csv"), atomically: true, encoding: .utf8)
        try await withEvaluator(workingDirectory: folder.path) { evaluator, _, _ in
            let plan = await evaluator.checkFile(at: "batch.armox")
            #expect(plan.errors.isEmpty)
            #expect(plan.runs.count == 40)
            #expect(plan.certainCredits == 1200)
            #expect(plan.rendered(name: "batch.armox").contains("40 runs, 1200 credits"))
        }
    }

    /// The value of a `for` is the list of each pass's last result.
    @Test func aLoopCollectsEachPassesLastResult() async throws {
        let folder = try makeScratchFolder("armox-read")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "prompt,ratio\na fox,16:9\nan owl,1:1\na cat,9:16\na bee,4:3\n".write(
            to: folder.appendingPathComponent("rows.csv"), atomically: true, encoding: .utf8)
        try await withEvaluator(workingDirectory: folder.path) { evaluator, captured, server in
            try await evaluator.evaluate("""
                rows = read rows.csv
                made = for r in $rows { run black-forest-labs/flux-schnell $r.prompt aspect_ratio=$r.ratio }
                echo ${made.count}
                echo "ratios ${made[0].input.aspect_ratio} ${made[1].input.aspect_ratio} ${made[2].input.aspect_ratio} ${made[3].input.aspect_ratio}"
                words = for w in [a, b] { x = "<$w>" }
                print $words --json
                echoed = for w in [a, b] { echo $w }
                none = for w in [a, b] { sleep 0 }
                print "${echoed[1]} $none"
                """, name: "t.armox")
            #expect(await server.requestCount(.modelsRun) == 4)
            let made = try #require(evaluator.session.variables["made"])
            guard case .list(let jobs) = made else { Issue.record("not a list: \(made)"); return }
            #expect(jobs.count == 4)
            #expect(jobs.allSatisfy { if case .job = $0 { true } else { false } })
            #expect(captured.out.contains("ratios 16:9 1:1 9:16 4:3\n"))
            #expect(captured.out.contains("4\n"))
            #expect(captured.out.contains("[\n  \"<a>\",\n  \"<b>\"\n]\n"))
            // echo's result is its text; sleep gives none, kept as null.
            #expect(captured.out.hasSuffix("b null null\n"))
        }
    }
}

/// `Value(model:)` is `Value.encoding(model)` without the encoder.
@Suite("Models as values")
struct ModelValueTests {
    @Test func aModelReadsAsItsEncodingDoes() async throws {
        try await withSandbox { _, client in
            var models = try await client.models()
            models.append(Model(
                id: "odd", name: "Odd", modality: "image", cost: nil, inputTypes: [], promptRequired: false, outputType: nil,
                description: nil,
                settings: [ModelSetting(key: "k", label: nil, inputType: "number", defaultValue: .array([.null, .number(2.5)]), options: nil, min: -1, max: 1e9)]))
            for model in models {
                #expect(Value(model: model).matches(Value.encoding(model)), "\(model.id)")
                #expect(Value(model: model).jsonText() == Value.encoding(model).jsonText(), "\(model.id)")
            }
        }
    }
}

/// What a check read is what its run uses, and no later entry's.
@Suite("read: the rows a check read")
struct CheckedReadTests {
    @Test func aRefusedEntrysRowsAreNotLentToTheNext() async throws {
        let folder = try makeScratchFolder("armox-read")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("rows.csv")
        try "prompt,ratio\na fox,7:3\n".write(to: file, atomically: true, encoding: .utf8)
        let script = "rows = read rows.csv; for r in $rows { run black-forest-labs/flux-schnell $r.prompt aspect_ratio=$r.ratio }"
        try await withEvaluator(workingDirectory: folder.path) { evaluator, _, server in
            do {
                try await evaluator.evaluate(script, name: "<prompt>")
                Issue.record("a bad row ran")
            } catch let error as ScriptError {
                #expect(error.location?.description == "rows.csv:2")
            }
            // Fixed, and typed again: the fixed file is read.
            try "prompt,ratio\na fox,16:9\n".write(to: file, atomically: true, encoding: .utf8)
            try await evaluator.evaluate(script, name: "<prompt>")
            #expect(await server.requestCount(.modelsRun) == 1)
        }
    }
}
