import Foundation

/// `GET /models` read straight from its bytes: one pass over the body that
/// builds each `Model` as its fields go by, with no dictionary per object
/// and no `Decoder` in between (Foundation's `JSONDecoder` into `Codable`
/// took 5 s for 100,000 models; this takes a tenth of that).
///
/// It reads exactly what `Model(from:)` reads, by the same lenient rules
/// (`JSONValue.lenient…`), and a fuzz target holds the two to the same
/// answer on every input. Anything out of the ordinary — a byte that is not
/// UTF-8, an escape it does not take, a key given twice, a body that is not
/// `{ …, "data": [ … ] }` — makes it give up (nil), and the caller reads the
/// body with `JSONDecoder`, whose errors name the problem.
public enum CatalogueDecoding {
    public static func models(_ bytes: [UInt8]) -> [Model]? {
        guard UTF8Check.isValid(bytes) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> [Model]? in
            var reader = JSONBytes(buffer)
            return try? reader.modelList()
        }
    }
}

/// Gives up on the fast path (see `CatalogueDecoding`).
struct NotFastPath: Error {}

/// A cursor over JSON bytes that validates as it goes.
struct JSONBytes {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0
    /// Arrays and objects open in the value around `at`: past
    /// `JSONNesting.fastPathLimit` the body is not the fast path's, so a
    /// small hostile answer cannot overflow the stack.
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: The catalogue

    mutating func modelList() throws -> [Model] {
        var models: [Model] = []
        var sawData = false
        try object { reader, key in
            if key.matches("data") {
                guard !sawData else { throw NotFastPath() }
                sawData = true
                guard reader.peek() == UInt8(ascii: "[") else { throw NotFastPath() }
                try reader.array { reader in
                    if reader.peek() == UInt8(ascii: "{") {
                        if let model = try reader.model() { models.append(model) }
                    } else {
                        try reader.skipValue()
                    }
                }
            } else {
                try reader.skipValue()
            }
        }
        skipSpace()
        guard sawData, at == bytes.count else { throw NotFastPath() }
        return models
    }

    /// One entry of `data`: nil where `Model(from:)` would fail (no string id).
    /// Fields are read straight into their types; a key given twice is not
    /// the fast path's (JSONDecoder's choice between them is its own).
    mutating func model() throws -> Model? {
        var seen: UInt16 = 0
        func first(_ bit: UInt16) throws {
            guard seen & bit == 0 else { throw NotFastPath() }
            seen |= bit
        }
        var id: String?
        var name: String?
        var modality: String?
        var cost: Int?
        var inputTypes: [String]?
        var promptRequired: Bool?
        var outputType: String?
        var description: String?
        var settings: [ModelSetting]?
        // A loop, not `object { … }`: locals a closure writes get dynamic
        // exclusivity checks, some 8% of the catalogue's decode.
        try expect(UInt8(ascii: "{"))
        var firstMember = true
        while let key = try nextKey(&firstMember) {
            switch Self.modelSlot(key) {
            case 0?:
                try first(1)
                if peek() == UInt8(ascii: "\"") { id = try string() } else { try skipValue() }
            case 1?: try first(2); name = try lenientString()
            case 2?: try first(4); modality = try lenientString()
            case 3?: try first(8); cost = try lenientInt().flatMap(JSONValue.credits)
            case 4?: try first(16); inputTypes = try lenientStrings()
            case 5?: try first(32); promptRequired = try lenientBool()
            case 6?: try first(64); outputType = try lenientString()
            case 7?: try first(128); description = try lenientString()
            case 8?:
                try first(256)
                guard peek() == UInt8(ascii: "[") else {
                    try skipValue()
                    continue
                }
                var list: [ModelSetting] = []
                try expect(UInt8(ascii: "["))
                var firstItem = true
                while try nextItem(&firstItem) {
                    if peek() == UInt8(ascii: "{") {
                        if let setting = try setting() { list.append(setting) }
                    } else {
                        try skipValue()
                    }
                }
                settings = list
            default:
                try skipValue()
            }
        }
        guard let id else { return nil }
        return Model(
            id: id, name: name ?? id, modality: modality ?? "unknown", cost: cost, inputTypes: inputTypes ?? [],
            promptRequired: promptRequired ?? true, outputType: outputType, description: description, settings: settings ?? [])
    }

