/// What an output is, for `preview`: told from the first bytes of the file
/// for images, and from the URL's extension for what is never fetched.
enum OutputKind: Equatable, Sendable {
    case image(ImageFormat)
    case video
    case audio
    case model3D
    /// Nothing says; fetched, then told from its bytes.
    case unknown

    enum ImageFormat: String, Sendable {
        case png = "PNG", jpeg = "JPEG", gif = "GIF", webp = "WebP"
    }

    /// From the URL's file extension alone (query and fragment ignored).
    static func guessed(fromURL url: String) -> OutputKind {
        let name = DownloadName.fromURL(url)
        switch DownloadName.fileExtension(of: name)?.lowercased() {
        case "png": return .image(.png)
        case "jpg", "jpeg": return .image(.jpeg)
        case "gif": return .image(.gif)
        case "webp": return .image(.webp)
        case "mp4", "webm", "mov", "mkv": return .video
        case "wav", "mp3", "ogg", "flac", "m4a", "aac": return .audio
        case "glb", "gltf", "obj", "usdz", "fbx": return .model3D
        default: return .unknown
        }
    }

    /// The image format the file's signature names, or nil.
    static func imageFormat(of bytes: [UInt8]) -> ImageFormat? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: Array("GIF8".utf8)) { return .gif }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return .webp }
        return nil
    }

    /// How a line names it: "a video", "an image (JPEG)".
    var described: String {
        switch self {
        case .image(let format): return "an image (\(format.rawValue))"
        case .video: return "a video"
        case .audio: return "audio"
        case .model3D: return "a 3D model"
        case .unknown: return "not an image"
        }
    }
}
