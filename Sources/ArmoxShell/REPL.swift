import ArmoxAPI
import ArmoxScript
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interactive loop: read a statement (over several lines while a string,
/// list or block is open), hand it to the evaluator, print what went wrong,
/// go on. Ctrl-D on an empty line ends it.
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
        var buffer = ""
        while true {
            editor.setPrompt(buffer.isEmpty ? prompt : "...> ")
            guard let line = editor.readLine() else { break }
            // Lines holding an API key never enter history.
            if !line.trimmingCharacters(in: .whitespaces).isEmpty && !APIKeyRedaction.containsKeyLikeText(line) {
                editor.addToHistory(line)
            }
            buffer += buffer.isEmpty ? line : "\n" + line
            if buffer.trimmingCharacters(in: .whitespaces) == "quit" { break }
            let program: Program
            do {
                program = try evaluator.parse(SourceText(name: "<prompt>", text: buffer))
            } catch let error as ScriptError where error.incomplete {
                continue
            } catch {
                evaluator.output.err(evaluator.report(error))
                buffer = ""
                continue
            }
            buffer = ""
            do {
                try await evaluator.run(program)
            } catch let exit as ExitRequest {
                return ExitStatus(rawValue: exit.code)
            } catch {
                evaluator.output.err(evaluator.report(error))
            }
        }
        evaluator.output.err("\n")
        return .success
    }

    /// `armox> `, or `armox google/veo-3> ` with a current model.
    var prompt: String {
        evaluator.session.currentModel.map { "armox \($0)> " } ?? "armox> "
    }
}
