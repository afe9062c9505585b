import ArmoxAPI
import ArmoxLedger
import ArmoxRender
import ArmoxSandbox
import ArmoxScript
import ArmoxShell
import Foundation

/// Wires one invocation: the server (configured or an in-process sandbox),
/// the client, the evaluator, and the entry point that feeds it.
struct Launch {
    let options: Armox

    func run() async -> ExitStatus {
        let environment = ProcessInfo.processInfo.environment
        var sandbox: SandboxServer?
        let style = { LiveHost.style(environment) }
        var configuration = ArmoxConfiguration.resolve(environment: environment, baseURL: options.baseURL) { problem in
            Output.err("armox: " + Tint.yellow.apply("warning:", when: style().errorColour) + " \(problem)\n")
        }
        if options.sandbox {
            do {
                var settings = SandboxConfiguration()
                // Tests and demos may speed the sandbox's jobs up (1 = real pace).
                if let raw = environment["ARMOX_SANDBOX_SPEED"], !raw.isEmpty {
                    if let speed = Double(raw), SandboxConfiguration.isValidSpeed(speed) {
                        settings.speed = speed
                    } else {
                        Output.err("armox: " + Tint.yellow.apply("warning:", when: style().errorColour)
                            + " ARMOX_SANDBOX_SPEED=\(raw) is not a factor above 0 and at most \(Int(SandboxConfiguration.maxSpeed)); using 1\n")
                    }
                }
                // A large catalogue to try (see `armox sandbox --synthetic-models`).
                if let raw = environment["ARMOX_SANDBOX_SYNTHETIC_MODELS"], !raw.isEmpty {
                    if let count = Int(raw), (0...SandboxConfiguration.maxSyntheticModels).contains(count) {
                        settings.syntheticModels = count
                    } else {
                        Output.err("armox: " + Tint.yellow.apply("warning:", when: style().errorColour)
                            + " ARMOX_SANDBOX_SYNTHETIC_MODELS=\(raw) is not a count from 0 to \(SandboxConfiguration.maxSyntheticModels); listing none\n")
                    }
                }
                let server = try await SandboxServer.start(settings)
                sandbox = server
                // The sandbox's server and key; the environment's limits (ARMOX_TIMEOUT) still apply.
                configuration.baseURL = server.baseURL
                configuration.apiKey = SandboxKeys.valid
            } catch {
                Output.err("armox: could not start the sandbox: \(TerminalText.printable("\(error)"))\n")
                return .apiError
            }
        }
        if sandbox == nil {
            do {
                configuration.apiKey = try KeyPrecedence.key(keyFile: options.apiKeyFile, configuration: configuration, environment: environment)
            } catch {
                Output.err("armox: \(TerminalText.printable("\(error)"))\n")
                return .usage
            }
        }
        var trace: (@Sendable (String) -> Void)?
        if options.verbose {
            // A trace quotes what the server sent (bodies, error texts).
            trace = { line in Output.err("[http] \(TerminalText.printable(line))\n") }
        }
        let client = ArmoxClient(configuration: configuration, trace: trace)
        let script = options.statements == nil ? options.scriptAndArguments.first : nil
        var host = LiveHost.make(
            environment: environment, writeErr: Output.err,
            credentials: sandbox == nil ? CredentialsFile.configured(environment: environment) : nil)
        // The key is scrubbed from all the session prints and from every text the ledger writes.
        let keys = KeyScrubber(configuration.apiKey)
        host.ledger = LedgerStart.open(environment: environment, sandbox: sandbox != nil, baseURL: configuration.baseURL, keys: keys)
        // The prompt's parts are made first: the evaluator is given them with its host.
        let interactive = !options.dryRun && options.statements == nil && script == nil && isatty(STDIN_FILENO) == 1
        let entries = PromptEntries()
        var catalogue: CatalogueStore?
        if interactive {
            let cache = CatalogueCache.configured(
                environment: environment, baseURL: configuration.baseURL, server: sandbox == nil ? nil : "sandbox")
            let store = CatalogueStore(cache: cache, scrub: { keys.scrub($0) })
            catalogue = store
            host = REPL.host(host, entries: entries, catalogue: store)
        }
        let evaluator = Evaluator(
            client: client, output: OutputSink(out: Output.out, err: Output.err), json: options.json,
            session: Session(
                arguments: Array(options.scriptAndArguments.dropFirst(script == nil ? 0 : 1)), scriptName: script,
                environment: Session.shown(environment)),
            polling: sandbox == nil ? .standard : .sandbox, host: host, budget: options.budget, resume: options.resume,
            keys: keys)
        let status: ExitStatus
        if options.dryRun {
            status = await check(evaluator, script: script)
        } else if let statements = options.statements {
            status = await ScriptRun.finish(evaluator) { try await $0.evaluate(statements, name: "-c") }
        } else if let script {
            status = await ScriptRun.finish(evaluator) { try await $0.runFile(at: script) }
        } else if let catalogue {
            var notice: (@Sendable () -> String?)?
            if let ledger = host.ledger {
                let colour = style().errorColour
                notice = { LedgerStart.pendingLine(ledger, colour: colour) }
            }
            let banner = sandbox.map { "armox \(ArmoxClient.version) — sandbox at \($0.baseURL) (help lists commands, Ctrl-D leaves)\n" }
            // Like psql's .psqlrc: only an interactive session reads it, so a
            // script never changes with the machine it runs on.
            let initFile = options.global.noInit ? nil : CredentialsFile.configFolder(environment: environment) + "/init.armox"
            status = await REPL(
                evaluator: evaluator, banner: banner, historyFile: HistoryFile.configured(environment: environment),
                entries: entries, catalogue: catalogue, notice: notice, initFile: initFile
            ).run()
        } else {
            // Statements on stdin: read whole (up to the cap) and parsed whole, like a file.
            // Read before the signals are taken: a stalled pipe still dies on SIGTERM.
            do {
                let input = String(decoding: try ScriptInput.read(FileHandle.standardInput, named: "<stdin>") ?? Data(), as: UTF8.self)
                status = await ScriptRun.finish(evaluator) { try await $0.evaluate(input, name: "<stdin>") }
            } catch {
                Output.err(evaluator.report(error))
                status = .usage
            }
        }
        await evaluator.close()
        // What opening the ledger does (a sandbox's old jobs marked gone) is finished before the process ends.
        _ = try? host.ledger?.ledger
        await evaluator.client.shutdown()
        await sandbox?.stop()
        // The process ends next, and its memory goes back whole: freeing the
        // session piece by piece (a 100,000-model catalogue is a million
        // strings) was a twentieth of `models`' whole-process time.
        _ = Unmanaged.passRetained(evaluator)
        return status
    }

