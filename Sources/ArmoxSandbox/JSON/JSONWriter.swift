/// Writes `JSONValue`s as compact JSON text.
///
/// Integral numbers are written without a fraction (`70`, not `70.0`) because
/// credits, costs and counts are integers in the API; non-finite numbers cannot
/// be expressed in JSON and are written as `null`.
enum JSONWriter {
    static func bytes(_ value: JSONValue) -> [UInt8] {
        Array(string(value).utf8)
    }

    static func string(_ value: JSONValue) -> String {
        var output = ""
        write(value, into: &output)
        return output
    }

    private static func write(_ value: JSONValue, into output: inout String) {
        switch value {
        case .null:
            output += "null"
        case .bool(let flag):
            output += flag ? "true" : "false"
        case .number(let number):
            output += format(number)
        case .string(let text):
            writeString(text, into: &output)
        case .array(let values):
            output += "["
            for (index, element) in values.enumerated() {
                if index > 0 { output += "," }
                write(element, into: &output)
            }
            output += "]"
        case .object(let object):
            output += "{"
            for (index, pair) in object.pairs.enumerated() {
                if index > 0 { output += "," }
                writeString(pair.key, into: &output)
                output += ":"
                write(pair.value, into: &output)
            }
            output += "}"
        }
    }

    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        // Whole below 2^53, as armox's own `WholeNumber` reads them (the sandbox imports nothing of the client).
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992, let integer = Int(exactly: number) {
            return String(integer)
        }
        return String(number)
    }

    private static func writeString(_ text: String, into output: inout String) {
        output += "\""
        // Most strings need no escape; appending them whole is what keeps a
        // 100,000-model catalogue from taking seconds to write.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
