import ArmoxAPI
import ArmoxScript
import Foundation

// The evaluator benchmark: parse, check (the whole-entry check every entry
// gets before it runs) and evaluate a generated script of N statements with
// no network — assignments, string interpolation, lists, field and index
// access, comparisons — and report statements per second; then the
// checker's full walk of the same script alone.
//
//   armox-bench evaluate [--statements N] [--runs R] [--emit FILE]
//
// Prints one line per run and the median. `--emit FILE` writes the generated
// script (scripts/bench feeds it to the Python baseline).

enum EvaluateBenchmark {
    static func run(_ arguments: ArraySlice<String>) async throws {
        let flags = Flags(arguments, known: ["--statements", "--runs", "--emit"])
        let runs = flags.int("--runs", 7)
        let script = generate(flags.int("--statements", 100_000))
        if let path = flags.string("--emit") {
            try script.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let statements = statementCount(script)

        // A client that is never used: nothing here reaches the network.
        let client = ArmoxClient(configuration: ArmoxConfiguration(baseURL: "http://127.0.0.1:9/api/v1", apiKey: nil))
        let sink = OutputSink(out: { _ in }, err: { text in FileHandle.standardError.write(Data(text.utf8)) })
        var rates: [Double] = []
        var parseShares: [Double] = []
        for run in 1...max(runs, 1) {
            let evaluator = Evaluator(client: client, output: sink)
            let clock = ContinuousClock()
            let start = clock.now
            let program = try evaluator.parse(SourceText(name: "bench.armox", text: script))
            let parsed = clock.now
            try await evaluator.run(program)
            let end = clock.now
            let total = (end - start).seconds
            let rate = Double(statements) / total
            rates.append(rate)
            parseShares.append((parsed - start).seconds / total)
            print(String(format: "run %d: %d statements in %.1f ms (parse %.1f ms): %.0f statements/s", run, statements, total * 1000, (parsed - start).seconds * 1000, rate))
        }
        print(String(format: "median: %.0f statements/s over %d runs (parse is %.0f%% of the time)", median(rates), rates.count, median(parseShares) * 100))
        // Informational: the checker's full walk of the same script, as
        // `armox check` does it and as an entry that can spend is walked
        // before it runs (this one sends nothing, so running it checks only
        // its commands' shapes, which the figures above include).
        var walks: [Double] = []
        for _ in 1...max(runs, 1) {
            let evaluator = Evaluator(client: client, output: sink)
            let clock = ContinuousClock()
            let start = clock.now
            let plan = await evaluator.check(script, name: "bench.armox")
            walks.append(Double(statements) / (clock.now - start).seconds)
            if !plan.isValid { print("the check refused the script: \(plan.errors.map(\.message))") }
        }
        await client.shutdown()
        print(String(format: "checker walk (parse + check, informational): median %.0f statements/s", median(walks)))
    }

    /// Five kinds of statement in turn, each touching what the previous made.
    static func generate(_ count: Int) -> String {
        var lines: [String] = ["subject = \"a red fox\"", "sizes = [\"1:1\", \"16:9\", [\"a\", \"b\"]]"]
        lines.reserveCapacity(count)
        var i = 0
        while lines.count < count {
            switch i % 5 {
            case 0: lines.append("n\(i % 97) = \(i)")
            case 1: lines.append("p = \"$subject number ${n\((i - 1) % 97)} in ${sizes[1]}\"")
            case 2: lines.append("l = [$p, $subject, \(i), 'raw', true]")
            case 3: lines.append("v = $l[1]; c = $sizes[2][0]")
            default: lines.append("if $v == \"a red fox\" { k = $l.count } else { k = 0 }")
            }
            i += 1
        }
        return lines.prefix(count).joined(separator: "\n") + "\n"
    }

    /// Statements actually evaluated (a `;` line counts two, an `if` counts two).
    static func statementCount(_ text: String) -> Int {
        text.split(separator: "\n").reduce(0) { total, line in
            total + (line.hasPrefix("v = ") ? 2 : line.hasPrefix("if ") ? 2 : 1)
        }
    }
}
