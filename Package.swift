// swift-tools-version:6.0
import PackageDescription

// Versions are the ones this project's machines carry (see README, "Dependencies").
let package = Package(
    name: "armox",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "armox", targets: ["armox"]),
        .executable(name: "armox-bench", targets: ["ArmoxBench"]),
        // scripts/fuzz: the libFuzzer targets (see README, "Fuzzing").
        .executable(name: "armox-fuzz", targets: ["ArmoxFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The run ledger's SQLite (the system's libsqlite3, with FTS5).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // `read FILE`: RFC 4180 CSV and TSV (quoted fields, embedded commas, quotes and
        // newlines). Over SwiftCSV: it keeps a field's leading spaces, as RFC 4180 says.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // Fixed-arity C wrappers over libedit: el_set, el_get and history are
        // C-variadic and cannot be called from Swift.
        .target(
            name: "CLibEdit",
            linkerSettings: [.linkedLibrary("edit")]
        ),
        .target(
            name: "ArmoxAPI",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // What output looks like where it lands: tables fitted to a width,
        // colour, the terminal-safety rule, live wait lines, inline images.
        // Pure text in, text out: it writes nothing and asks no terminal.
        .target(name: "ArmoxRender", dependencies: ["ArmoxAPI"]),
        // The run ledger: every run written to SQLite before it is sent.
        .target(name: "ArmoxLedger", dependencies: ["ArmoxAPI", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "ArmoxScript",
            dependencies: [
                "ArmoxAPI", "ArmoxRender", "ArmoxLedger",
                // `listen`: the signature check of each webhook delivery.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // The live host the evaluator is given: terminal measurements, the
        // desktop opener (posix_spawn), the webhook receiver (NIO).
        .target(
            name: "ArmoxHost",
            dependencies: [
                "ArmoxAPI", "ArmoxRender", "ArmoxScript",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(name: "ArmoxShell", dependencies: ["ArmoxRender", "ArmoxScript", "ArmoxHost", "CLibEdit"]),
        .target(
            name: "ArmoxSandbox",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "armox",
            dependencies: [
                "ArmoxAPI", "ArmoxRender", "ArmoxScript", "ArmoxHost", "ArmoxShell", "ArmoxSandbox", "ArmoxLedger",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            // `armox --version` names the commit it was built from.
            plugins: ["ArmoxBuildInfo"]
        ),
        .plugin(name: "ArmoxBuildInfo", capability: .buildTool(), path: "Plugins/ArmoxBuildInfo"),
        // scripts/bench: armox-bench, the evaluate, completion and ledger benchmarks,
        // the catalogue cache and ledger files the shell benchmarks load (release
        // mode, never a test).
        .executableTarget(
            name: "ArmoxBench",
            dependencies: [
                "ArmoxAPI", "ArmoxRender", "ArmoxScript", "ArmoxShell", "ArmoxLedger", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/ArmoxBench"
        ),
        // Fuzzing: each target's checks (the parser, every response decoder, the
        // webhook and catalogue cache readers), shared by armox-fuzz (libFuzzer,
        // scripts/fuzz) and ArmoxFuzzTests (the committed corpus, replayed).
        .target(
            name: "ArmoxFuzzTargets",
            dependencies: ["ArmoxAPI", "ArmoxRender", "ArmoxScript", "ArmoxShell", .product(name: "Crypto", package: "swift-crypto")],
            path: "Fuzz/ArmoxFuzzTargets"
        ),
        .executableTarget(name: "ArmoxFuzz", dependencies: ["ArmoxFuzzTargets"], path: "Fuzz/ArmoxFuzz"),
        // Helpers every test target may use: a sandbox with a client pointed at
        // it, and the built binary run as a user would.
        .target(name: "ArmoxTestSupport", dependencies: ["ArmoxAPI", "ArmoxSandbox"], path: "Tests/ArmoxTestSupport"),
        .testTarget(
            name: "ArmoxAPITests",
            dependencies: [
                "ArmoxAPI", "ArmoxSandbox", "ArmoxTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "ArmoxScriptTests",
            dependencies: [
                "ArmoxRender", "ArmoxLedger", "ArmoxScript", "ArmoxHost", "ArmoxSandbox", "ArmoxTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(name: "ArmoxRenderTests", dependencies: ["ArmoxRender"]),
        .testTarget(name: "ArmoxLedgerTests", dependencies: ["ArmoxLedger", "ArmoxAPI", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ArmoxShellTests", dependencies: ["ArmoxShell", "ArmoxHost", "CLibEdit", "ArmoxTestSupport", "ArmoxSandbox", "ArmoxRender", "ArmoxScript", "ArmoxAPI"]),
        .testTarget(
            name: "ArmoxSandboxTests",
            dependencies: [
                "ArmoxSandbox", "ArmoxTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["ArmoxSandbox", "ArmoxTestSupport"]),
        .testTarget(name: "ArmoxFuzzTests", dependencies: ["ArmoxFuzzTargets", "ArmoxAPI", "ArmoxRender", "ArmoxScript", "ArmoxShell"]),
    ],
    swiftLanguageModes: [.v6]
)
