import ArmoxAPI
import Foundation

/// `download --name=TEMPLATE`: a file name made from the job each output
/// came from. `{id}` the job id, `{n}` the output's number (from 1),
/// `{model}` the model or app (slashes made `-`), `{prompt}` a slug of the
/// prompt (at most 40 characters), `{date}` the job's day (YYYY-MM-DD),
/// `{ext}` the output's extension. Whatever the prompt or the server's
/// strings hold, the name is one safe entry of the folder (`DownloadName`).
public struct DownloadTemplate: Sendable {
    enum Part: Sendable, Equatable {
        case text(String)
        case id, n, model, prompt, date, ext
    }

    static let placeholders: [String: Part] = ["id": .id, "n": .n, "model": .model, "prompt": .prompt, "date": .date, "ext": .ext]
    static let listed = "{id}, {n}, {model}, {prompt}, {date}, {ext}"
    /// The longest `{prompt}` slug, in characters.
    public static let promptSlugLength = 40

    let parts: [Part]

    /// Parses `text`; an unknown or unclosed placeholder is an error.
    public init(_ text: String, at location: SourceLocation?) throws {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw ScriptError("--name: { without a closing }", hint: "the placeholders are \(Self.listed)", at: location)
            }
            let key = String(rest[rest.index(after: open)..<close])
            guard let part = Self.placeholders[key] else {
                throw ScriptError(
                    "--name: unknown placeholder {\(key)}", hint: "the placeholders are \(Self.listed)", at: location)
            }
            if !literal.isEmpty { parts.append(.text(literal)) }
            literal = ""
            parts.append(part)
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.text(literal)) }
        guard !parts.isEmpty else {
            throw ScriptError("--name needs a template", hint: "--name={model}-{n}.{ext}", at: location)
        }
        self.parts = parts
    }

    /// The name of output `index` (from 0) at `url`, of `job` when the session knows it.
    public func name(url: String, index: Int, job: Job?, today: Date = Date()) -> String {
        let ext = DownloadName.fileExtension(of: DownloadName.fromURL(url))
        var name = ""
        for part in parts {
            switch part {
            case .text(let text): name += text
            case .id: name += job?.id ?? DownloadName.fromURL(url).split(separator: ".").first.map(String.init) ?? "output"
            case .n: name += String(index + 1)
            case .model: name += (job?.model ?? job?.appName ?? job?.appID ?? "output").replacingOccurrences(of: "/", with: "-")
            case .prompt: name += Self.slug(job?.input?["prompt"]?.stringValue ?? "")
            case .date: name += Self.day(job?.createdAt, today: today)
            case .ext:
                if let ext { name += ext } else if name.hasSuffix(".") { name.removeLast() }
            }
        }
        return DownloadName.sanitized(name)
    }

    /// Lower-case letters and digits, runs of anything else one `-`, at most
    /// `promptSlugLength` characters, cut at a word where it can be.
    static func slug(_ prompt: String) -> String {
        var slug = ""
        for character in prompt.lowercased() {
            if character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        guard slug.count > promptSlugLength else { return slug.isEmpty ? "untitled" : slug }
        var cut = String(slug.prefix(promptSlugLength))
        if let dash = cut.lastIndex(of: "-"), cut.distance(from: cut.startIndex, to: dash) >= promptSlugLength / 2 {
            cut = String(cut[..<dash])
        }
        return cut
    }

    /// `YYYY-MM-DD` of an ISO 8601 time the server gave, else of `today` (UTC).
    static func day(_ createdAt: String?, today: Date) -> String {
        if let createdAt, createdAt.utf8.count >= 10 {
            let prefix = String(createdAt.prefix(10))
            let bytes = Array(prefix.utf8)
            let digits = [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }
            if digits, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") { return prefix }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: today)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}
