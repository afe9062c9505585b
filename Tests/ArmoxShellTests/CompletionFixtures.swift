import ArmoxAPI
import ArmoxScript

@testable import ArmoxShell

/// A catalogue shaped like the sandbox's (same ids, settings and apps), built
/// by hand so most completion tests need no server; one test checks it against
/// the sandbox's real `models()`/`apps()`.
enum Fixture {
    static let aspectRatios = ["match_input_image", "1:1", "16:9", "9:16", "4:3", "3:4"]

    static let models: [Model] = [
        Model(
            id: "google/nano-banana", name: "Nano Banana", modality: "image", inputTypes: ["text", "image"],
            settings: [
                ModelSetting(key: "aspect_ratio", inputType: "select", options: aspectRatios),
                ModelSetting(key: "output_format", inputType: "select", options: ["png", "jpg"]),
            ]),
        Model(
            id: "black-forest-labs/flux-schnell", name: "FLUX.1 [schnell]", modality: "image", inputTypes: ["text"],
            settings: [
                ModelSetting(key: "aspect_ratio", inputType: "select", options: ["1:1", "16:9", "9:16", "4:3", "3:4", "21:9"]),
                ModelSetting(key: "num_outputs", inputType: "number", min: 1, max: 4),
                ModelSetting(key: "go_fast", inputType: "boolean"),
            ]),
        Model(
            id: "stability-ai/stable-diffusion-3.5-large", name: "Stable Diffusion 3.5 Large", modality: "image",
            inputTypes: ["text", "image"],
            settings: [
                ModelSetting(key: "negative_prompt", inputType: "text"),
                ModelSetting(key: "cfg", inputType: "number", min: 1, max: 10),
                ModelSetting(key: "aspect_ratio", inputType: "select", options: ["1:1", "16:9", "9:16", "3:2", "2:3"]),
            ]),
        Model(
            id: "recraft/crisp-upscale", name: "Crisp Upscale", modality: "image", inputTypes: ["image"],
            promptRequired: false,
            settings: [ModelSetting(key: "upscale_factor", inputType: "select", options: ["2", "4"])]),
        Model(
            id: "xai/grok-video-image-to-video", name: "Grok Video (Image to Video)", modality: "video",
            inputTypes: ["text", "image"],
            settings: [
                ModelSetting(key: "duration", inputType: "select", options: ["5", "10"]),
                ModelSetting(key: "resolution", inputType: "select", options: ["480p", "720p"]),
            ]),
        Model(
            id: "google/veo-3", name: "Veo 3", modality: "video", inputTypes: ["text", "image"],
            settings: [
                ModelSetting(key: "aspect_ratio", inputType: "select", options: ["16:9", "9:16"]),
                ModelSetting(key: "generate_audio", inputType: "boolean"),
                ModelSetting(key: "negative_prompt", inputType: "text"),
            ]),
        Model(
            id: "elevenlabs/music", name: "Eleven Music", modality: "audio", inputTypes: ["text"],
            settings: [
                ModelSetting(key: "duration_seconds", inputType: "number", min: 5, max: 300),
                ModelSetting(key: "instrumental", inputType: "boolean"),
            ]),
        Model(
            id: "tencent/hunyuan-3d", name: "Hunyuan 3D", modality: "3d", inputTypes: ["image", "text"],
            promptRequired: false,
            settings: [
                ModelSetting(key: "texture", inputType: "boolean"),
                ModelSetting(key: "face_count", inputType: "number", min: 1_000, max: 200_000),
            ]),
        Model(
            id: "google/gemini-2.5-flash", name: "Gemini 2.5 Flash", modality: "text", inputTypes: ["text", "image"],
            settings: [
                ModelSetting(key: "system_prompt", inputType: "text"),
                ModelSetting(key: "temperature", inputType: "number", min: 0, max: 2),
            ]),
    ]

    static let sketchToRender = App(
        id: "cb2bbd2d-5c1e-4f6a-9b7d-2a1e8c4f0d11", name: "Sketch to Render",
        inputs: [
            AppInput(id: "93197f6b-2d4e-4b8a-8c1f-5e7a9d3b6c20", type: "image", label: "Input Images", required: true, targetHandle: "image_input", allowMultiple: true),
            AppInput(id: "ced4aa7b-6f1a-4e3c-9d2b-8a5c7e1f4b39", type: "text", label: "Aspect Ratio", required: true, targetHandle: "aspect_ratio"),
        ])

