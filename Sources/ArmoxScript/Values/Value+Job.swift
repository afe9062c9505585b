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
        var fields: [String: Value] = [:]
        for name in jobFields {
            fields[name] = jobField(job, name)
        }
        return .object(fields)
    }

    /// One field of a job, computed alone (`$hero.status` in a loop does not
    /// build the whole object); nil when the job has no such field.
    static func jobField(_ job: Job, _ name: String) -> Value? {
        func text(_ value: String?) -> Value { value.map(Value.string) ?? .null }
        switch name {
        case "id": return .string(job.id)
        case "status": return .string(job.status.rawValue)
        case "model": return text(job.model)
        case "app_id": return text(job.appID)
        case "app_name": return text(job.appName)
        case "output": return text(job.outputURLs.first ?? job.outputText)
        case "outputs": return .list(job.outputURLs.map(Value.string))
        case "text": return text(job.outputText)
        case "error": return text(job.error)
        case "credits", "credits_charged": return job.creditsCharged.map { .number(Number($0)) } ?? .null
        case "created_at": return text(job.createdAt)
        case "completed_at": return text(job.completedAt)
        case "cancelled_at": return text(job.cancelledAt)
        case "run_type": return text(job.runType)
        case "input": return job.input.map(Value.init) ?? .null
        case "output_data": return job.output.map(Value.init) ?? .null
        default: return nil
        }
    }
}
