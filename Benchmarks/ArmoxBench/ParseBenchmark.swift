import ArmoxAPI
import ArmoxScript
import Foundation

// The parser's memory and time on large scripts, each run in a fresh
// process so its peak resident memory is its own (ChildProcess.swift):
//
//   armox-bench parse --armox PATH [--words N (5,000,000)] [--lines N (1,000,000)]
//                     [--runs R (1)] [--dir DIR] [--python python3]
//                     [--translator scripts/bench-baseline.py]
//   armox-bench parse-file [--stream] FILE
//                     (parses FILE and exits: the parse alone; --stream a
//                     top-level statement at a time, as a script over 4 MiB runs)
//
// Two scripts: (a) one line `echo w w w …` of N words (10 MB at 5 million)
// and (b) N lines of the evaluate benchmark's statements. Each is run as
// `armox --sandbox FILE` (read, parse, whole-entry check, run; stdout to
// /dev/null) and as `armox-bench parse-file FILE` (read and parse only,
// the tree held whole and streamed).
// Beside them, the baseline: CPython on a Python source of the same size and
// shape, `ast.parse` alone and `compile` + `exec` (python3 FILE). (a) in
// Python is `w = 'w'` then `print(w,w,…)` with the same number of words, two
// bytes a word as in armox; (b) is the evaluate baseline's line-for-line
// translation (`--translator`). The floors, an empty script under each, are
// measured too. Medians of wall time and of peak RSS over R runs, the runs
// of the rows interleaved.

enum ParseBenchmark {
    struct Row {
        var label: String
        var arguments: [String]
        var times: [Double] = []
        var peaks: [Int] = []
    }

    static func run(_ arguments: ArraySlice<String>) throws {
        let flags = Flags(arguments, known: ["--armox", "--words", "--lines", "--runs", "--dir", "--python", "--translator"])
        guard let armox = flags.string("--armox") else { fail("parse needs --armox PATH (the release armox)") }
        let words = flags.int("--words", 5_000_000)
        let lines = flags.int("--lines", 1_000_000)
        let runs = max(flags.int("--runs", 1), 1)
        let python = flags.string("--python") ?? "python3"
        let translator = flags.string("--translator") ?? "scripts/bench-baseline.py"
        let directory = flags.string("--dir") ?? NSTemporaryDirectory() + "armox-parse-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let bench = CommandLine.arguments[0]

        let empty = directory + "/empty.armox", emptyPython = directory + "/empty.py"
        try write("", to: empty)
        try write("", to: emptyPython)
        let oneLine = directory + "/one-line.armox", oneLinePython = directory + "/one-line.py"
        try write(oneLineScript(words: words), to: oneLine)
        try write(oneLinePythonSource(words: words), to: oneLinePython)
        let manyLines = directory + "/lines.armox", manyLinesPython = directory + "/lines.py"
        try write(EvaluateBenchmark.generate(lines), to: manyLines)
        let translated = measureChild([python, translator, manyLines, "--emit-python", manyLinesPython])
        guard translated.status == 0 else { fail("\(translator) --emit-python failed (status \(translated.status))") }

        let astParse = "import ast, sys; ast.parse(open(sys.argv[1], encoding='utf-8').read())"
        func rows(_ script: String, _ source: String) -> [Row] {
            [
                Row(label: "armox --sandbox (parse + check + run)", arguments: [armox, "--sandbox", script]),
                Row(label: "armox-bench parse-file (tree held)", arguments: [bench, "parse-file", script]),
                Row(label: "armox-bench parse-file --stream", arguments: [bench, "parse-file", "--stream", script]),
                Row(label: "python3 ast.parse", arguments: [python, "-c", astParse, source]),
                Row(label: "python3 FILE (compile + exec)", arguments: [python, source]),
            ]
        }
        let cases: [(title: String, script: String, rows: [Row])] = [
            ("empty script (the floor of each row)", empty, rows(empty, emptyPython)),
            ("(a) one line, \(words) words", oneLine, rows(oneLine, oneLinePython)),
            ("(b) \(lines) lines of statements", manyLines, rows(manyLines, manyLinesPython)),
        ]
        for (title, script, rows) in cases {
            let size = (try? FileManager.default.attributesOfItem(atPath: script)[.size] as? Int) ?? 0
            print("== \(title): \(String(format: "%.1f", Double(size) / 1e6)) MB of armox")
            var measured = rows
            for run in 0..<runs {
                // Turn the order each run, so no row always goes first.
                for k in 0..<measured.count {
                    let index = (k + run) % measured.count
                    let usage = measureChild(measured[index].arguments)
                    guard usage.status == 0 else {
                        fail("\(measured[index].label) on \(script) ended with status \(usage.status)")
                    }
                    measured[index].times.append(usage.seconds)
                    measured[index].peaks.append(usage.peakKilobytes)
                }
            }
            for row in measured {
                let peaks = row.peaks.map(Double.init)
                let label = row.label.padding(toLength: 40, withPad: " ", startingAt: 0)
                let times = row.times.map { String(format: "%.0f", $0 * 1000) }.joined(separator: " · ")
                let spread = peaks.map { String(format: "%.1f", $0 / 1024) }.joined(separator: " · ")
                print(
                    label + String(format: " wall %8.0f ms   peak RSS %8.1f MiB", median(row.times) * 1000, median(peaks) / 1024)
                        + "   (runs: \(times) ms; \(spread) MiB)")
            }
        }
        if flags.string("--dir") == nil { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Reads and parses `FILE`, as `armox FILE` does before anything runs, and
    /// exits: the tree held whole, or with `--stream` one top-level statement
    /// at a time (what a script over 4 MiB is run from).
    static func parseFile(_ arguments: ArraySlice<String>) throws {
        let stream = arguments.first == "--stream"
        let rest = stream ? arguments.dropFirst() : arguments
        guard let path = rest.first, rest.count == 1 else { fail("parse-file takes [--stream] FILE") }
        guard let data = try ScriptInput.read(path: path, named: path) else { fail("cannot read \(path)") }
        let source = SourceText(name: path, text: String(decoding: data, as: UTF8.self))
        var count = 0
        if stream {
            var statements = StatementStream(source)
            while try statements.next() != nil { count += 1 }
        } else {
            count = try Parser.parse(source).statements.count
        }
        print("\(count) top-level statements")
    }

    /// `echo w w … w`: `words` words, two bytes each.
    static func oneLineScript(words: Int) -> String {
        "echo" + String(repeating: " w", count: words) + "\n"
    }

    /// `print(w,w,…,w)` after `w = 'w'`: the same words, two bytes each.
    static func oneLinePythonSource(words: Int) -> String {
        "w = 'w'\nprint(" + String(repeating: "w,", count: max(words - 1, 0)) + (words > 0 ? "w" : "") + ")\n"
    }

    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }
}
