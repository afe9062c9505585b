import ArmoxAPI
import ArmoxTestSupport
import Foundation
import Testing

@Suite("Decoding API shapes")
struct DecodingTests {
    func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    @Test func runResponseAndJobRecordGiveOneJob() throws {
        let run = try decode(Job.self, """
            { "id": "a1", "object": "job", "status": "completed", "model": "google/nano-banana",
              "output": { "outputImage": "https://s.example/a.png" }, "error": null, "credits_charged": 70,
              "created_at": "2026-03-26T12:00:00.000Z", "completed_at": "2026-03-26T12:00:03.000Z" }
            """)
        let record = try decode(Job.self, """
            { "id": "a1", "run_type": "model", "model_id": "google/nano-banana", "app_id": null,
              "status": "completed", "input_data": { "input": { "prompt": "x" } },
              "output_data": { "outputImage": "https://s.example/a.png" }, "error_message": null,
              "credits_charged": 70, "created_at": "2026-03-26T12:00:00.000Z",
              "completed_at": "2026-03-26T12:00:03.000Z", "webhook_delivered": true }
            """)
        #expect(run.model == "google/nano-banana")
        #expect(record.model == run.model)
        #expect(run.outputURLs == ["https://s.example/a.png"])
        #expect(record.outputURLs == run.outputURLs)
        #expect(run.status == .completed && run.status.isTerminal)
        #expect(record.webhookDelivered == true)
        #expect(record.input?["prompt"] == "x", "input_data.input, unwrapped")
        #expect(run.creditsCharged == 70)
    }

