/// The sandbox's models: one or more of every modality, with every kind of
/// setting (select, number, boolean, text), priced and described like the
/// real catalogue, so completion, `check` and pricing can be tried for real.
enum ModelCatalogue {
    static let aspectRatios = ["match_input_image", "1:1", "16:9", "9:16", "4:3", "3:4"]

    static let all: [SandboxModel] = [
        SandboxModel(
            id: "google/nano-banana", name: "Nano Banana", modality: .image, cost: 70,
            inputTypes: ["text", "image"], promptRequired: true,
            description: "Google image generation and editing model",
            settings: [
                ModelSetting(
                    key: "aspect_ratio", label: "Aspect Ratio", kind: .select(options: aspectRatios),
                    defaultValue: "1:1"),
                ModelSetting(
                    key: "output_format", label: "Output Format", kind: .select(options: ["png", "jpg"]),
                    defaultValue: "png"),
            ]),
        SandboxModel(
            id: "black-forest-labs/flux-schnell", name: "FLUX.1 [schnell]", modality: .image, cost: 30,
            inputTypes: ["text"], promptRequired: true,
            description: "The fastest FLUX image model, for quick drafts and iterations",
            settings: [
                ModelSetting(
                    key: "aspect_ratio", label: "Aspect Ratio",
                    kind: .select(options: ["1:1", "16:9", "9:16", "4:3", "3:4", "21:9"]), defaultValue: "1:1"),
                ModelSetting(
                    key: "num_outputs", label: "Number of Outputs", kind: .number(min: 1, max: 4), defaultValue: 1),
                ModelSetting(key: "go_fast", label: "Go Fast", kind: .boolean, defaultValue: true),
            ]),
        SandboxModel(
            id: "stability-ai/stable-diffusion-3.5-large", name: "Stable Diffusion 3.5 Large", modality: .image,
            cost: 65, inputTypes: ["text", "image"], promptRequired: true,
            description: "High-quality text-to-image with fine control over what to leave out",
            settings: [
                ModelSetting(key: "negative_prompt", label: "Negative Prompt", kind: .text, defaultValue: ""),
                ModelSetting(key: "cfg", label: "Guidance Scale", kind: .number(min: 1, max: 10), defaultValue: 4.5),
                ModelSetting(
                    key: "aspect_ratio", label: "Aspect Ratio", kind: .select(options: ["1:1", "16:9", "9:16", "3:2", "2:3"]),
                    defaultValue: "1:1"),
            ]),
        SandboxModel(
            id: "recraft/crisp-upscale", name: "Crisp Upscale", modality: .image, cost: 20,
            inputTypes: ["image"], promptRequired: false,
            description: "Image tool: upscales an image while keeping edges crisp (send image_input)",
            settings: [
                ModelSetting(
                    key: "upscale_factor", label: "Upscale Factor", kind: .select(options: ["2", "4"]), defaultValue: "2")
            ]),
        SandboxModel(
            id: "xai/grok-video-image-to-video", name: "Grok Video (Image to Video)", modality: .video, cost: 202,
            inputTypes: ["text", "image"], promptRequired: true,
            description: "xAI video model: animates an image following a prompt",
            settings: [
                ModelSetting(key: "duration", label: "Duration", kind: .select(options: ["5", "10"]), defaultValue: "5"),
                ModelSetting(
                    key: "resolution", label: "Resolution", kind: .select(options: ["480p", "720p"]), defaultValue: "720p"),
            ]),
        SandboxModel(
            id: "google/veo-3", name: "Veo 3", modality: .video, cost: 900,
            inputTypes: ["text", "image"], promptRequired: true,
            description: "Google's flagship video model, with native audio",
            settings: [
                ModelSetting(
                    key: "aspect_ratio", label: "Aspect Ratio", kind: .select(options: ["16:9", "9:16"]), defaultValue: "16:9"),
                ModelSetting(key: "generate_audio", label: "Generate Audio", kind: .boolean, defaultValue: true),
                ModelSetting(key: "negative_prompt", label: "Negative Prompt", kind: .text, defaultValue: ""),
            ]),
        SandboxModel(
            id: "elevenlabs/music", name: "Eleven Music", modality: .audio, cost: 120,
            inputTypes: ["text"], promptRequired: true,
            description: "Studio-grade music from a text description",
            settings: [
                ModelSetting(
                    key: "duration_seconds", label: "Duration (seconds)", kind: .number(min: 5, max: 300), defaultValue: 30),
                ModelSetting(key: "instrumental", label: "Instrumental", kind: .boolean, defaultValue: false),
            ]),
        SandboxModel(
            id: "tencent/hunyuan-3d", name: "Hunyuan 3D", modality: .threeD, cost: 250,
            inputTypes: ["image", "text"], promptRequired: false,
            description: "Textured 3D model (GLB) from an image or a description",
            settings: [
                ModelSetting(key: "texture", label: "Texture", kind: .boolean, defaultValue: true),
                ModelSetting(
                    key: "face_count", label: "Face Count", kind: .number(min: 1_000, max: 200_000), defaultValue: 40_000),
            ]),
        SandboxModel(
            id: "google/gemini-2.5-flash", name: "Gemini 2.5 Flash", modality: .text, cost: 5,
            inputTypes: ["text", "image"], promptRequired: true,
            description: "Fast multimodal language model: answers, captions, prompt ideas",
            settings: [
                ModelSetting(key: "system_prompt", label: "System Prompt", kind: .text, defaultValue: ""),
                ModelSetting(key: "temperature", label: "Temperature", kind: .number(min: 0, max: 2), defaultValue: 0.7),
            ]),
    ]

    static func model(_ id: String) -> SandboxModel? {
        all.first { $0.id == id }
    }
}
