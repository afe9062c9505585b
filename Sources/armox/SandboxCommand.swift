import ArgumentParser
import ArmoxSandbox
import Foundation
import NIOCore

/// `armox sandbox`: the stand-in API in the foreground, until Ctrl-C.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        // Dispatched directly by `Main`; this keeps its usage lines reading "armox sandbox".
        _superCommandName: "armox",
        abstract: "Serve a local stand-in of the Armox API on loopback.",
        discussion: """
            Point armox (or anything else) at the printed base URL with the key
            \(SandboxKeys.valid). A prompt containing "sandbox:fail" makes its job fail (refunded).
            """
    )

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 8089

    @Option(help: "Job duration factor: 1 is demo speed, 0.01 finishes jobs in milliseconds.")
    var speed: Double = 1.0

    @Option(help: "Requests per minute allowed per key.")
    var rateLimit: Int = 120

    @Option(help: "Starting credit balance.")
    var credits: Int = 10_000

    @Option(help: "Secret that signs webhook deliveries.")
    var webhookSecret: String = "whsec_sandbox_secret"

    @Option(help: "Made-up models listed after the real ones (synthetic/model-00001 …), for a large catalogue.")
    var syntheticModels: Int = 0

    func validate() throws {
        guard (0...SandboxConfiguration.maxSyntheticModels).contains(syntheticModels) else {
            throw ValidationError("--synthetic-models must be between 0 and \(SandboxConfiguration.maxSyntheticModels)")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard SandboxConfiguration.isValidSpeed(speed) else {
            throw ValidationError("--speed must be above 0 and at most \(Int(SandboxConfiguration.maxSpeed))")
        }
        guard rateLimit > 0 else { throw ValidationError("--rate-limit must be at least 1") }
    }

    func run() async throws {
        var configuration = SandboxConfiguration()
        configuration.port = port
        configuration.speed = speed
        configuration.rateLimitPerMinute = rateLimit
        configuration.startingCredits = credits
        configuration.webhookSecret = webhookSecret
        configuration.syntheticModels = syntheticModels
        do {
            try await serve(configuration)
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            // A runtime failure, not a usage error: no usage text, exit 1.
            FileHandle.standardError.write(Data("armox sandbox: error: port \(port) is already in use on 127.0.0.1: choose another with --port N, or --port 0 for a free one\n".utf8))
            throw ExitCode(1)
        }
    }

    private func serve(_ configuration: SandboxConfiguration) async throws {
        try await SandboxServer.runForeground(configuration) { baseURL in
            let banner = """
                Armox sandbox listening on \(baseURL)
                  key:   \(SandboxKeys.valid)
                  try:   ARMOX_BASE_URL=\(baseURL) ARMOX_API_KEY=\(SandboxKeys.valid) armox -c models
                Ctrl-C stops it.

                """
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
    }
}
