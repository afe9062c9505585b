#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A JSON document as plain data.
///
/// The sandbox reads request bodies whose shape is only partly known (a run's
/// `input` is model-specific, unknown keys must be tolerated and echoed back in
/// `input_data`) and writes responses whose key order should read like the API
/// reference. `Codable` structs give neither, so requests are parsed into this
/// enum and responses are built from it and written by `JSONWriter`.
///
/// It is deliberately not `ArmoxAPI.JSONValue`: the sandbox stands in for the
/// server and shares no code with the client it tests, so a decoding mistake
/// in one cannot hide the same mistake in the other.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The string, if this is one.
    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number, if this is one.
    var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The object, if this is one.
    var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    var isNull: Bool { self == .null }

    /// Every string inside this value, at any depth (used by the failure marker).
    var allStrings: [String] {
        switch self {
        case .string(let value): return [value]
        case .array(let values): return values.flatMap(\.allStrings)
        case .object(let object): return object.values.flatMap(\.allStrings)
        case .null, .bool, .number: return []
        }
    }

    /// A short human rendering for error messages: strings bare, the rest as JSON.
    var displayText: String {
        switch self {
        case .string(let value): return value
        default: return JSONWriter.string(self)
        }
    }

    /// Parses a request body. Returns nil for anything that is not valid JSON,
    /// so callers answer `Invalid JSON body` rather than fail.
    static func parse(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }
}

extension JSONValue: Decodable {
    init(from decoder: any Decoder) throws {
        // Keyed and unkeyed containers first: a single-value container would
        // happily decode an object as a dictionary but lose nothing else.
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            var object = JSONObject()
            for key in keyed.allKeys {
                object[key.stringValue] = try keyed.decode(JSONValue.self, forKey: key)
            }
            self = .object(object)
            return
        }
        if var unkeyed = try? decoder.unkeyedContainer() {
            var values: [JSONValue] = []
            while !unkeyed.isAtEnd {
                values.append(try unkeyed.decode(JSONValue.self))
            }
            self = .array(values)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let value = try? single.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? single.decode(Double.self) {
            self = .number(value)
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
    init(floatLiteral value: Double) { self = .number(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
    init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
    /// A string, or null when absent.
    static func optional(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    /// An integer as a JSON number.
    static func int(_ value: Int) -> JSONValue {
        .number(Double(value))
    }
}
