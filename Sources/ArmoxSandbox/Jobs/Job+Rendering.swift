#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON shapes a job is shown in. The API has two: the run response
/// (`model`, `output`, `error`) and the job record (`model_id`, `output_data`,
/// `error_message`); webhooks carry a third, smaller one.
extension Job {
    /// The outputs, once completed: model outputs keyed by kind
    /// (`outputImage`, `outputImages`, `outputVideo`, `outputAudio`,
    /// `outputModel`, `outputText`), app outputs under `node_outputs`.
    func output(origin: String) -> JSONValue {
        guard case .completed = ending else { return .null }
        let urls = files.map { JSONValue.string($0.url(origin: origin, jobId: id)) }
        switch subject {
        case .model(let model):
            var output = JSONObject()
            switch model.modality {
            case .image:
                output["outputImage"] = urls.first
                if urls.count > 1 { output["outputImages"] = .array(urls) }
            case .video: output["outputVideo"] = urls.first
            case .audio: output["outputAudio"] = urls.first
            case .threeD: output["outputModel"] = urls.first
            case .text: output["outputText"] = .optional(text)
            }
            return .object(output)
        case .app(let app):
            return [
                "app_id": .string(app.id),
                "app_name": .string(app.name),
                "node_outputs": .object(JSONObject([(app.outputNodeId, .object(["outputImage": urls.first ?? .null]))])),
            ]
        }
    }

    /// `POST /models/run` answered 200: the finished job.
    func runResponse(origin: String, at now: Date) -> JSONValue {
        var object: JSONObject = [
            "id": .string(id), "object": "job", "status": .string(status(at: now).rawValue),
            "model": .string(subject.id),
        ]
        object["output"] = output(origin: origin)
        object["error"] = .optional(errorMessage)
        object["credits_charged"] = .int(cost)
        object["created_at"] = Timestamp.json(createdAt)
        object["completed_at"] = Timestamp.json(completedAt)
        return .object(object)
    }

    /// `POST /models/run` or `POST /apps/run` answered 202: the job as it was
    /// accepted. Its status is the one at `createdAt`, not at the moment the
    /// answer is written, so a loaded server does not skip `pending`.
    func acceptedResponse() -> JSONValue {
        var object: JSONObject = ["id": .string(id), "object": "job", "status": .string(status(at: createdAt).rawValue)]
        switch subject {
        case .model(let model):
            object["model"] = .string(model.id)
        case .app(let app):
            object["run_type"] = "app"
            object["app_id"] = .string(app.id)
            object["app_name"] = .string(app.name)
        }
        object["credits_charged"] = .int(cost)
        object["created_at"] = Timestamp.json(createdAt)
        return .object(object)
    }

    /// The job record of `GET /jobs` (`detailed: false`) and `GET /jobs/{id}`
    /// (`detailed: true`, which adds `object` and `webhook_delivered`).
    func record(origin: String, at now: Date, detailed: Bool) -> JSONValue {
        var object: JSONObject = ["id": .string(id)]
        if detailed { object["object"] = "job" }
        switch subject {
        case .model(let model):
            object["run_type"] = "model"
            object["model_id"] = .string(model.id)
            object["app_id"] = .null
        case .app(let app):
            object["run_type"] = "app"
            object["model_id"] = .null
            object["app_id"] = .string(app.id)
        }
        object["status"] = .string(status(at: now).rawValue)
        object["input_data"] = inputData
        object["output_data"] = output(origin: origin)
        object["error_message"] = .optional(errorMessage)
        object["credits_charged"] = .int(cost)
        object["created_at"] = Timestamp.json(createdAt)
        object["completed_at"] = Timestamp.json(completedAt)
        if detailed { object["webhook_delivered"] = .bool(webhookDelivered) }
        return .object(object)
    }

    /// `POST /jobs/{id}/cancel` answered 200.
    func cancelResponse() -> JSONValue {
        ["id": .string(id), "object": "job", "status": "cancelled", "cancelled_at": Timestamp.json(cancelledAt)]
    }

    /// The webhook body for a job that completed or failed; nil otherwise.
    func webhookEvent(origin: String) -> JSONValue? {
        let event: String
        switch ending {
        case .completed: event = "job.completed"
        case .failed: event = "job.failed"
        case .cancelled, nil: return nil
        }
        return [
            "event": .string(event),
            "job": [
                "id": .string(id),
                "status": .string(ending?.status.rawValue ?? ""),
                "output": output(origin: origin),
                "error": .optional(errorMessage),
                "completed_at": Timestamp.json(completedAt),
            ],
        ]
    }
}
