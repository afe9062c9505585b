import ArmoxAPI

extension Value {
    /// The form `print` shows people: scalars bare, a list of scalars one per
    /// line, objects as `key: value` lines, a job as a short summary.
    public var readable: String { readable(colour: false) }

    /// `readable`, with a job's status in its colour when `colour` is on.
    public func readable(colour: Bool) -> String {
        switch self {
        case .list(let items):
            if items.isEmpty { return "(empty list)" }
            if items.allSatisfy(\.isScalar) { return items.map(\.text).joined(separator: "\n") }
            return items.map { $0.readable(colour: colour) }.joined(separator: "\n")
        case .object(let fields):
            if fields.isEmpty { return "(empty object)" }
            return fields.keys.sorted().map { key in
                let value = fields[key]!
                if value.isScalar { return "\(key): \(value.text)" }
                return "\(key): \(value.jsonText())"
            }.joined(separator: "\n")
        case .job(let job):
            return Value.summary(of: job, colour: colour)
        default:
            return text
        }
    }

    var isScalar: Bool {
        switch self {
        case .list, .object, .job: return false
        default: return true
        }
    }

    /// `job 3f2a…  completed  google/nano-banana  70 credits`, then its outputs
    /// (or text, or error) indented below.
    static func summary(of job: Job, colour: Bool = false) -> String {
        let status = Tint.status(job.status.rawValue)?.apply(job.status.rawValue, when: colour) ?? job.status.rawValue
        var head = ["job \(job.id)", status]
        if let model = job.model ?? job.appName ?? job.appID { head.append(model) }
        if let credits = job.creditsCharged { head.append("\(credits) credits") }
        var lines = [head.joined(separator: "  ")]
        if let error = job.error, !error.isEmpty { lines.append("  " + Tint.red.apply("error:", when: colour) + " \(error)") }
        let urls = job.outputURLs
        if !urls.isEmpty {
            lines += urls.map { "  \($0)" }
        } else if let text = job.outputText {
            lines.append("  " + text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  "))
        }
        return lines.joined(separator: "\n")
    }
}
