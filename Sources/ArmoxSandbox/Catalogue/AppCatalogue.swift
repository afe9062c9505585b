/// The sandbox's workflow apps, with stable ids so scripts written against the
/// sandbox keep working from one run to the next.
enum AppCatalogue {
    static let all: [SandboxApp] = [
        SandboxApp(
            id: "cb2bbd2d-5c1e-4f6a-9b7d-2a1e8c4f0d11",
            name: "Sketch to Render",
            description: "Convert sketches into photorealistic renders",
            brainId: "f53d5c9f-8e2b-4c7a-a1d3-6b9e0f2c4a57",
            tags: ["Photorealistic Render", "Architecture"],
            cost: 150,
            inputs: [
                AppInput(
                    id: "93197f6b-2d4e-4b8a-8c1f-5e7a9d3b6c20", type: "image", label: "Input Images",
                    required: true, targetHandle: "image_input", allowMultiple: true),
                AppInput(
                    id: "ced4aa7b-6f1a-4e3c-9d2b-8a5c7e1f4b39", type: "text", label: "Aspect Ratio",
                    required: true, targetHandle: "aspect_ratio", allowMultiple: false),
            ],
            outputNodeId: "node-7a3e9c15-render"),
        SandboxApp(
            id: "5e8f2a47-9c3b-4d1e-a6f7-0b2c8d4e6f13",
            name: "Product Hero Creator",
            description: "Turn a product photo into a polished hero shot for a landing page",
            brainId: "0c7d4e9a-3b6f-4a2d-8e1c-9f5b7a2d4c68",
            tags: ["E-commerce", "Product Photography"],
            cost: 340,
            inputs: [
                AppInput(
                    id: "a41f6c2e-8d3b-4f7a-b9e1-2c5d7f0a3b84", type: "text", label: "Prompt",
                    required: true, targetHandle: "prompt", allowMultiple: false),
                AppInput(
                    id: "d72b9e4f-1a6c-4b3d-8f2e-7c0a5d9b1e46", type: "image", label: "Product Image",
                    required: true, targetHandle: "image_input", allowMultiple: false),
                AppInput(
                    id: "e93c1a5d-7b2f-4e8c-a4d6-3f1b8e0c2a75", type: "text", label: "Background Style",
                    required: false, targetHandle: "style", allowMultiple: false),
            ],
            outputNodeId: "node-2f8b4d61-hero"),
    ]

    static func app(_ id: String) -> SandboxApp? {
        all.first { $0.id == id }
    }
}
