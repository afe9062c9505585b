import Foundation

/// Tolerant reads for optional fields: a field that is missing, null or of an
/// unexpected type reads as nil instead of failing the whole response. Only the
/// fields a record cannot exist without (an id, a status) are decoded strictly.
extension KeyedDecodingContainer {
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(T.self, forKey: key)) ?? nil
    }

    func lenientString(_ key: Key) -> String? {
        lenient(JSONValue.self, key)?.lenientString
    }

    func lenientInt(_ key: Key) -> Int? {
        lenient(JSONValue.self, key)?.intValue
    }

    /// An amount of credits (a cost, a charge): a whole number, never
    /// negative. A server's `-4500` is unknown, not credit handed back: a
    /// budget counting it would let every later run through.
    func lenientCredits(_ key: Key) -> Int? {
        lenientInt(key).flatMap(JSONValue.credits)
    }

    func lenientDouble(_ key: Key) -> Double? {
        lenient(JSONValue.self, key)?.doubleValue
    }

    func lenientBool(_ key: Key) -> Bool? {
        lenient(JSONValue.self, key)?.boolValue
    }

    func lenientStrings(_ key: Key) -> [String] {
        lenient(JSONValue.self, key)?.lenientStrings ?? []
    }
}

/// The lenient rules on a value already read: what `Codable` decoding and
/// `CatalogueDecoding` both apply, so the two read a field alike.
extension JSONValue {
    /// `amount` when it can be an amount of credits (see `lenientCredits`).
    static func credits(_ amount: Int) -> Int? {
        amount >= 0 ? amount : nil
    }

    /// A string, or a number or boolean as text; nil for anything else.
    public var lenientString: String? {
        switch self {
        case .string(let s): return s
        case .number, .bool: return displayString
        default: return nil
        }
    }

    /// The strings of a list (others dropped); nil when it is not a list.
    public var lenientStrings: [String]? {
        arrayValue?.compactMap { $0.stringValue }
    }
}

/// Coding keys built from any string, for records whose field names vary.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
