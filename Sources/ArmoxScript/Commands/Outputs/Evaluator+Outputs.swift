import ArmoxAPI
import Foundation

extension Evaluator {
    /// The outputs a value names, each with its default file name: a job's
    /// outputs (named after the job, see `DownloadName.forOutput`), a job id
    /// (the session's job, else asked of the server), an output URL (named
    /// after the session's job that made it, if one did), or a list of them.
    /// Nil while checking when the outputs are known only at run time.
    func outputItems(from value: Value, at location: SourceLocation) async throws -> [Downloader.Item]? {
        if plan != nil, value.isKnownOnlyAtRunTime { return nil }
        switch value {
        case .job(let stored):
            return try items(of: stored.job, at: location)
        case .string(let text) where MediaInputs.isURL(text):
            let maker = session.jobs.values.lazy.map(\.job).first { $0.outputURLs.contains(text) }
            let name = maker.flatMap { job in
                job.outputURLs.firstIndex(of: text).map { DownloadName.forOutput(of: job.id, url: text, index: $0, count: job.outputURLs.count) }
            }
            return [Downloader.Item(url: text, name: name, jobID: maker?.id, index: maker?.outputURLs.firstIndex(of: text) ?? 0)]
        case .string(let id) where Self.looksLikeJobID(id):
            if let known = session.jobs[id] { return try items(of: known.job, at: location) }
            // Checking asks the server nothing about jobs.
            guard plan == nil else { return nil }
            let job: Job
            do {
                job = try await fetchJob(id: id)
            } catch ArmoxError.api(let error) where error.status == 404 {
                throw ScriptError(
                    "no job \(id): the server does not know it (\(error.message))",
                    hint: "give a job ($hero), a job id from jobs, a URL or a list of them", at: location, exitStatus: .apiError)
            }
            keep(job)
            return try items(of: job, at: location)
        case .list(let values):
            var all: [Downloader.Item] = []
            for item in values {
                guard let items = try await outputItems(from: item, at: location) else { return nil }
                all += items
            }
            return all
        default:
            throw ScriptError(
                "\(value.named) is not a job or an output URL",
                hint: "give a job ($hero), a job id, a URL ($output) or a list of them", at: location)
        }
    }

    private func items(of job: Job, at location: SourceLocation) throws -> [Downloader.Item] {
        let urls = job.outputURLs
        guard !urls.isEmpty else {
            throw ScriptError(
                "job \(job.id) has no output URLs (status \(job.status.rawValue))",
                hint: job.status.isTerminal ? nil : "wait for it first: wait \(job.id)", at: location)
        }
        return urls.enumerated().map { index, url in
            Downloader.Item(
                url: url, name: DownloadName.forOutput(of: job.id, url: url, index: index, count: urls.count), jobID: job.id, index: index)
        }
    }

    /// A word taken as a job id where a job's outputs are wanted: one word,
    /// no path (`job_ab12…`, a UUID); `photo.png` is a file, not a job.
    static func looksLikeJobID(_ text: String) -> Bool {
        !text.isEmpty && !text.contains(where: { $0.isWhitespace || $0 == "/" || $0 == "." })
    }

    /// The outputs `open` or `preview` is given: its first word, and the URLs it names.
    func namedOutputs(_ invocation: Invocation) async throws -> (word: Invocation.Word, urls: [String]) {
        guard let word = invocation.positionals.first else {
            throw ScriptError("\(invocation.name) needs a job or URL", hint: "\(invocation.name) $hero", at: invocation.location)
        }
        return (word, try await outputURLs(from: word.value, at: word.location))
    }

    /// The URLs as the result, one a line for the user to take elsewhere.
    static func printed(_ urls: [String]) -> CommandResult {
        CommandResult(value: .list(urls.map(Value.string)), presentation: .lines(urls))
    }

    /// Output URLs from a job, a job id, a URL, or a list of them.
    func outputURLs(from value: Value, at location: SourceLocation) async throws -> [String] {
        try await outputItems(from: value, at: location)?.map(\.url) ?? []
    }

    /// `download` while checking: fetches nothing, but refuses what the
    /// download would refuse before fetching (a file there already, a
    /// target that cannot be). Outputs known only at run time leave only a
    /// file target to check.
    /// `--name=TEMPLATE`, parsed (an unknown placeholder is an error before anything is fetched).
    func downloadTemplate(_ invocation: Invocation) throws -> DownloadTemplate? {
        guard let (value, location) = invocation.flags["name"] else { return nil }
        guard let value, !value.isKnownOnlyAtRunTime || plan == nil else {
            if value == nil { throw ScriptError("--name needs a template", hint: "--name={model}-{n}.{ext}", at: location) }
            return nil
        }
        return try DownloadTemplate(value.text, at: location)
    }

    /// `download all`: every output of the session's own finished jobs not
    /// yet saved, in the order the jobs were started.
    func undownloadedOutputs() -> [Downloader.Item] {
        session.ownJobs.map(\.job).filter { $0.status == .completed }.flatMap { job in
            job.outputURLs.enumerated().compactMap { index, url in
                session.downloads[url] == nil
                    ? Downloader.Item(
                        url: url, name: DownloadName.forOutput(of: job.id, url: url, index: index, count: job.outputURLs.count),
                        jobID: job.id, index: index)
                    : nil
            }
        }
    }

    func checkDownload(_ invocation: Invocation) async throws {
        guard let source = invocation.positionals.first else { return }
        _ = try downloadTemplate(invocation)
        let target = invocation.positionals.count > 1 ? invocation.positionals[1] : nil
        if let target, target.value.isKnownOnlyAtRunTime { return }
        let force = invocation.has("force")
        // `download all`: which outputs there will be is known when it runs.
        if DownloadCommand.isAll(source) { return }
        do {
            if let items = try await outputItems(from: source.value, at: source.location) {
                _ = try Downloader.check(items, to: target.map { session.expandingTilde($0.value.text) }, force: force, workingDirectory: workingDirectory)
            } else if let text = target.map({ session.expandingTilde($0.value.text) }), !text.hasSuffix("/"), Downloader.isFileTarget(text, workingDirectory: workingDirectory) {
                // Only the target is checked: any URL stands for the output to come.
                _ = try Downloader.check([Downloader.Item(url: "https://output.invalid/output")], to: text, force: force, workingDirectory: workingDirectory)
            }
        } catch var error as ScriptError {
            if error.location == nil { error.location = target?.location ?? invocation.location }
            throw error
        }
    }

}