    /// `armox check FILE` (`--dry-run`): the plan on stdout (a table, or JSON
    /// with `--json`), refused runs on stderr as script errors; non-zero when
    /// anything is invalid or the sure runs alone pass `--budget`.
    func check(_ evaluator: Evaluator, script: String?) async -> ExitStatus {
        let plan: RunPlan
        let name: String
        if let statements = options.statements {
            (plan, name) = (await evaluator.check(statements, name: "-c"), "-c")
        } else if let script {
            (plan, name) = (await evaluator.checkFile(at: script), script)
        } else if isatty(STDIN_FILENO) == 0 {
            let input: String
            do {
                input = String(decoding: try ScriptInput.read(FileHandle.standardInput, named: "<stdin>") ?? Data(), as: UTF8.self)
            } catch {
                Output.err(evaluator.report(error))
                return .usage
            }
            (plan, name) = (await evaluator.check(input, name: "<stdin>"), "<stdin>")
        } else {
            Output.err("armox: check needs a script: armox check FILE (or -c STATEMENTS, or statements on stdin)\n")
            return .usage
        }
        if options.json {
            Output.out(Value(plan.json).jsonText(pretty: true) + "\n")
        } else {
            Output.out(plan.rendered(name: name, style: evaluator.host.outputStyle()))
        }
        let errors = plan.renderedErrors(colour: evaluator.host.outputStyle().errorColour)
        Output.err(evaluator.keys.scrub(errors))
        if let first = plan.errors.first { return first.exitStatus }
        return plan.exceedsBudget ? .scriptError : .success
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
