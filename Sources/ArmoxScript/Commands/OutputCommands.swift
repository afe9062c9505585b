import ArmoxAPI
import Foundation

extension Evaluator {
    /// Output URLs from a job, a URL, or a list of them.
    func outputURLs(from value: Value, at location: SourceLocation) throws -> [String] {
        switch value {
        case .job(let stored):
            let job = session.latest(stored)
            guard !job.outputURLs.isEmpty else {
                throw ScriptError(
                    "job \(job.id) has no output URLs (status \(job.status.rawValue))",
                    hint: job.status.isTerminal ? nil : "wait for it first: wait \(job.id)", at: location)
            }
            return job.outputURLs
        case .string(let text) where text.hasPrefix("http://") || text.hasPrefix("https://"):
            return [text]
        case .list(let items):
            return try items.flatMap { try outputURLs(from: $0, at: location) }
        default:
            throw ScriptError(
                "\(value.named) is not a job or an output URL",
                hint: "give a job ($hero), a URL ($output) or a list of them", at: location)
        }
    }

    func download(_ invocation: Invocation) async throws -> CommandResult {
        guard let source = invocation.positionals.first else {
            throw ScriptError("download needs a job or URL", hint: "download $hero renders/", at: invocation.location)
        }
        let urls = try outputURLs(from: source.value, at: source.location)
        let target = invocation.positionals.count > 1 ? invocation.positionals[1] : nil
        do {
            let paths = try await Downloader(client: client).download(
                urls, to: target?.value.text, force: invocation.has("force"), workingDirectory: workingDirectory)
            return CommandResult(value: .list(paths.map(Value.string)), display: paths.map { "saved \($0)" }.joined(separator: "\n"))
        } catch var error as ScriptError {
            if error.location == nil { error.location = target?.location ?? invocation.location }
            throw error
        }
    }

    /// `open`: each output handed to the desktop opener (see `DesktopOpener`),
    /// or, with none, the URLs printed for the user to take elsewhere. It
    /// returns the URLs either way.
    func open(_ invocation: Invocation) async throws -> CommandResult {
        guard let word = invocation.positionals.first else {
            throw ScriptError("open needs a job or URL", hint: "open $hero", at: invocation.location)
        }
        let urls = try outputURLs(from: word.value, at: word.location)
        let value = Value.list(urls.map(Value.string))
        guard let opener = DesktopOpener.find(in: session.environment) else {
            return CommandResult(value: value, display: urls.joined(separator: "\n"))
        }
        var lines: [String] = []
        for (index, url) in urls.enumerated() {
            do {
                try opener.start(url, environment: session.environment)
                lines.append("handed to \(opener.name): \(url)")
            } catch {
                // The rest are printed: the user can still take them elsewhere.
                lines.append("could not start \(opener.path) (\(error.localizedDescription)); the URL\(urls.count - index > 1 ? "s" : ""):")
                lines += urls[index...]
                break
            }
        }
        return CommandResult(value: value, display: lines.joined(separator: "\n"))
    }

    func account(_ invocation: Invocation) async throws -> CommandResult {
        let account = try await client.account()
        var lines = ["credits: \(account.credits)"]
        if let plan = account.subscription { lines.append("plan: \(plan)") }
        if let used = account.creditsUsedLast30Days { lines.append("credits used (30 days): \(used)") }
        if let requests = account.requestsLast30Days { lines.append("requests (30 days): \(requests)") }
        if let jobs = account.totalJobs { lines.append("jobs: \(jobs)") }
        if let keys = account.activeKeys { lines.append("active keys: \(keys)") }
        return CommandResult(value: Value.encoding(account), display: lines.joined(separator: "\n"))
    }
}
