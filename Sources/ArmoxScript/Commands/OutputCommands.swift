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

    func open(_ invocation: Invocation) async throws -> CommandResult {
        guard let word = invocation.positionals.first else {
            throw ScriptError("open needs a job or URL", hint: "open $hero", at: invocation.location)
        }
        let urls = try outputURLs(from: word.value, at: word.location)
        let value = Value.list(urls.map(Value.string))
        guard let opener = desktopOpener() else {
            return CommandResult(value: value, display: urls.joined(separator: "\n"))
        }
        for url in urls {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: opener)
            process.arguments = [url]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                return CommandResult(value: value, display: urls.joined(separator: "\n"))
            }
        }
        return CommandResult(value: value, display: urls.map { "opened \($0)" }.joined(separator: "\n"))
    }

    /// `xdg-open` when a desktop session is there (DISPLAY or WAYLAND_DISPLAY),
    /// `open` on macOS; nil otherwise (then the URLs are printed).
    func desktopOpener() -> String? {
        #if os(macOS)
        return "/usr/bin/open"
        #else
        let environment = session.environment
        guard environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil else { return nil }
        for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/xdg-open"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
        #endif
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
