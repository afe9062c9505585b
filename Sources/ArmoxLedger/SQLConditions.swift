import GRDB

/// A query's `WHERE` conditions and their arguments, built together: a
/// filter whose value is absent adds nothing.
struct SQLConditions {
    private(set) var terms: [String] = []
    private(set) var arguments: [(any DatabaseValueConvertible)?] = []

    /// Adds `term` (one `?` per value) when every value is given.
    mutating func add(_ term: String, _ values: (any DatabaseValueConvertible)?...) {
        guard values.allSatisfy({ $0 != nil }) else { return }
        terms.append(term)
        arguments += values
    }

    /// Adds a term that takes no value.
    mutating func add(_ term: String) { terms.append(term) }

    /// ` WHERE a AND b`, or nothing.
    var clause: String { terms.isEmpty ? "" : " WHERE " + terms.joined(separator: " AND ") }
}
