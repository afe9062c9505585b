import ArmoxScript

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole program run from a file, `-c` or stdin, to its exit status.
public enum ScriptRun {
    /// Runs `body`; prints its error the one way errors print, and turns the
    /// outcome into the exit status the README documents.
    ///
    /// SIGINT, SIGTERM and SIGHUP cancel the program's task instead of
    /// killing the process: a download in progress removes its partial file,
    /// a run already sent is kept, and stderr names the jobs still running.
    /// The exit status is 128 + the signal (130 for Ctrl-C).
    public static func finish(_ evaluator: Evaluator, _ body: @escaping @Sendable (Evaluator) async throws -> Void) async -> ExitStatus {
        let interrupts = InterruptSignal.install([SIGINT, SIGTERM, SIGHUP])
        let output = evaluator.output
        do {
            let handoff = Handoff(evaluator)
            if let interrupts {
                try await interrupts.run { try await body(handoff.evaluator) }
                if interrupts.interrupts > 0 { throw CancellationError() }
            } else {
                try await body(evaluator)
            }
            return .success
        } catch let exit as ExitRequest {
            return ExitStatus(rawValue: exit.code)
        } catch let error as ScriptError {
            output.err(evaluator.report(error))
            return error.exitStatus
        } catch is CancellationError {
            output.err(evaluator.scriptInterruptedNote())
            return ExitStatus(rawValue: 128 + (interrupts.map { $0.lastSignal == 0 ? SIGINT : $0.lastSignal } ?? SIGINT))
        } catch {
            output.err("armox: " + evaluator.report(error))
            return .scriptError
        }
    }
}