    /// A model's key as the slot `model()` reads it into: the length picks
    /// the one or two names to compare (a table of arrays cost a lazy-global
    /// check, a retain and a loop per key).
    static func modelSlot(_ key: Key) -> Int? {
        switch key.range.count {
        case 2: return key.matches("id") ? 0 : nil
        case 4: return key.matches("name") ? 1 : key.matches("cost") ? 3 : nil
        case 8: return key.matches("modality") ? 2 : key.matches("settings") ? 8 : nil
        case 10: return key.matches("inputTypes") ? 4 : key.matches("outputType") ? 6 : nil
        case 11: return key.matches("description") ? 7 : nil
        case 14: return key.matches("promptRequired") ? 5 : nil
        default: return nil
        }
    }

    static func settingSlot(_ key: Key) -> Int? {
        switch key.range.count {
        case 3: return key.matches("key") ? 0 : key.matches("min") ? 5 : key.matches("max") ? 6 : nil
        case 5: return key.matches("label") ? 1 : nil
        case 7: return key.matches("options") ? 4 : nil
        case 9: return key.matches("inputType") ? 2 : nil
        case 12: return key.matches("defaultValue") ? 3 : nil
        default: return nil
        }
    }

    /// One setting: nil where `ModelSetting(from:)` would fail (no string key).
    mutating func setting() throws -> ModelSetting? {
        var seen: UInt8 = 0
        func first(_ bit: UInt8) throws {
            guard seen & bit == 0 else { throw NotFastPath() }
            seen |= bit
        }
        var key: String?
        var label: String?
        var inputType: String?
        var defaultValue: JSONValue?
        var options: [String]?
        var typedOptions: [String: JSONValue] = [:]
        var min: Double?
        var max: Double?
        try expect(UInt8(ascii: "{"))
        var firstMember = true
        while let name = try nextKey(&firstMember) {
            switch Self.settingSlot(name) {
            case 0?:
                try first(1)
                if peek() == UInt8(ascii: "\"") { key = try string() } else { try skipValue() }
            case 1?: try first(2); label = try lenientString()
            case 2?: try first(4); inputType = try lenientString()
            case 3?:
                try first(8)
                let value = try value()
                defaultValue = value == .null ? nil : value
            case 4?:
                try first(16)
                let listed = try value()
                options = ModelSetting.options(from: listed)
                typedOptions = ModelSetting.typedOptions(from: listed)
            case 5?: try first(32); min = try value().doubleValue
            case 6?: try first(64); max = try value().doubleValue
            default: try skipValue()
            }
        }
        guard let key else { return nil }
        return ModelSetting(
            key: key, label: label, inputType: inputType ?? "text", defaultValue: defaultValue, options: options,
            typedOptions: typedOptions, min: min, max: max)
    }

    /// `lenientString`, read in place: a string as it is, a number or
    /// boolean as text, anything else nil.
    mutating func lenientString() throws -> String? {
        switch peek() {
        case UInt8(ascii: "\"")?: return try string()
        case UInt8(ascii: "{")?, UInt8(ascii: "[")?:
            try skipValue()
            return nil
        default: return try value().lenientString
        }
    }

    /// `JSONValue.lenientStrings`, read in place: a list's strings (its
    /// other items dropped), nil for anything but a list.
    /// What is not a string is still read by `value()`, which gives up
    /// where `JSONValue` decoding could differ (a key given twice).
    mutating func lenientStrings() throws -> [String]? {
        guard peek() == UInt8(ascii: "[") else {
            _ = try value()
            return nil
        }
        var strings: [String] = []
        try expect(UInt8(ascii: "["))
        var firstItem = true
        while try nextItem(&firstItem) {
            if peek() == UInt8(ascii: "\"") { strings.append(try string()) } else { _ = try value() }
        }
        return strings
    }

    mutating func lenientInt() throws -> Int? {
        switch peek() {
        case UInt8(ascii: "-")?, (UInt8(ascii: "0")...UInt8(ascii: "9"))?: return WholeNumber.integer(try number())
        default: return try value().intValue
        }
    }

    mutating func lenientBool() throws -> Bool? {
        switch peek() {
        case UInt8(ascii: "t")?:
            try literal("true")
            return true
        case UInt8(ascii: "f")?:
            try literal("false")
            return false
        default: return try value().boolValue
        }
    }

    // MARK: Structure

    /// The bytes of an object's key, as written between its quotes.
    struct Key {
        let bytes: UnsafeBufferPointer<UInt8>
        let range: Range<Int>

        func matches(_ name: StaticString) -> Bool {
            let count = name.utf8CodeUnitCount
            guard range.count == count else { return false }
            let start = name.utf8Start
            for offset in 0..<count where bytes[range.lowerBound + offset] != start[offset] { return false }
            return true
        }
    }

