import ArmoxAPI
import ArmoxSandbox
import ArmoxScript
import ArmoxShell
import Foundation

/// Wires one invocation: the server (configured or an in-process sandbox),
/// the client, the evaluator, and the entry point that feeds it.
struct Session {
    let options: Armox

    func run() async -> ExitStatus {
        let environment = ProcessInfo.processInfo.environment
        var sandbox: SandboxServer?
        var configuration = ArmoxConfiguration.resolve(environment: environment, baseURL: options.baseURL)
        if options.sandbox {
            do {
                let server = try await SandboxServer.start(SandboxConfiguration())
                sandbox = server
                configuration = ArmoxConfiguration(baseURL: server.baseURL, apiKey: SandboxKeys.valid)
            } catch {
                Output.err("armox: could not start the sandbox: \(error)\n")
                return .apiError
            }
        }
        var trace: (@Sendable (String) -> Void)?
        if options.verbose {
            trace = { line in Output.err("[http] \(line)\n") }
        }
        let client = ArmoxClient(configuration: configuration, trace: trace)
        let evaluator = Evaluator(client: client, output: OutputSink(out: Output.out, err: Output.err), json: options.json)

        let status: ExitStatus
        if let statements = options.statements {
            status = await evaluate(statements, with: evaluator)
        } else if let file = options.scriptAndArguments.first {
            status = await runScript(file, with: evaluator)
        } else if isatty(STDIN_FILENO) == 1 {
            let banner = sandbox.map { "armox \(ArmoxClient.version) — sandbox at \($0.baseURL) (Ctrl-D to leave)\n" }
            status = await REPL(evaluator: evaluator, banner: banner).run()
        } else {
            let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            status = await evaluate(input, with: evaluator)
        }
        await client.shutdown()
        await sandbox?.stop()
        return status
    }

    private func runScript(_ path: String, with evaluator: Evaluator) async -> ExitStatus {
        guard let data = FileManager.default.contents(atPath: path) else {
            Output.err("armox: cannot read \(path)\n")
            return .usage
        }
        return await evaluate(String(decoding: data, as: UTF8.self), with: evaluator)
    }

    private func evaluate(_ source: String, with evaluator: Evaluator) async -> ExitStatus {
        do {
            try await evaluator.evaluate(source)
            return .success
        } catch let error as ArmoxError {
            Output.err("armox: error: \(APIKeyRedaction.scrub(error.description, key: evaluator.client.configuration.apiKey))\n")
            return .apiError
        } catch {
            Output.err("armox: error: \(error)\n")
            return .scriptError
        }
    }
}

/// stdout and stderr, unbuffered.
enum Output {
    @Sendable static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    @Sendable static func err(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
