/// Decides, when a run is accepted, which files (or text) its job will
/// output once it completes.
enum OutputPlan {
    /// Longest side of generated images, in pixels: small enough to generate
    /// per request, big enough to preview.
    static let imageSide = 64

    static func files(for model: SandboxModel, input: JSONObject, jobId: String) -> [OutputFile] {
        switch model.modality {
        case .image:
            let count = outputCount(input["num_outputs"], model: model)
            let (width, height) = imageSize(aspectRatio: input["aspect_ratio"]?.stringValue)
            let jpeg = input["output_format"]?.stringValue == "jpg"
            return (1...count).map { index in
                let name = count == 1 ? "output" : "output-\(index)"
                let media: OutputMedia =
                    jpeg ? .jpeg : .png(width: width, height: height, seed: seed(jobId, index))
                return OutputFile(name: "\(name).\(media.fileExtension)", media: media)
            }
        case .video: return [OutputFile(name: "output.mp4", media: .mp4)]
        case .audio: return [OutputFile(name: "output.wav", media: .wav)]
        case .threeD: return [OutputFile(name: "output.glb", media: .glb)]
        case .text: return []
        }
    }

    static func files(for app: SandboxApp, jobId: String) -> [OutputFile] {
        [OutputFile(name: "output.png", media: .png(width: imageSide, height: imageSide, seed: seed(jobId, 1)))]
    }

    /// The answer of a text model: deterministic, and obviously a sandbox's.
    static func text(prompt: String) -> String {
        "Sandbox reply: this is a stand-in answer to \"\(prompt)\". "
            + "Run against the real API for a real one."
    }

    /// `num_outputs` has been validated against the setting's range already;
    /// absent means the setting's default (or 1 for models without it).
    static func outputCount(_ value: JSONValue?, model: SandboxModel) -> Int {
        guard model.setting("num_outputs") != nil else { return 1 }
        let number = SettingValidator.number(from: value ?? model.setting("num_outputs")?.defaultValue ?? 1) ?? 1
        return Int(exactly: number.rounded()).map { min(max($0, 1), 4) } ?? 1
    }

    /// `W:H` scaled so its longer side is `imageSide`; square otherwise
    /// (including `match_input_image`, since the sandbox never fetches inputs).
    static func imageSize(aspectRatio: String?) -> (Int, Int) {
        let parts = (aspectRatio ?? "").split(separator: ":")
        guard parts.count == 2, let w = Double(parts[0]), let h = Double(parts[1]),
            w.isFinite, h.isFinite, w > 0, h > 0
        else { return (imageSide, imageSide) }
        let scale = Double(imageSide) / max(w, h)
        return (max(1, Int((w * scale).rounded())), max(1, Int((h * scale).rounded())))
    }

    /// FNV-1a of the job id and output index: the same job always draws the same picture.
    static func seed(_ jobId: String, _ index: Int) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in "\(jobId)#\(index)".utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }
}
