import ArmoxAPI
import ArmoxScript
import Foundation

/// The compact text form of the catalogue that completion keeps in memory
/// and the cache keeps on disk: one line per distinct setting, one per
/// model, one per app.
///
///     S <number> <key> U <input type> [U <allowed value> …]
///     M <id> <modality> <input types, U-separated> <1|0: prompt required> [<setting number> …]
///     A <app as JSON>
///
/// Fields are separated by tabs, U is U+001F. Settings are written once and
/// referred to by number, since models share most of theirs (a vendor's
/// models all take the same `aspect_ratio` values). `%`, tab, CR, LF and
/// U+001F inside a value are written `%25`, `%09`, `%0D`, `%0A`, `%1F`, so
/// every line splits the same way whatever the API sends. Only what
/// completion uses is written: about 70 bytes a model.
enum CatalogueLines {
    enum Kind { case setting, model, app }

    static let fieldSeparator = UInt8(ascii: "\t")
    static let unitSeparator: UInt8 = 0x1F
    static let newline = UInt8(ascii: "\n")

    static func encode(models: [Model], apps: [App]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(models.count * 70)
        var numbers: [[UInt8]: Int] = [:]
        var modelLines: [UInt8] = []
        modelLines.reserveCapacity(models.count * 70)
        for model in models {
            modelLines.append(contentsOf: "M\t".utf8)
            append(model.id, to: &modelLines)
            modelLines.append(fieldSeparator)
            append(model.modality, to: &modelLines)
            modelLines.append(fieldSeparator)
            for (i, type) in model.inputTypes.enumerated() {
                if i > 0 { modelLines.append(unitSeparator) }
                append(type, to: &modelLines)
            }
            modelLines.append(fieldSeparator)
            modelLines.append(model.promptRequired ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            for setting in model.settings {
                var spec: [UInt8] = []
                append(setting.key, to: &spec)
                spec.append(unitSeparator)
                append(setting.inputType, to: &spec)
                for option in setting.options ?? [] {
                    spec.append(unitSeparator)
                    append(option, to: &spec)
                }
                let number: Int
                if let known = numbers[spec] {
                    number = known
                } else {
                    number = numbers.count
                    numbers[spec] = number
                    out.append(contentsOf: "S\t\(number)\t".utf8)
                    out.append(contentsOf: spec)
                    out.append(newline)
                }
                modelLines.append(fieldSeparator)
                modelLines.append(contentsOf: String(number).utf8)
            }
            modelLines.append(newline)
        }
        out.append(contentsOf: modelLines)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for app in apps {
            guard let json = try? encoder.encode(app) else { continue }
            out.append(contentsOf: "A\t".utf8)
            out.append(contentsOf: json)  // JSON escapes control characters: one line
            out.append(newline)
        }
        return out
    }

    /// Calls `body` with each line's kind and the range of its content (after
    /// the kind and its tab, before the newline). Unknown lines are skipped.
    static func scan(_ lines: [UInt8], _ body: (Kind, Range<Int>) -> Void) {
        var start = 0
        let end = lines.count
        while start < end {
            var stop = start
            while stop < end && lines[stop] != newline { stop += 1 }
            if stop - start >= 2 && lines[start + 1] == fieldSeparator {
                switch lines[start] {
                case UInt8(ascii: "S"): body(.setting, (start + 2)..<stop)
                case UInt8(ascii: "M"): body(.model, (start + 2)..<stop)
                case UInt8(ascii: "A"): body(.app, (start + 2)..<stop)
                default: break
                }
            }
            start = stop + 1
        }
    }

    /// A model line's id and modality, without decoding the rest.
    static func idAndModality(_ lines: [UInt8], _ range: Range<Int>) -> (String, String)? {
        var fields = Fields(lines, range)
        guard let id = fields.next(), let modality = fields.next() else { return nil }
        return (unescape(lines[id]), unescape(lines[modality]))
    }

    /// A setting line's number and the range of its definition.
    static func setting(_ lines: [UInt8], _ range: Range<Int>) -> (Int, Range<Int>)? {
        var fields = Fields(lines, range)
        guard let number = fields.next(), let spec = fields.next(), let value = Int(String(decoding: lines[number], as: UTF8.self)),
            (0..<10_000_000).contains(value)
        else { return nil }
        return (value, spec)
    }

    /// A model line decoded, its settings looked up in `settings` (number →
    /// range of the definition); unknown numbers are skipped.
    static func model(_ lines: [UInt8], _ range: Range<Int>, settings: [Range<Int32>]) -> Model? {
        var fields = Fields(lines, range)
        guard let id = fields.next(), let modality = fields.next(), let types = fields.next(), let prompt = fields.next() else { return nil }
        var decoded: [ModelSetting] = []
        while let field = fields.next() {
            guard let number = Int(String(decoding: lines[field], as: UTF8.self)), settings.indices.contains(number) else { continue }
            let spec = settings[number]
            let units = lines[Int(spec.lowerBound)..<Int(spec.upperBound)].split(separator: unitSeparator, omittingEmptySubsequences: false).map(unescape)
            guard units.count >= 2 else { continue }
            decoded.append(ModelSetting(key: units[0], inputType: units[1], options: units.count > 2 ? Array(units[2...]) : nil))
        }
        let name = unescape(lines[id])
        return Model(
            id: name, name: name, modality: unescape(lines[modality]),
            inputTypes: lines[types].isEmpty ? [] : lines[types].split(separator: unitSeparator, omittingEmptySubsequences: false).map(unescape),
            promptRequired: lines[prompt].first != UInt8(ascii: "0"), settings: decoded)
    }

    static func app(_ lines: [UInt8], _ range: Range<Int>) -> App? {
        try? JSONDecoder().decode(App.self, from: Data(lines[range]))
    }

    /// The tab-separated fields of a line's content.
    struct Fields {
        let lines: [UInt8]
        var position: Int
        let end: Int
        var done = false

        init(_ lines: [UInt8], _ range: Range<Int>) {
            self.lines = lines
            position = range.lowerBound
            end = range.upperBound
        }

        mutating func next() -> Range<Int>? {
            guard !done else { return nil }
            var stop = position
            while stop < end && lines[stop] != CatalogueLines.fieldSeparator { stop += 1 }
            let field = position..<stop
            if stop >= end { done = true } else { position = stop + 1 }
            return field
        }
    }

    private static func append(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "%"), fieldSeparator, newline, UInt8(ascii: "\r"), unitSeparator:
                out.append(UInt8(ascii: "%"))
                out.append(hex(byte >> 4))
                out.append(hex(byte & 0xF))
            default:
                out.append(byte)
            }
        }
    }

    private static func hex(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }

    private static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.contains(UInt8(ascii: "%")) ? PercentDecoding.decode(bytes) : String(decoding: bytes, as: UTF8.self)
    }
}
