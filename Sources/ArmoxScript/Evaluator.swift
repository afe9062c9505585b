import ArmoxAPI
import Foundation

/// Evaluates statements, whatever fed them: the prompt, `-c`, stdin or a file.
///
/// This is the foundation's evaluator: it splits statements on `;` and new
/// lines and knows the commands the foundation needs (`models`). The language
/// proper (lexer, parser, variables, every command) replaces its insides.
public final class Evaluator: Sendable {
    public let client: ArmoxClient
    public let output: OutputSink
    public let json: Bool

    static let commands = ["models", "help"]

    public init(client: ArmoxClient, output: OutputSink, json: Bool = false) {
        self.client = client
        self.output = output
        self.json = json
    }

    /// Runs every statement of `source` in order and stops at the first failure.
    public func evaluate(_ source: String) async throws {
        for statement in Evaluator.statements(in: source) {
            try await evaluate(words: statement)
        }
    }

    static func statements(in source: String) -> [[String]] {
        source.split(whereSeparator: { $0 == "\n" || $0 == ";" }).compactMap { line in
            let text = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            return words.isEmpty ? nil : words
        }
    }

    private func evaluate(words: [String]) async throws {
        let command = words[0]
        let arguments = Array(words.dropFirst())
        switch command {
        case "models":
            try await models(arguments)
        case "help":
            output.out("commands: \(Evaluator.commands.joined(separator: ", "))\n")
        default:
            throw ScriptError("unknown command \"\(command)\"", hint: "this build knows: \(Evaluator.commands.joined(separator: ", "))")
        }
    }

    private func models(_ arguments: [String]) async throws {
        var filter: String?
        var modality: String?
        var json = self.json
        for argument in arguments {
            if argument == "--json" {
                json = true
            } else if argument.hasPrefix("--modality=") {
                modality = String(argument.dropFirst("--modality=".count)).lowercased()
            } else if argument.hasPrefix("--") {
                throw ScriptError("models: unknown flag \(argument)", hint: "models [filter] [--modality=image|video|audio|3d|text] [--json]")
            } else {
                filter = argument.lowercased()
            }
        }
        let models = try await client.models().filter { model in
            (modality == nil || model.modality.lowercased() == modality)
                && (filter.map { f in [model.id, model.name, model.modality].contains { $0.lowercased().contains(f) } } ?? true)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            output.out(String(decoding: try encoder.encode(models), as: UTF8.self) + "\n")
            return
        }
        if models.isEmpty {
            // An empty table (a header alone) reads like a broken catalogue.
            let what = [filter.map { "\"\($0)\"" }, modality.map { "--modality=\($0)" }].compactMap { $0 }.joined(separator: " ")
            output.err("no models match \(what.isEmpty ? "(the catalogue is empty)" : what)\n")
            return
        }
        let rows = models.map { model in
            [model.id, model.name, model.modality, model.cost.map(String.init) ?? "-", model.outputType ?? "-"]
        }
        output.out(TextTable(headers: ["ID", "NAME", "MODALITY", "COST", "OUTPUT"], rows: rows, rightAligned: [3]).render())
    }
}
