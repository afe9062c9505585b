import ArmoxAPI
import Foundation

/// What every response target checks, around `ResponseDecoding` (the client's
/// own decoding code).
enum ResponseChecks {
    /// The request line errors name.
    static let request = "GET /fuzz"

    /// A list answer decoded as the client does: the entries, or nil when the
    /// body is malformed (after checking the error says so properly).
    static func list<T: Decodable>(_ type: T.Type, _ body: [UInt8], status: Int = 200) throws -> [T]? {
        do {
            let items = try ResponseDecoding.list(T.self, status: status, body: body, request: request, scrub: FuzzKey.scrub)
            try FuzzKey.requireShownWithoutKey(items)
            return items
        } catch let violation as PropertyViolation {
            throw violation
        } catch {
            try checkMalformed(error, body: body, status: status)
            return nil
        }
    }

    /// A one-value answer decoded as the client does, or nil when malformed.
    static func item<T: Decodable>(_ type: T.Type, _ body: [UInt8], status: Int = 200) throws -> T? {
        do {
            let item = try ResponseDecoding.item(T.self, status: status, body: body, request: request, scrub: FuzzKey.scrub)
            try FuzzKey.requireShownWithoutKey(item)
            return item
        } catch let violation as PropertyViolation {
            throw violation
        } catch {
            try checkMalformed(error, body: body, status: status)
            return nil
        }
    }

    /// A 2xx body that does not decode is `.malformedResponse`, never another
    /// error, with a reason and a printable excerpt that holds no key.
    static func checkMalformed(_ error: any Error, body: [UInt8], status: Int) throws {
        guard case ArmoxError.malformedResponse(let malformed) = error else {
            throw PropertyViolation("a \(status) answer failed with something other than .malformedResponse: \(error)")
        }
        try require(malformed.status == status && malformed.request == request, "the error names another request: \(malformed)")
        try require(!malformed.reason.isEmpty, "a malformed response without a reason")
        try require(malformed.excerpt.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }, "the excerpt holds control characters: \(malformed.excerpt.debugDescription)")
        try require(malformed.excerpt.count <= 121, "an excerpt of \(malformed.excerpt.count) characters")
        try FuzzKey.requireNoLeak(ArmoxError.malformedResponse(malformed).description, input: body)
    }

    /// Encodes as armox does for `--json` (sorted keys), which must work for
    /// anything decoded, and decodes back to an equal value.
    static func roundTrip<T: Codable & Equatable>(_ value: T, _ what: String) throws {
        let encoded = try encode(value, what)
        let decoded: T
        do {
            decoded = try JSONDecoder().decode(T.self, from: encoded)
        } catch {
            throw PropertyViolation("\(what) re-encoded does not decode: \(error); \(String(decoding: encoded, as: UTF8.self))")
        }
        try require(decoded == value, "\(what) changes through encoding: \(value) became \(decoded)")
    }

    /// A list re-encoded inside `{ "object": "list", "data": … }` reads back
    /// through the client's list path to the same entries.
    static func roundTripList<T: Codable & Equatable>(_ values: [T], _ what: String) throws {
        let encoded = try encode(ListEnvelope(data: values), what)
        guard let back = try list(T.self, Array(encoded)) else {
            throw PropertyViolation("a list of \(what) re-encoded is malformed: \(String(decoding: encoded, as: UTF8.self))")
        }
        try require(back == values, "a list of \(what) changes through encoding: \(values) became \(back)")
    }

    private static func encode<T: Encodable>(_ value: T, _ what: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch {
            throw PropertyViolation("\(what) decoded but cannot be encoded: \(error) (\(value))")
        }
    }
}

/// `{ "object": "list", "data": [...] }`, as the API sends lists.
private struct ListEnvelope<T: Encodable>: Encodable {
    var object = "list"
    let data: [T]
}
