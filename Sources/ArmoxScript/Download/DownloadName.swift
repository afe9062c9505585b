import ArmoxAPI
import Foundation

/// File names for downloaded outputs, made from URLs a server chose: whatever
/// the URL says, the name stays a single plain entry of the target folder.
///
/// A name from `sanitized(_:)` never contains `/`, `\`, NUL or control
/// characters, never starts with `.` (so never `.`, `..` or a hidden file),
/// is never empty and is at most 255 UTF-8 bytes.
public enum DownloadName {
    /// The longest file name most file systems take, in bytes.
    public static let maxBytes = 255
    /// Used when the URL gives nothing usable.
    public static let fallback = "output"
    /// An extension longer than this is treated as part of the name.
    static let maxExtensionLength = 10

    /// The default name of output `index` (from 0) of the `count` outputs of
    /// job `jobID`: the job id, and the output's number when the job has
    /// several, with the URL's extension (`job_ab12-2.png`); the server's own
    /// name where it names the job already. A second run of a script, or
    /// the replay of a recording, saves beside the first instead of
    /// stopping on a name every job shares (`output.png`).
    public static func forOutput(of jobID: String, url: String, index: Int, count: Int) -> String {
        let server = fromURL(url)
        let id = sanitized(jobID)
        if id != fallback, server.contains(id) { return server }
        return limited(stem: id, suffix: count > 1 ? "-\(index + 1)" : "", extension: fileExtension(of: server))
    }

    /// The sanitised last path segment of `url` (its path, not its query or
    /// fragment), percent-decoded.
    public static func fromURL(_ url: String) -> String {
        sanitized(percentDecoded(lastPathSegment(of: url)))
    }

    /// The last segment of the URL's path, still percent-encoded ("" for `/files/`).
    static func lastPathSegment(of url: String) -> String {
        var path = Substring(url)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        if let scheme = path.range(of: "://") {
            // Skip the authority: a URL without a path has no name.
            let afterAuthority = path[scheme.upperBound...]
            guard let slash = afterAuthority.firstIndex(of: "/") else { return "" }
            path = afterAuthority[slash...]
        }
        guard let slash = path.lastIndex(of: "/") else { return String(path) }
        return String(path[path.index(after: slash)...])
    }

    static func percentDecoded(_ text: String) -> String {
        PercentDecoding.decode(text.utf8)
    }

    /// A safe file name from any text (see the type's documentation).
    public static func sanitized(_ raw: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            scalars.append(isForbidden(scalar) ? "_" : scalar)
        }
        var name = Substring(String(scalars))
        // No leading dot: no ".", "..", or hidden file. Spaces around go too.
        while let first = name.unicodeScalars.first, first == "." || isSpace(first) {
            name = name.dropFirst()
        }
        while let last = name.unicodeScalars.last, isSpace(last) {
            name = name.dropLast()
        }
        let trimmed = limited(String(name))
        return trimmed.isEmpty ? fallback : trimmed
    }

    /// Path separators, NUL and every control or invisible formatting
    /// character (C0, DEL, C1, bidirectional overrides that can disguise an
    /// extension, line and paragraph separators).
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x2F, 0x5C: return true  // "/" and "\"
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    /// The extension of `name` without its dot: a short run of letters and
    /// digits after the last dot, with something before it.
    public static func fileExtension(of name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...]
        guard !ext.isEmpty, ext.count <= maxExtensionLength,
            ext.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
        else { return nil }
        return String(ext)
    }

    /// The extension for a `Content-Type`, for the types outputs come in.
    public static func fileExtension(forContentType contentType: String?) -> String? {
        guard let media = DownloadResponseHead.mediaType(of: contentType) else { return nil }
        switch media {
        case "image/png": return "png"
        case "image/jpeg", "image/jpg", "image/pjpeg": return "jpg"
        case "image/webp": return "webp"
        case "image/gif": return "gif"
        case "video/mp4": return "mp4"
        case "video/webm": return "webm"
        case "audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave": return "wav"
        case "audio/mpeg": return "mp3"
        case "model/gltf-binary": return "glb"
        case "application/json": return "json"
        case "text/plain": return "txt"
        default: return nil
        }
    }

    /// `name` with `.ext` added when it has no extension and the content type gives one.
    public static func adding(extensionFor contentType: String?, to name: String) -> String {
        guard fileExtension(of: name) == nil, let ext = fileExtension(forContentType: contentType) else { return name }
        return limited(stem: name, extension: ext)
    }

    /// `name-2.ext`, `name-3.ext`, … : the first variant of `name` not in `taken`
    /// (compared case-insensitively, as macOS file systems do); `name` itself when free.
    public static func unique(_ name: String, notIn taken: Set<String>) -> String {
        guard taken.contains(name.lowercased()) else { return name }
        let ext = fileExtension(of: name)
        let stem = ext.map { String(name.dropLast($0.count + 1)) } ?? name
        var n = 2
        while true {
            let candidate = limited(stem: stem, suffix: "-\(n)", extension: ext)
            if !taken.contains(candidate.lowercased()) { return candidate }
            n += 1
        }
    }

    /// At most `maxBytes` UTF-8 bytes, cut at a character boundary, keeping the extension.
    static func limited(_ name: String) -> String {
        guard name.utf8.count > maxBytes else { return name }
        let ext = fileExtension(of: name)
        let stem = ext.map { String(name.dropLast($0.count + 1)) } ?? name
        return limited(stem: stem, extension: ext)
    }

    /// `stem` + `suffix` + `.ext`, the stem shortened so the whole fits in `maxBytes`.
    static func limited(stem: String, suffix: String = "", extension ext: String?) -> String {
        let tail = suffix + (ext.map { "." + $0 } ?? "")
        let budget = maxBytes - tail.utf8.count
        var kept = ""
        var used = 0
        for character in stem {
            let size = character.utf8.count
            if used + size > budget { break }
            kept.append(character)
            used += size
        }
        // Cutting may leave trailing spaces, or nothing at all.
        while let last = kept.unicodeScalars.last, last.properties.isWhitespace { kept.removeLast() }
        if kept.isEmpty { kept = fallback }
        return kept + tail
    }
}
