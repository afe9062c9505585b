import ArmoxAPI
import Foundation

/// A made-up catalogue the size of a large real one: `count` models named
/// `vendor-NNN/<family>-<variant>-NNNNN` over `vendors` vendors (model i
/// belongs to vendor i % vendors, so with the defaults every vendor has 200),
/// each with 2–6 settings drawn from the kinds the API sends (selects with
/// options, numbers with bounds, booleans, text), a name and a description;
/// and workflow apps like the sandbox's. Deterministic for a seed.
enum SyntheticCatalogue {
    static let families = [
        "flux", "diffusion", "nano", "turbo", "sketch", "veo", "motion", "pixel", "lumen", "vision",
        "music", "voice", "depth", "mesh", "canvas", "dream", "photon", "echo", "prism", "atlas",
    ]
    static let variants = ["pro", "lite", "ultra", "fast", "hd", "v2", "xl", "mini", "max", "edit"]
    static let modalities = ["image", "image", "image", "video", "video", "audio", "3d", "text"]
    static let aspectRatios = ["match_input_image", "1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "3:2", "2:3"]

    /// The settings a model may have; every model with `hasAspectRatio` gets
    /// `aspect_ratio` first.
    static func settingPool(_ random: inout SeededGenerator) -> [ModelSetting] {
        let ratios = Array(aspectRatios.shuffled(using: &random).prefix(Int.random(in: 2...6, using: &random)))
        return [
            ModelSetting(key: "aspect_ratio", label: "Aspect Ratio", inputType: "select", defaultValue: .string(ratios[0]), options: ratios),
            ModelSetting(key: "output_format", label: "Output Format", inputType: "select", defaultValue: .string("png"), options: ["png", "jpg", "webp"]),
            ModelSetting(key: "resolution", label: "Resolution", inputType: "select", defaultValue: .string("720p"), options: ["480p", "720p", "1080p"]),
            ModelSetting(key: "duration", label: "Duration", inputType: "select", defaultValue: .string("5"), options: ["5", "10"]),
            ModelSetting(key: "style", label: "Style", inputType: "select", defaultValue: .string("auto"), options: ["auto", "photo", "illustration", "anime", "3d_render"]),
            ModelSetting(key: "num_outputs", label: "Number of Outputs", inputType: "number", defaultValue: .number(1), min: 1, max: 4),
            ModelSetting(key: "guidance_scale", label: "Guidance Scale", inputType: "number", defaultValue: .number(3.5), min: 1, max: 10),
            ModelSetting(key: "seed", label: "Seed", inputType: "number", min: 0, max: 2_147_483_647),
            ModelSetting(key: "go_fast", label: "Go Fast", inputType: "boolean", defaultValue: .bool(true)),
            ModelSetting(key: "generate_audio", label: "Generate Audio", inputType: "boolean", defaultValue: .bool(false)),
            ModelSetting(key: "negative_prompt", label: "Negative Prompt", inputType: "text", defaultValue: .string("")),
        ]
    }

    static func models(count: Int, vendors: Int = 500, seed: UInt64 = 42) -> [Model] {
        var random = SeededGenerator(seed: seed)
        var models: [Model] = []
        models.reserveCapacity(count)
        for i in 0..<count {
            let vendor = i % max(vendors, 1)
            let family = families.randomElement(using: &random)!
            let variant = variants.randomElement(using: &random)!
            let number = String(repeating: "0", count: max(0, 5 - String(i).count)) + String(i)
            let vendorNumber = String(repeating: "0", count: max(0, 3 - String(vendor).count)) + String(vendor)
            let modality = modalities.randomElement(using: &random)!
            let pool = settingPool(&random)
            let count = Int.random(in: 2...6, using: &random)
            // Three models in five have an aspect ratio (always their first setting).
            var settings = Int.random(in: 0..<5, using: &random) < 3 ? [pool[0]] : []
            settings += pool.dropFirst().shuffled(using: &random).prefix(count - settings.count)
            models.append(
                Model(
                    id: "vendor-\(vendorNumber)/\(family)-\(variant)-\(number)",
                    name: "\(family.capitalized) \(variant.uppercased()) \(number)", modality: modality,
                    cost: Int.random(in: 1...900, using: &random),
                    inputTypes: Bool.random(using: &random) ? ["text"] : ["text", "image"],
                    promptRequired: Int.random(in: 0..<10, using: &random) > 0, outputType: modality,
                    description: "\(family.capitalized) \(variant) \(modality) model by vendor \(vendorNumber), release \(number)",
                    settings: settings))
        }
        return models
    }

    /// Workflow apps like the sandbox's (ids, names with spaces, inputs by id,
    /// handle and label).
    static let apps: [App] = [
        App(
            id: "cb2bbd2d-5c1e-4f6a-9b7d-2a1e8c4f0d11", name: "Sketch to Render",
            description: "Convert sketches into photorealistic renders", tags: ["Photorealistic Render", "Architecture"],
            isTemplate: true, cost: 150,
            inputs: [
                AppInput(id: "93197f6b-2d4e-4b8a-8c1f-5e7a9d3b6c20", type: "image", label: "Input Images", required: true, targetHandle: "image_input", allowMultiple: true),
                AppInput(id: "ced4aa7b-6f1a-4e3c-9d2b-8a5c7e1f4b39", type: "text", label: "Aspect Ratio", required: true, targetHandle: "aspect_ratio"),
            ]),
        App(
            id: "5e8f2a47-9c3b-4d1e-a6f7-0b2c8d4e6f13", name: "Product Hero Creator",
            description: "Turn a product photo into a polished hero shot for a landing page",
            tags: ["E-commerce", "Product Photography"], isTemplate: true, cost: 340,
            inputs: [
                AppInput(id: "a41f6c2e-8d3b-4f7a-b9e1-2c5d7f0a3b84", type: "text", label: "Prompt", required: true, targetHandle: "prompt"),
                AppInput(id: "d72b9e4f-1a6c-4b3d-8f2e-7c0a5d9b1e46", type: "image", label: "Product Image", required: true, targetHandle: "image_input"),
                AppInput(id: "e93c1a5d-7b2f-4e8c-a4d6-3f1b8e0c2a75", type: "text", label: "Background Style", targetHandle: "style"),
            ]),
    ]
}
