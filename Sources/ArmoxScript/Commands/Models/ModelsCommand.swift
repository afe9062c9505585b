import ArmoxAPI
import ArmoxRender

/// `models [filter] [--modality=M] [--refresh]`
enum ModelsCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "models", group: .models, synopsis: "models [filter] [--modality=M] [--refresh]",
        summary: "List the models: id, name, modality, cost in credits, output type.",
        flags: [
            .init("modality", "M", "only image, video, audio, 3d or text models"),
            .init("refresh", nil, "fetch the catalogue again instead of the session's copy"),
        ],
        takesKeyValues: false, maxPositionals: 1,
        details: "The filter matches id, name or modality, case-insensitively.",
        examples: ["models", "models banana", "models --modality=video", "video = models --modality=video"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.models(invocation)
    }
}

extension Evaluator {
    func models(_ invocation: Invocation) async throws -> CommandResult {
        let filter = invocation.positionals.first?.value.text.lowercased()
        let modality = invocation.flagValue("modality")?.text.lowercased()
        let needle = filter.map { Array($0.utf8) }
        let models = try await catalogue(refresh: invocation.has("refresh")).filter { model in
            (modality == nil || model.modality.lowercased() == modality)
                && (needle.map { f in Self.contains(model.id, f) || Self.contains(model.name, f) || Self.contains(model.modality, f) } ?? true)
        }
        let value = Value.list(models.map(Value.init(model:)))
        if models.isEmpty {
            // An empty table (a header alone) reads like a broken catalogue.
            let what = [filter.map { "\"\($0)\"" }, modality.map { "--modality=\($0)" }].compactMap { $0 }.joined(separator: " ")
            output.err(TerminalText.printable("no models match \(what.isEmpty ? "(the catalogue is empty)" : what)") + "\n")
            return CommandResult(value: value, presentation: .nothing)
        }
        let rows = models.map { model in
            [model.id, model.name, model.modality, model.cost.map(String.init) ?? "-", model.outputType ?? "-"]
        }
        var table = TextTable(headers: ["ID", "NAME", "MODALITY", "COST", "OUTPUT"], rows: rows, rightAligned: [3], shrinkable: [1])
        // Most catalogues make what their modality says: OUTPUT then tells nothing MODALITY does not.
        if rows.allSatisfy({ $0[4] == $0[2] }) { table.redundant = [4] }
        return CommandResult(value: value, presentation: .table(table))
    }

    /// Whether `text`, lower-cased, holds `needle` (lower-case UTF-8). ASCII
    /// text is searched byte by byte with ASCII folding, the same answer as
    /// `lowercased().contains` without a copy: over 100,000 models that copy
    /// and Foundation's search were most of `models TEXT`'s time.
    static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        let folded: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard bytes.count >= needle.count else { return false }
            let first = needle[0]
            var index = 0
            let last = bytes.count - needle.count
            while index <= last {
                if lower(bytes[index]) == first {
                    var offset = 1
                    while offset < needle.count, lower(bytes[index + offset]) == needle[offset] { offset += 1 }
                    if offset == needle.count { return true }
                }
                index += 1
            }
            return false
        } ?? nil
        if let folded { return folded }
        return text.lowercased().contains(String(decoding: needle, as: UTF8.self))
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
