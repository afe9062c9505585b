// armox-bench: the benchmarks scripts/bench runs (release build, never tests).
//
//   armox-bench [evaluate] [--statements N] [--runs R] [--emit FILE]
//   armox-bench completion [--models N] [--tabs N] [--seed S] [--emit FILE]
//   armox-bench cache-path (--base-url URL | --sandbox) --cache-home DIR
//   armox-bench emit-cache PATH [--models N] [--seed S] [--age SECONDS] [--json FILE]
//   armox-bench load-memory (PATH | --json FILE)
//   armox-bench parse --armox PATH [--words N] [--lines N] [--runs R] [--dir DIR]
//   armox-bench parse-file [--stream] FILE
//   armox-bench ledger-writes --base-url URL --key KEY --dir DIR [--runs N] [--model ID]
//   armox-bench emit-ledger PATH --server URL [--runs N] [--pending K] [--seed S]
//   armox-bench catalogue-decode [--models N] [--runs R]
//
// evaluate: EvaluateBenchmark.swift; completion: CompletionBenchmark.swift;
// parse and parse-file: ParseBenchmark.swift (children timed by ChildProcess.swift);
// the cache file: CatalogueCacheFile.swift; the made-up catalogue:
// SyntheticCatalogue.swift; the run ledger's: LedgerBenchmark.swift.

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "completion":
    try CompletionBenchmark.run(arguments.dropFirst())
case "cache-path":
    CatalogueCacheFile.path(arguments.dropFirst())
case "emit-cache":
    try CatalogueCacheFile.emit(arguments.dropFirst())
case "load-memory":
    try CatalogueCacheFile.loadMemory(arguments.dropFirst())
case "parse":
    try ParseBenchmark.run(arguments.dropFirst())
case "parse-file":
    try ParseBenchmark.parseFile(arguments.dropFirst())
case "ledger-writes":
    try await LedgerBenchmark.writes(arguments.dropFirst())
case "emit-ledger":
    try LedgerBenchmark.emit(arguments.dropFirst())
case "catalogue-decode":
    try CatalogueDecodeBenchmark.run(arguments.dropFirst())
case "evaluate":
    try await EvaluateBenchmark.run(arguments.dropFirst())
case let flag? where flag.hasPrefix("--"):
    try await EvaluateBenchmark.run(arguments)
case nil:
    try await EvaluateBenchmark.run(arguments)
case let other?:
    fail("unknown benchmark \(other) (known: evaluate, catalogue-decode, completion, parse, parse-file, ledger-writes, emit-ledger, cache-path, emit-cache, load-memory)")
}
