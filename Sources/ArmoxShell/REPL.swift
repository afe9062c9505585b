import ArmoxAPI
import ArmoxScript
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interactive loop: read a line, hand it to the evaluator, print what
/// went wrong, go on. Ctrl-D on an empty line ends it.
public struct REPL {
    let evaluator: Evaluator
    let banner: String?

    public init(evaluator: Evaluator, banner: String? = nil) {
        self.evaluator = evaluator
        self.banner = banner
    }

    public func run() async -> ExitStatus {
        guard let editor = LineEditor() else {
            evaluator.output.err("armox: cannot start the line editor\n")
            return .usage
        }
        if let banner { evaluator.output.err(banner) }
        while let line = editor.readLine() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if trimmed == "exit" || trimmed == "quit" { break }
            // Lines holding an API key never enter history.
            if !APIKeyRedaction.containsKeyLikeText(line) { editor.addToHistory(line) }
            do {
                try await evaluator.evaluate(line)
            } catch {
                evaluator.output.err("error: \(APIKeyRedaction.scrub(String(describing: error), key: evaluator.client.configuration.apiKey))\n")
            }
        }
        evaluator.output.err("\n")
        return .success
    }
}