    @inline(__always)
    func peek() -> UInt8? {
        var index = at
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        return index < bytes.count ? bytes[index] : nil
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    @inline(__always)
    mutating func skipSpace() {
        while at < bytes.count, Self.isSpace(bytes[at]) { at += 1 }
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8) throws {
        skipSpace()
        guard at < bytes.count, bytes[at] == byte else { throw NotFastPath() }
        at += 1
    }

    /// `{ "key": value, … }`: `body` reads each value (see `nextKey`).
    mutating func object(_ body: (inout JSONBytes, Key) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        var first = true
        while let key = try nextKey(&first) { try body(&self, key) }
    }

    /// After an object's `{`: the next member's key, read up to its `:`,
    /// or nil at the closing `}`. `first` is true until the first call.
    mutating func nextKey(_ first: inout Bool) throws -> Key? {
        skipSpace()
        guard at < bytes.count else { throw NotFastPath() }
        if first {
            first = false
            if bytes[at] == UInt8(ascii: "}") {
                at += 1
                return nil
            }
        } else if bytes[at] == UInt8(ascii: ",") {
            at += 1
        } else if bytes[at] == UInt8(ascii: "}") {
            at += 1
            return nil
        } else {
            throw NotFastPath()
        }
        try expect(UInt8(ascii: "\""))
        let start = at
        while at < bytes.count, bytes[at] != UInt8(ascii: "\"") {
            guard bytes[at] != UInt8(ascii: "\\"), bytes[at] >= 0x20 else { throw NotFastPath() }
            at += 1
        }
        guard at < bytes.count else { throw NotFastPath() }
        let key = Key(bytes: bytes, range: start..<at)
        at += 1
        try expect(UInt8(ascii: ":"))
        return key
    }

    /// After an array's `[`: true when another item follows (the cursor on
    /// it), false at the closing `]`. `first` is true until the first call.
    mutating func nextItem(_ first: inout Bool) throws -> Bool {
        skipSpace()
        guard at < bytes.count else { throw NotFastPath() }
        if first {
            first = false
            if bytes[at] == UInt8(ascii: "]") {
                at += 1
                return false
            }
            return true
        }
        if bytes[at] == UInt8(ascii: ",") {
            at += 1
            return true
        }
        if bytes[at] == UInt8(ascii: "]") {
            at += 1
            return false
        }
        throw NotFastPath()
    }

    /// `[ value, … ]`: `body` reads each value (see `nextItem`).
    mutating func array(_ body: (inout JSONBytes) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        var first = true
        while try nextItem(&first) { try body(&self) }
    }

    /// Any value, kept whole (a setting's default, a field read leniently).
    mutating func value() throws -> JSONValue {
        skipSpace()
        guard at < bytes.count else { throw NotFastPath() }
        switch bytes[at] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"):
            try enter()
            defer { depth -= 1 }
            var fields: [String: JSONValue] = [:]
            try object { reader, key in
                let name = String(decoding: UnsafeBufferPointer(rebasing: reader.bytes[key.range]), as: UTF8.self)
                guard fields[name] == nil else { throw NotFastPath() }
                fields[name] = try reader.value()
            }
            return .object(fields)
        case UInt8(ascii: "["):
            try enter()
            defer { depth -= 1 }
            var items: [JSONValue] = []
            try array { reader in items.append(try reader.value()) }
            return .array(items)
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    /// Any value, validated and passed over.
    mutating func skipValue() throws {
        skipSpace()
        guard at < bytes.count else { throw NotFastPath() }
        switch bytes[at] {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "{"):
            try enter()
            defer { depth -= 1 }
            try object { reader, _ in try reader.skipValue() }
        case UInt8(ascii: "["):
            try enter()
            defer { depth -= 1 }
            try array { reader in try reader.skipValue() }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try number()
        }
    }

    /// One level deeper, or not the fast path's past the limit.
    private mutating func enter() throws {
        depth += 1
        guard depth <= JSONNesting.fastPathLimit else { throw NotFastPath() }
    }

    mutating func literal(_ word: StaticString) throws {
        skipSpace()
        let count = word.utf8CodeUnitCount
        guard at + count <= bytes.count else { throw NotFastPath() }
        for offset in 0..<count where bytes[at + offset] != word.utf8Start[offset] { throw NotFastPath() }
        at += count
    }

    // MARK: Strings and numbers

    /// A string with no escape is its bytes (already checked UTF-8); one
    /// with escapes is decoded here. An escape that cannot stand alone (half
    /// a surrogate pair) is not the fast path's.
    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = at
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                at += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            guard byte >= 0x20 else { throw NotFastPath() }
            at += 1
        }
        throw NotFastPath()
    }

    private mutating func escapedString(from start: Int) throws -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self).unicodeScalars)
        var plain = at
        func flush(_ reader: JSONBytes, upTo end: Int) {
            if end > plain {
                scalars.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: reader.bytes[plain..<end]), as: UTF8.self).unicodeScalars)
            }
        }
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                flush(self, upTo: at)
                at += 1
                return String(scalars)
            }
            guard byte >= 0x20 else { throw NotFastPath() }
            guard byte == UInt8(ascii: "\\") else {
                at += 1
                continue
            }
            flush(self, upTo: at)
            guard at + 1 < bytes.count else { throw NotFastPath() }
            let escape = bytes[at + 1]
            at += 2
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                let unit = try hex4()
                guard !(0xD800...0xDFFF).contains(unit) else {
                    // A surrogate pair: the high half, then \u and the low half.
                    guard unit < 0xDC00, at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else {
                        throw NotFastPath()
                    }
                    at += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low),
                        let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                    else { throw NotFastPath() }
                    scalars.append(scalar)
                    break
                }
                guard let scalar = Unicode.Scalar(unit) else { throw NotFastPath() }
                scalars.append(scalar)
            default:
                throw NotFastPath()
            }
            plain = at
        }
        throw NotFastPath()
    }

    private mutating func hex4() throws -> UInt32 {
        guard at + 4 <= bytes.count else { throw NotFastPath() }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[at + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw NotFastPath()
            }
            value = value << 4 | UInt32(digit)
        }
        at += 4
        return value
    }

    private mutating func skipString() throws {
        try expect(UInt8(ascii: "\""))
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                at += 1
                return
            }
            guard byte >= 0x20 else { throw NotFastPath() }
            if byte == UInt8(ascii: "\\") {
                // Decoded to be checked, as JSONDecoder checks every escape.
                at = try escapedStart()
                continue
            }
            at += 1
        }
        throw NotFastPath()
    }

    /// From a backslash in a skipped string: checks the escape and returns
    /// where the string goes on.
    private mutating func escapedStart() throws -> Int {
        let saved = at
        // Read the rest of the string as an escaped one from here, then resume after it ends.
        var probe = self
        probe.at = saved
        _ = try probe.escapedString(from: saved)
        // `probe.at` is past the closing quote: step back onto it.
        return probe.at - 1
    }

    /// A JSON number (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`) as a
    /// finite Double; anything else is not the fast path's.
    mutating func number() throws -> Double {
        skipSpace()
        let start = at
        func digits(_ reader: inout JSONBytes) -> Int {
            let from = reader.at
            while reader.at < reader.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(reader.bytes[reader.at]) { reader.at += 1 }
            return reader.at - from
        }
        if at < bytes.count, bytes[at] == UInt8(ascii: "-") { at += 1 }
        let integer = at
        guard digits(&self) > 0 else { throw NotFastPath() }
        if bytes[integer] == UInt8(ascii: "0"), at - integer > 1 { throw NotFastPath() }
        var whole = true
        if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
            at += 1
            whole = false
            guard digits(&self) > 0 else { throw NotFastPath() }
        }
        if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
            at += 1
            whole = false
            if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
            guard digits(&self) > 0 else { throw NotFastPath() }
        }
        // Short whole numbers (costs, counts) without a conversion call.
        if whole, at - integer <= 15 {
            var value = 0
            for index in integer..<at { value = value * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
            return bytes[start] == UInt8(ascii: "-") ? -Double(value) : Double(value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw NotFastPath() }
        return value
    }
}

/// Whether bytes are UTF-8, ASCII eight bytes at a time.
enum UTF8Check {
    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                // Eight ASCII bytes at once.
                if index + 8 <= count {
                    let word = UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        index += 8
                        continue
                    }
                }
                let lead = buffer[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                let length: Int
                var minimum: UInt32
                var scalar: UInt32
                switch lead {
                case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(lead & 0x1F))
                case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(lead & 0x0F))
                case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(lead & 0x07))
                default: return false
                }
                guard index + length <= count else { return false }
                for offset in 1..<length {
                    let byte = buffer[index + offset]
                    guard byte & 0xC0 == 0x80 else { return false }
                    scalar = scalar << 6 | UInt32(byte & 0x3F)
                }
                guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return false }
                index += length
            }
            return true
        }
    }
}
