import ArmoxAPI
import ArmoxRender

extension Value {
    /// The form `print` shows people: scalars bare, a list of scalars one per
    /// line, objects as `key: value` lines, a job as a short summary.
    ///
    /// Scalars print exactly as the value holds them (a user's own escape
    /// sequences are theirs to write); objects and jobs are armox's layout of
    /// what is mostly a server's data, each line shown through `TerminalText`.
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
                return TerminalText.printable("\(key): " + (value.isScalar ? value.text : value.jsonText()))
            }.joined(separator: "\n")
        case .job(let job):
            return Value.summary(of: job.job, colour: colour)
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
    /// (or text, or error) indented below. Every server string is shown
    /// through `TerminalText`; a text output keeps its line breaks.
    static func summary(of job: Job, colour: Bool = false) -> String {
        let safe = { (text: String) in TerminalText.printable(text) }
        let status = safe(job.status.rawValue)
        var head = ["job \(safe(job.id))", Tint.status(status)?.apply(status, when: colour) ?? status]
        if let model = job.model ?? job.appName ?? job.appID { head.append(safe(model)) }
        if let credits = job.creditsCharged { head.append("\(credits) credits") }
        var lines = [head.joined(separator: "  ")]
        if let error = job.error, !error.isEmpty { lines.append("  " + Tint.red.apply("error:", when: colour) + " \(safe(error))") }
        let urls = job.outputURLs
        if !urls.isEmpty {
            lines += urls.map { "  \(safe($0))" }
        } else if let text = job.outputText {
            lines.append("  " + text.split(separator: "\n", omittingEmptySubsequences: false).map { safe(String($0)) }.joined(separator: "\n  "))
        }
        return lines.joined(separator: "\n")
    }
}
