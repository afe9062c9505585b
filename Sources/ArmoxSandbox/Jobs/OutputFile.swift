/// A file a finished job offers at `/files/{jobId}/{name}`.
///
/// Files are described, not stored: their bytes are generated when fetched,
/// from the description alone, so a sandbox that ran thousands of jobs holds
/// no image data.
struct OutputFile: Sendable, Equatable {
    let name: String
    let media: OutputMedia

    func url(origin: String, jobId: String) -> String {
        "\(origin)/files/\(jobId)/\(name)"
    }
}

/// The kind of bytes an output file holds.
enum OutputMedia: Sendable, Equatable {
    /// A generated PNG whose colours derive from `seed`.
    case png(width: Int, height: Int, seed: UInt32)
    case jpeg
    case mp4
    case wav
    case glb

    var contentType: String {
        switch self {
        case .png: return "image/png"
        case .jpeg: return "image/jpeg"
        case .mp4: return "video/mp4"
        case .wav: return "audio/wav"
        case .glb: return "model/gltf-binary"
        }
    }

    var fileExtension: String {
        switch self {
        case .png: return "png"
        case .jpeg: return "jpg"
        case .mp4: return "mp4"
        case .wav: return "wav"
        case .glb: return "glb"
        }
    }

    func bytes() -> [UInt8] {
        switch self {
        case .png(let width, let height, let seed): return PNGEncoder.placeholder(width: width, height: height, seed: seed)
        case .jpeg: return SampleMedia.jpeg
        case .mp4: return SampleMedia.mp4
        case .wav: return WAVEncoder.sine(frequency: 440, seconds: 0.5)
        case .glb: return GLBEncoder.triangle()
        }
    }
}
