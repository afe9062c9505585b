/// A JSON object that remembers the order its keys were set in.
///
/// Responses are written in the order the API reference shows them (`id`
/// first, timestamps last), which makes `curl` output against the sandbox read
/// like the documentation.
struct JSONObject: Sendable, Equatable {
    private(set) var keys: [String] = []
    private var storage: [String: JSONValue] = [:]

    init() {}

    init(_ pairs: [(String, JSONValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    /// Setting nil removes the key; setting an existing key keeps its position.
    subscript(key: String) -> JSONValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    var values: [JSONValue] { keys.compactMap { storage[$0] } }
    var pairs: [(key: String, value: JSONValue)] { keys.compactMap { key in storage[key].map { (key, $0) } } }
    var isEmpty: Bool { keys.isEmpty }

    static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.storage == rhs.storage
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
