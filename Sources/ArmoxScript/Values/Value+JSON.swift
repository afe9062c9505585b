import ArmoxAPI
import ArmoxRender
import Foundation

extension Value {
    /// A value from the API's JSON; whole numbers print without `.0`.
    public init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(Number(number))
        case .string(let text): self = .string(text)
        case .array(let items): self = .list(items.map(Value.init))
        case .object(let fields): self = .object(fields.mapValues(Value.init))
        }
    }

    /// An API value (a model, an app, an account) as a language value,
    /// through its own `encode(to:)`, with no JSON text in between.
    static func encoding<T: Encodable>(_ item: T) -> Value {
        (try? JSONValueEncoder.encode(item)).map(Value.init) ?? .null
    }

    /// The value as it is sent to the API. A job stands for its output: its
    /// first output URL (so `image_input=$hero` feeds one run into the next).
    public func json() throws -> JSONValue {
        switch self {
        case .string(let text): return .string(text)
        case .number(let number): return .number(number.value)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .list(let items): return .array(try items.map { try $0.json() })
        case .object(let fields): return .object(try fields.mapValues { try $0.json() })
        case .job(let job):
            guard let url = job.outputURLs.first else {
                throw ScriptError(
                    "job \(job.id) has no output URL to pass on (status \(job.status.rawValue))",
                    hint: "wait for it first: wait \(job.id)")
            }
            return .string(url)
        case .unknown(let unknown):
            // Only while checking, which sends nothing: it holds the place.
            return .string(unknown.placeholder)
        }
    }

    /// Exact JSON: sorted keys, numbers as written, jobs as the one job shape.
    public func jsonText(pretty: Bool = false) -> String {
        var writer = JSONTextWriter(pretty: pretty)
        writer.write(self, depth: 0)
        return writer.output
    }
}

/// Writes values as JSON text by hand, because Foundation's encoder would turn
/// `2.50` into `2.5` and `5` into `5.0`-ish doubles; numbers stay as written.
struct JSONTextWriter {
    let pretty: Bool
    var output = ""

    init(pretty: Bool) {
        self.pretty = pretty
    }

    mutating func write(_ value: Value, depth: Int) {
        switch value {
        case .string(let text): writeString(text)
        case .number(let number): output += Self.isJSONNumber(number.raw) ? number.raw : JSONValue.number(number.value).jsonString()
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        case .unknown(let unknown): writeString(unknown.placeholder)
        case .list(let items):
            if items.isEmpty { output += "[]"; return }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                newline(depth + 1)
                write(item, depth: depth + 1)
            }
            newline(depth)
            output += "]"
        case .object(let fields):
            if fields.isEmpty { output += "{}"; return }
            output += "{"
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                newline(depth + 1)
                writeString(key)
                output += pretty ? ": " : ":"
                write(fields[key]!, depth: depth + 1)
            }
            newline(depth)
            output += "}"
        case .job(let job):
            write(Value.jobObject(job.job), depth: depth)
        }
    }

    private mutating func newline(_ depth: Int) {
        guard pretty else { return }
        output += "\n" + String(repeating: "  ", count: depth)
    }

    private mutating func writeString(_ text: String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                // Every control character (C0, DEL, C1, bidirectional; see
                // `TerminalText.isControl`) and the line and paragraph
                // separators, which JavaScript reads as line breaks, as `\uXXXX`.
                if TerminalText.isControl(scalar) || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    /// JSON's number grammar: no leading zeros, no leading `+`, no bare `.5`.
    static func isJSONNumber(_ raw: String) -> Bool {
        var bytes = Substring(raw).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard let first = bytes.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        let digits = bytes.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        if first == UInt8(ascii: "0") && digits.count > 1 { return false }
        return Double(raw)?.isFinite == true
    }
}
