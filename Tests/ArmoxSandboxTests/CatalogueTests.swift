import ArmoxSandbox
import Foundation
import Testing

@Suite("Catalogue and account")
struct CatalogueTests {
    @Test("GET /models lists a realistic catalogue in the documented shape")
    func models() async throws {
        try await SandboxHarness.with { sandbox in
            let reply = try await sandbox.get("/models")
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "application/json")
            let body = try reply.object()
            #expect(body.string("object") == "list")
            let models = try #require(body["data"] as? [[String: Any]])
            #expect(models.count >= 9)
            for model in models {
                let id = model.string("id") ?? "?"
                #expect(model.string("name") != nil, "\(id) name")
                #expect(model.int("cost") != nil, "\(id) cost")
                #expect(model["inputTypes"] is [String], "\(id) inputTypes")
                #expect(model["promptRequired"] is Bool, "\(id) promptRequired")
                #expect(model.string("outputType") == model.string("modality"), "\(id) outputType")
                #expect(model.string("description") != nil, "\(id) description")
                let settings = try #require(model["settings"] as? [[String: Any]], "\(id) settings")
                for setting in settings {
                    #expect(setting.string("key") != nil && setting.string("label") != nil)
                    #expect(setting["defaultValue"] != nil)
                    switch setting.string("inputType") {
                    case "select": #expect((setting["options"] as? [String])?.isEmpty == false)
                    case "number": #expect(setting.int("min") != nil && setting["max"] != nil)
                    case "boolean", "text": break
                    default: Issue.record("\(id): unknown inputType \(setting["inputType"] ?? "nil")")
                    }
                }
            }
            let modalities = Set(models.compactMap { $0.string("modality") })
            #expect(modalities.isSuperset(of: ["image", "video", "audio", "3d", "text"]))
            let inputTypes = Set(models.flatMap { ($0["settings"] as? [[String: Any]] ?? []).compactMap { $0.string("inputType") } })
            #expect(inputTypes.isSuperset(of: ["select", "number", "boolean", "text"]))
            #expect(models.contains { $0.string("modality") == "image" && $0["promptRequired"] as? Bool == false })

            let banana = try #require(models.first { $0.string("id") == "google/nano-banana" })
            #expect(banana.int("cost") == 70)
            let bananaSettings = try #require(banana["settings"] as? [[String: Any]])
            let aspect = try #require(bananaSettings.first { $0.string("key") == "aspect_ratio" })
            #expect(aspect.string("defaultValue") == "1:1")
            #expect(aspect["options"] as? [String] == ["match_input_image", "1:1", "16:9", "9:16", "4:3", "3:4"])
            #expect(bananaSettings.first { $0.string("key") == "output_format" }?["options"] as? [String] == ["png", "jpg"])

            let flux = try #require(models.first { $0.string("id") == "black-forest-labs/flux-schnell" })
            let outputs = try #require((flux["settings"] as? [[String: Any]])?.first { $0.string("key") == "num_outputs" })
            #expect(outputs.string("inputType") == "number")
            #expect(outputs.int("min") == 1 && outputs.int("max") == 4 && outputs.int("defaultValue") == 1)

            let grok = try #require(models.first { $0.string("id") == "xai/grok-video-image-to-video" })
            #expect(grok.int("cost") == 202)
            #expect(models.first { $0.string("id") == "google/veo-3" }?.int("cost") == 900)
        }
    }

    @Test("GET /apps lists workflow apps with typed inputs")
    func apps() async throws {
        try await SandboxHarness.with { sandbox in
            let reply = try await sandbox.get("/apps")
            #expect(reply.status == 200)
            let apps = try #require(try reply.object()["data"] as? [[String: Any]])
            #expect(apps.count >= 2)
            for app in apps {
                for key in ["id", "name", "description", "brain_id", "thumbnail_url"] {
                    #expect(app.string(key) != nil, "\(key)")
                }
                #expect(app.isNull("icon"))
                #expect(app["is_template"] as? Bool == true)
                #expect(app["tags"] is [String])
                #expect(app.int("cost") != nil)
            }
            let sketch = try #require(apps.first { $0.string("name") == "Sketch to Render" })
            let inputs = try #require(sketch["inputs"] as? [[String: Any]])
            let images = try #require(inputs.first { $0.string("targetHandle") == "image_input" })
            #expect(images.string("type") == "image")
            #expect(images["required"] as? Bool == true && images["allowMultiple"] as? Bool == true)
            let ratio = try #require(inputs.first { $0.string("targetHandle") == "aspect_ratio" })
            #expect(ratio.string("type") == "text" && ratio["required"] as? Bool == true)

            let hero = try #require(apps.first { $0.string("name") == "Product Hero Creator" })
            let heroInputs = try #require(hero["inputs"] as? [[String: Any]])
            #expect(heroInputs.contains { $0.string("type") == "text" && $0["required"] as? Bool == true })
            #expect(heroInputs.contains { $0.string("type") == "image" && $0["required"] as? Bool == true && $0["allowMultiple"] == nil })
        }
    }

    @Test("GET /account reports credits, plan, usage and keys")
    func account() async throws {
        try await SandboxHarness.with { sandbox in
            let before = try await sandbox.get("/account").object()
            #expect(before.string("object") == "account")
            #expect(before.string("user_id") != nil)
            #expect(before.int("credits") == 10_000)
            #expect(before.string("subscription") == "agency")
            #expect(before.object("usage").int("total_jobs") == 0)
            #expect(before.object("usage").int("credits_used_last_30d") == 0)
            #expect(before.object("api_keys").int("active") == 1)

            _ = try await sandbox.run("google/nano-banana", input: #"{"prompt": "a cat"}"#)
            let after = try await sandbox.get("/account").object()
            #expect(after.int("credits") == 9_930)
            #expect(after.object("usage").int("credits_used_last_30d") == 70)
            #expect(after.object("usage").int("total_jobs") == 1)
            #expect(after.object("usage").int("total_requests_last_30d") == 3)
        }
    }
}