    /// Credits are never negative: a server's negative cost or charge reads as unknown.
    @Test func aNegativeAmountOfCreditsIsUnknown() throws {
        let job = try decode(Job.self, #"{"id": "a1", "status": "completed", "credits_charged": -4500}"#)
        #expect(job.creditsCharged == nil)
        let model = try decode(Model.self, #"{"id": "m", "cost": -1}"#)
        #expect(model.cost == nil)
        #expect(try decode(Model.self, #"{"id": "m", "cost": 0}"#).cost == 0)
        let app = try decode(App.self, #"{"id": "a", "name": "A", "cost": -5}"#)
        #expect(app.cost == nil)
        let account = #expect(throws: (any Error).self) { try ResponseDecoding.item(Account.self, status: 200, body: Array(#"{"object": "account", "credits": -12.5}"#.utf8), request: "GET /account") }
        #expect("\(account.map { String(describing: $0) } ?? "")".contains("bad value at credits"), "a field there with the wrong type is not missing")
    }

    @Test func errorFieldsFromBothShapes() throws {
        let a = try decode(Job.self, #"{"id":"x","status":"failed","error":"boom"}"#)
        let b = try decode(Job.self, #"{"id":"x","status":"failed","error_message":"boom"}"#)
        #expect(a.error == "boom" && b.error == "boom")
        #expect(a.status == .failed)
    }

    @Test func outputURLsFoundAnywhereInStableOrder() throws {
        let job = try decode(Job.self, """
            { "id": "j", "status": "completed", "output_data": {
                "zeta": "https://s.example/z.bin",
                "node_outputs": { "n2": { "outputImage": "https://s.example/2.png" },
                                  "n1": { "outputImage": "https://s.example/1.png" } },
                "app_id": "app_1", "app_name": "Hero",
                "outputVideo": "https://s.example/v.mp4",
                "outputImage": "https://s.example/i.png",
                "note": "not a url", "outputImages": ["https://s.example/i.png", "https://s.example/j.png"] } }
            """)
        #expect(job.outputURLs == [
            "https://s.example/i.png", "https://s.example/j.png", "https://s.example/v.mp4",
            "https://s.example/1.png", "https://s.example/2.png", "https://s.example/z.bin",
        ])
        #expect(job.appID == "app_1")
        #expect(job.appName == "Hero")
        // The same document decoded again reads the same.
        for _ in 0..<5 {
            #expect(try decode(Job.self, String(decoding: try JSONEncoder().encode(job), as: UTF8.self)).outputURLs == job.outputURLs)
        }
    }

    @Test func unknownStatusIsKeptAndNotTerminal() throws {
        let job = try decode(Job.self, #"{"id":"x","status":"queued_for_gpu","extra":{"a":1}}"#)
        #expect(job.status == .other("queued_for_gpu"))
        #expect(!job.status.isTerminal)
        #expect(job.outputURLs.isEmpty)
    }

    @Test func jobWithoutIDIsAnError() {
        #expect(throws: DecodingError.self) { try decode(Job.self, #"{"status":"completed"}"#) }
    }

    @Test func wrongTypesInOptionalFieldsReadAsMissing() throws {
        let job = try decode(Job.self, #"{"id":"x","status":"completed","credits_charged":"70","model":42,"completed_at":{"a":1},"webhook_delivered":"yes"}"#)
        #expect(job.creditsCharged == 70)
        #expect(job.model == "42")
        #expect(job.completedAt == nil)
        #expect(job.webhookDelivered == nil)
    }

    @Test func modelSettingsOfAnyInputType() throws {
        let model = try decode(Model.self, """
            { "id": "m", "name": "M", "modality": "image", "cost": 70, "inputTypes": ["text"],
              "promptRequired": false, "outputType": "image", "future_field": [1, 2],
              "settings": [
                { "key": "aspect_ratio", "label": "Aspect Ratio", "inputType": "select", "defaultValue": "1:1",
                  "options": ["1:1", "16:9"] },
                { "key": "quality", "inputType": "select", "options": [{"value": "hd", "label": "HD"}, {"value": 2, "label": "Two"}] },
                { "key": "steps", "inputType": "number", "defaultValue": 20, "min": 1, "max": 50 },
                { "key": "seed", "inputType": "slider-of-the-future" },
                { "label": "no key: skipped" }
              ] }
            """)
        #expect(model.promptRequired == false)
        #expect(model.settings.map(\.key) == ["aspect_ratio", "quality", "steps", "seed"])
        #expect(model.setting("aspect_ratio")?.options == ["1:1", "16:9"])
        #expect(model.setting("aspect_ratio")?.defaultValue == "1:1")
        #expect(model.setting("quality")?.options == ["hd", "2"])
        #expect(model.setting("steps")?.min == 1 && model.setting("steps")?.max == 50)
        #expect(model.setting("seed")?.inputType == "slider-of-the-future")
        #expect(model.setting("seed")?.options == nil)
    }

    @Test func modelWithOnlyAnIDGetsDefaults() throws {
        let model = try decode(Model.self, #"{"id":"x/y"}"#)
        #expect(model.name == "x/y")
        #expect(model.promptRequired)
        #expect(model.settings.isEmpty)
        #expect(model.cost == nil)
    }

    @Test func appInputsByIDHandleOrLabel() throws {
        let app = try decode(App.self, """
            { "id": "cb2b", "name": "Sketch to Render", "is_template": true, "tags": ["Render"],
              "inputs": [
                { "id": "9319", "type": "image", "label": "Input Images", "required": true,
                  "targetHandle": "image_input", "allowMultiple": true },
                { "id": "ced4", "type": "text", "label": "Aspect Ratio", "required": true, "targetHandle": "aspect_ratio" } ] }
            """)
        #expect(app.input(named: "9319")?.id == "9319")
        #expect(app.input(named: "image_input")?.allowMultiple == true)
        #expect(app.input(named: "aspect ratio")?.id == "ced4")
        #expect(app.input(named: "nope") == nil)
        #expect(app.isTemplate == true)
    }

    @Test func account() throws {
        let account = try decode(Account.self, """
            { "object": "account", "user_id": "user_123", "credits": 8420, "subscription": "agency",
              "usage": { "credits_used_last_30d": 12480, "total_requests_last_30d": 931, "total_jobs": 415 },
              "api_keys": { "active": 3 } }
            """)
        #expect(account.credits == 8420)
        #expect(account.creditsUsedLast30Days == 12480)
        #expect(account.requestsLast30Days == 931)
        #expect(account.totalJobs == 415)
        #expect(account.activeKeys == 3)
    }

    @Test func jsonValueKeepsWholeNumbersWhole() throws {
        let value = try decode(JSONValue.self, #"{"a":2,"b":2.5,"c":[true,null,"x"]}"#)
        #expect(value["a"]?.displayString == "2")
        #expect(value["b"]?.displayString == "2.5")
        #expect(value.jsonString() == #"{"a":2,"b":2.5,"c":[true,null,"x"]}"#)
    }
}