    static let productHero = App(
        id: "5e8f2a47-9c3b-4d1e-a6f7-0b2c8d4e6f13", name: "Product Hero Creator",
        inputs: [
            AppInput(id: "a41f6c2e-8d3b-4f7a-b9e1-2c5d7f0a3b84", type: "text", label: "Prompt", required: true, targetHandle: "prompt"),
            AppInput(id: "d72b9e4f-1a6c-4b3d-8f2e-7c0a5d9b1e46", type: "image", label: "Product Image", required: true, targetHandle: "image_input"),
            AppInput(id: "e93c1a5d-7b2f-4e8c-a4d6-3f1b8e0c2a75", type: "text", label: "Background Style", targetHandle: "style"),
        ])

    /// An app whose inputs have no targetHandle: named by label, then by id.
    static let labelled = App(
        id: "moodboard", name: "Mood-Board",
        inputs: [
            AppInput(id: "in-1", type: "image", label: "Reference Images"),
            AppInput(id: "seed", type: "text"),
        ])

    static let apps = [sketchToRender, productHero, labelled]
    static let catalogue = CatalogueIndex(models: models, apps: apps)

    static let hero = Job(
        id: "3f2a9c1e-0b7d-4c55-9e61-1a2b3c4d5e6f", status: .completed, runType: "model", model: "google/nano-banana",
        input: .object(["prompt": .string("a perfume bottle"), "aspect_ratio": .string("16:9")]),
        output: .object(["images": .array([.string("https://cdn.test/hero.png")])]), creditsCharged: 70)

    static let clip = Job(id: "9c1e3f2a-7d0b-4c55-9e61-6f5e4d3c2b1a", status: .processing, model: "xai/grok-video-image-to-video")

    /// One record for both names, as a session keeps it.
    static let heroRecord = JobRecord(hero)

    static let variables: [String: Value] = [
        "hero": .job(heroRecord),
        "clip": .job(JobRecord(clip)),
        "size": .string("16:9"),
        "count": .number(Number(3)),
        "urls": .list([.string("https://cdn.test/a.png"), .string("https://cdn.test/b.png")]),
        "config": .object([
            "name": .string("demo"),
            "render": .object(["width": .number(Number(1024)), "height": .number(Number(768))]),
            "has space": .string("unreachable by a path"),
        ]),
        "_": .null,
        "job": .job(heroRecord),
        "output": .string("https://cdn.test/hero.png"),
        "outputs": .list([.string("https://cdn.test/hero.png")]),
        "model": .string("google/nano-banana"),
        "args": .list([]),
        "1": .string("first"),
    ]

    /// A working directory of a made-up project.
    static let files = FileLister { folder in
        switch folder {
        case "":
            return [
                FileEntry("Examples", isDirectory: true), FileEntry("Exports", isDirectory: true),
                FileEntry("My Renders", isDirectory: true), FileEntry("out", isDirectory: true),
                FileEntry("other.txt"), FileEntry("make heroes.armox"), FileEntry("make-clips.armox"),
                FileEntry(".hidden.armox"), FileEntry(".cache", isDirectory: true), FileEntry("README.md"),
                FileEntry("a=b.armox"), FileEntry("東京.armox"),
            ]
        case "Examples/":
            return [
                FileEntry("01-first-image.armox"), FileEntry("02-video.armox"), FileEntry("assets", isDirectory: true),
                FileEntry(".draft.armox"),
            ]
        case "My Renders/":
            return [FileEntry("hero 1.png"), FileEntry("hero 2.png"), FileEntry("old", isDirectory: true)]
        case "/tmp/":
            return [FileEntry("scratch", isDirectory: true), FileEntry("log.txt")]
        default:
            return nil
        }
    }

    static func snapshot(
        currentModel: String? = nil, variables: [String: Value] = Fixture.variables,
        catalogue: CatalogueIndex = Fixture.catalogue, files: FileLister = Fixture.files
    ) -> CompletionSnapshot {
        CompletionSnapshot(
            catalogue: catalogue, variables: variables, currentModel: currentModel,
            environment: ["HOME": "/home/ana", "HOSTNAME": "studio", "PATH": "/usr/bin", "ARMOX_KEY_FILE": "/k"],
            workingDirectory: "/home/ana/project", files: files)
    }
}

/// Completes with the cursor at the end of `line`.
func complete(_ line: String, _ snapshot: CompletionSnapshot = Fixture.snapshot()) -> Completion {
    Completer.complete(line, cursor: line.utf8.count, in: snapshot)
}

extension Completion {
    var texts: [String] { candidates.map(\.text) }
    var displays: [String] { candidates.map(\.display) }
}
