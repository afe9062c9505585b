import ArmoxAPI

extension Value {
    /// The fields a job value has, in the order `print` shows them.
    public static let jobFields = [
        "id", "status", "model", "app_id", "app_name", "output", "outputs", "text", "error", "credits",
        "created_at", "completed_at", "cancelled_at", "run_type", "input", "output_data",
    ]

    /// A job as an object with stable field names (the `--json` shape of a job):
    /// `id`, `status`, `model`, `outputs` (every output URL), `output` (the
    /// first, or a text model's text), `error`, `credits`, timestamps, and the
    /// raw `output_data`.
    static func jobObject(_ job: Job) -> Value {
        var fields: [String: Value] = [
            "id": .string(job.id),
            "status": .string(job.status.rawValue),
            "model": job.model.map(Value.string) ?? .null,
            "outputs": .list(job.outputURLs.map(Value.string)),
            "output": (job.outputURLs.first ?? job.outputText).map(Value.string) ?? .null,
            "error": job.error.map(Value.string) ?? .null,
            "credits": job.creditsCharged.map { .number(Number($0)) } ?? .null,
        ]
        let optional: [(String, String?)] = [
            ("app_id", job.appID), ("app_name", job.appName), ("text", job.outputText),
            ("created_at", job.createdAt), ("completed_at", job.completedAt),
            ("cancelled_at", job.cancelledAt), ("run_type", job.runType),
        ]
        for (key, value) in optional {
            fields[key] = value.map(Value.string) ?? .null
        }
        fields["input"] = job.input.map(Value.init) ?? .null
        fields["output_data"] = job.output.map(Value.init) ?? .null
        return .object(fields)
    }

    /// One field of a job; nil when the job has no such field.
    static func jobField(_ job: Job, _ name: String) -> Value? {
        guard jobFields.contains(name) || name == "credits_charged" else { return nil }
        guard case .object(let fields) = jobObject(job) else { return nil }
        return fields[name == "credits_charged" ? "credits" : name]
    }
}
