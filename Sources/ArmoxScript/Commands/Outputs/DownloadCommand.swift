import ArmoxAPI
import Foundation

/// `download <job|id|url|list|all> [dir-or-file] [--name=TEMPLATE] [--force]`
enum DownloadCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "download", group: .files, synopsis: "download <job|id|url|list|all> [dir-or-file] [--name=TEMPLATE] [--force]",
        summary: "Save outputs to disk. Never leaves a partial file, never writes outside the named folder.",
        flags: [
            .init("name", "TEMPLATE", "name each file: {id} {n} {model} {prompt} {date} {ext}"),
            .init("force", nil, "overwrite files that exist"),
        ],
        takesKeyValues: false, maxPositionals: 2,
        details: """
            A job's outputs are named after it: the job id, the output's number when it has
            several, the URL's extension (job_ab12-2.png); a URL no session job made keeps its
            last path segment. Names are made safe. Several outputs go into a folder (created if
            missing); one output may be given a file name (its folders are created).
            download all saves every finished output of the session not downloaded yet.
            --name=TEMPLATE names each file in the folder from its job: {id}, {n} (the output's
            number), {model} (slashes made -), {prompt} (a slug of at most 40 characters),
            {date} (the job's day), {ext}; whatever the prompt holds, a name stays one entry
            of the folder.
            """,
        examples: [
            "download $hero", "download $hero renders/", "download job_ab12 renders/", "download $output cover.png --force",
            "download all renders/ --name={date}-{model}-{prompt}-{n}.{ext}",
        ])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.download(invocation)
    }

    /// Fetches nothing, but refuses what the download would refuse before fetching.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        try await evaluator.checkDownload(invocation)
        return evaluator.unknownResult(of: invocation)
    }
}

extension DownloadCommand {
    /// `download all`: the bare word, not a variable or string holding it.
    static func isAll(_ word: Invocation.Word) -> Bool {
        word.isBareword && word.value.text == "all"
    }
}

extension Evaluator {
    func download(_ invocation: Invocation) async throws -> CommandResult {
        guard let source = invocation.positionals.first else {
            throw ScriptError("download needs a job or URL", hint: "download $hero renders/", at: invocation.location)
        }
        let template = try downloadTemplate(invocation)
        let all = DownloadCommand.isAll(source)
        // A file name is a file armox writes: it never holds the key, whatever URL a server chose.
        let items = (all ? undownloadedOutputs() : try await outputItems(from: source.value, at: source.location) ?? []).map { item in
            Downloader.Item(url: item.url, name: keys.scrub(template?.name(url: item.url, index: item.index, job: item.jobID.flatMap { session.jobs[$0]?.job })
                ?? item.name ?? DownloadName.fromURL(item.url)), jobID: item.jobID)
        }
        let target = invocation.positionals.count > 1 ? invocation.positionals[1] : nil
        if all, items.isEmpty {
            let saved = session.downloads.count
            return CommandResult(
                value: .list([]), presentation: .lines(["nothing to download: no finished output of this session is left unsaved (\(saved) saved)"]))
        }
        do {
            let files = try await Downloader(client: client).download(
                items, to: target.map { session.expandingTilde($0.value.text) }, force: invocation.has("force"), workingDirectory: workingDirectory,
                saved: { item, file in noteDownload(item, file) })
            let paths = files.map(\.path)
            return CommandResult(value: .list(paths.map(Value.string)), presentation: .lines(paths.map { "saved \($0)" }))
        } catch var error as ScriptError {
            if error.location == nil { error.location = target?.location ?? invocation.location }
            throw error
        } catch let failure as BatchFailure where failure.underlying is ScriptError {
            // A refusal found mid-batch (a file there already) points at the target, as one found first does.
            throw failure.reported(at: target?.location ?? invocation.location, key: client.configuration.apiKey)
        }
    }
}
