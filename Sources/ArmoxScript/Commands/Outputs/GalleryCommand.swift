import ArmoxAPI
import ArmoxLedger
import ArmoxRender
import Foundation

/// `gallery [file.html] [--open] [--runs=TEXT] [--since=WHEN] [--force]`
enum GalleryCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "gallery", group: .files, synopsis: "gallery [file.html] [--open] [--runs=TEXT] [--since=WHEN] [--force]",
        summary: "Write one HTML page of the session's jobs (or the ledger's runs): a card each, with its output.",
        flags: [
            .init("open", nil, "open the page with the desktop opener"),
            .init("runs", "TEXT", "the ledger's runs whose prompt matches TEXT, from any session"),
            .init("since", "WHEN", "the ledger's runs sent since WHEN (2026-12-01, 3d, 12h)"),
            .init("force", nil, "replace a file armox did not write"),
        ],
        takesKeyValues: false, maxPositionals: 1,
        details: """
            Each card shows the output (the downloaded file where there is one, else its URL: \
            an image, a video or audio player, a link for 3D), the prompt, model, settings, \
            credits, status and time; a failed job shows its error. The page is self-contained: \
            inline CSS, no script, nothing fetched but the outputs. Every text is HTML-escaped. \
            The file defaults to gallery.html; an existing file is replaced only when armox \
            wrote it (or with --force). With --runs or --since the cards are the ledger's \
            runs of this server, newest first (at most 500).
            """,
        examples: ["gallery", "gallery renders/index.html --open", "gallery --runs=fox --since=7d"])

    /// The most cards a page from the ledger holds.
    static let ledgerLimit = 500

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try evaluator.gallery(invocation)
    }

    /// Writes nothing while checking; a bad --since is still an error, and
    /// so is a page that could not be written (a folder, or a file armox did
    /// not write): found before the runs before it are paid for.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        if !invocation.hasWordsKnownOnlyAtRunTime {
            _ = try evaluator.ledgerTime("since", of: invocation)
            let target = evaluator.galleryTarget(invocation)
            try evaluator.checkGalleryTarget(target.path, named: target.typed, force: invocation.has("force"), at: target.location)
        }
        return evaluator.unknownResult(of: invocation)
    }
}

extension Evaluator {
    /// The page's path (as typed, and resolved) and where it was typed.
    func galleryTarget(_ invocation: Invocation) -> (path: String, typed: String, location: SourceLocation) {
        let word = invocation.positionals.first
        let typed = word.map { session.expandingTilde($0.value.text) } ?? "gallery.html"
        let path = typed.hasPrefix("/") ? typed : workingDirectory + "/" + typed
        return (path, typed, word?.location ?? invocation.location)
    }

    func gallery(_ invocation: Invocation) throws -> CommandResult {
        let (path, typed, location) = galleryTarget(invocation)
        let folder = (path as NSString).deletingLastPathComponent
        try checkGalleryTarget(path, named: typed, force: invocation.has("force"), at: location)

        let fromLedger = invocation.has("runs") || invocation.has("since")
        var cards: [GalleryCard] = []
        let subtitle: String
        if fromLedger {
            let ledger = try requireLedger(for: "gallery --runs", at: invocation.location)
            var query = RunQuery(limit: GalleryCommand.ledgerLimit)
            query.text = invocation.flagValue("runs")?.text
            query.since = try ledgerTime("since", of: invocation)
            query.server = ledger.server
            let runs = withLedger { try $0.ledger.runs(query) } ?? []
            for run in runs {
                guard let job = run.job else { continue }
                var files: [String: String] = [:]
                for download in run.downloads { files[download.url] = download.path }
                cards.append(card(for: job, files: files, pageFolder: folder))
            }
            var what = ["from the ledger"]
            if let text = query.text { what.append("matching \"\(text)\"") }
            if let since = query.since { what.append("since \(since)") }
            subtitle = what.joined(separator: " ")
        } else {
            cards = session.ownJobs.map { card(for: $0.job, files: session.downloads, pageFolder: folder) }
            subtitle = "of this session"
        }
        let page = GalleryPage.html(
            title: "armox gallery", subtitle: "\(cards.count) \(cards.count == 1 ? "job" : "jobs") \(subtitle), drawn \(LedgerTime.now())",
            cards: cards)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // Written whole to a temporary file, then renamed: never half a page.
            try Data(keys.scrub(page).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ScriptError("cannot write \(typed): \(error.localizedDescription)", hint: "check the folder and its permissions", at: location)
        }
        var lines = ["wrote \(typed): \(cards.count) \(cards.count == 1 ? "card" : "cards")"]
        if invocation.has("open") {
            let url = URL(fileURLWithPath: path).absoluteString
            if let opener = host.opener, let program = opener.program(in: session.environment) {
                do {
                    try opener.start(program, on: url, environment: session.environment)
                    lines.append("handed to \((program as NSString).lastPathComponent): \(url)")
                } catch {
                    lines.append("could not start \(program) (\(error.localizedDescription)): \(url)")
                }
            } else {
                lines.append("no desktop opener here; open it in a browser: \(url)")
            }
        }
        return CommandResult(value: .string(path), presentation: .lines(lines))
    }

    /// A file there that armox did not write is replaced only with `--force`.
    func checkGalleryTarget(_ path: String, named name: String, force: Bool, at location: SourceLocation) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        if isFolder.boolValue {
            throw ScriptError("\(name) is a folder", hint: "name the page: gallery \(name)/index.html", at: location)
        }
        guard !force else { return }
        let head = FileHandle(forReadingAtPath: path).flatMap { handle in
            defer { try? handle.close() }
            return try? handle.read(upToCount: 4096)
        } ?? Data()
        guard String(decoding: head, as: UTF8.self).contains(GalleryPage.generator) else {
            throw ScriptError(
                "\(name) exists and is not a gallery armox wrote", hint: "choose another file, or replace it with --force", at: location)
        }
    }

    /// A job's card: its outputs as the page may show them, and what it was run with.
    func card(for job: Job, files: [String: String], pageFolder: String) -> GalleryCard {
        let modality = job.model.flatMap { id in session.catalogue?.first { $0.id == id }?.modality }
        var media: [GalleryCard.Media] = job.outputURLs.map { url in
            let local = files[url].flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
            guard let source = local.map({ Self.pageAddress(ofFile: $0, from: pageFolder) }) ?? Self.loadable(url) else {
                return .text(url)
            }
            switch OutputKind.guessed(fromURL: local ?? url) {
            case .image: return .image(source)
            case .video: return .video(source)
            case .audio: return .audio(source)
            case .model3D: return .link(source, label: "3D model: \(DownloadName.fromURL(url))")
            case .unknown:
                switch modality {
                case "image": return .image(source)
                case "video": return .video(source)
                case "audio": return .audio(source)
                default: return .link(source, label: DownloadName.fromURL(url))
                }
            }
        }
        if media.isEmpty, let text = job.outputText { media = [.text(text)] }
        var prompt: String?
        var settings: [(String, String)] = []
        if case .object(let input)? = job.input {
            for key in input.keys.sorted() {
                guard let value = input[key] else { continue }
                if key == "prompt", let text = value.stringValue {
                    prompt = text
                } else {
                    settings.append((key, value.stringValue ?? Value(value).jsonText()))
                }
            }
        }
        let time = (job.completedAt ?? job.createdAt).map { Evaluator.shortTime($0) }
        return GalleryCard(
            id: job.id, media: media, prompt: prompt, model: job.model ?? job.appName ?? job.appID ?? "?", settings: settings,
            credits: job.creditsCharged.map { "\($0)" }, status: job.status.rawValue, time: time, error: job.error)
    }

    /// An output URL the page may load (http or https), else nil: a
    /// server's `javascript:` or `file:` address is shown as text.
    static func loadable(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        return url
    }

    /// A saved file as the page names it: relative to the page's folder
    /// when inside it (the folder can move), else a `file:` URL; either
    /// way percent-encoded.
    static func pageAddress(ofFile path: String, from folder: String) -> String {
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        if path.hasPrefix(base) {
            let relative = String(path.dropFirst(base.count))
            return relative.split(separator: "/", omittingEmptySubsequences: false).map { segment in
                String(segment).addingPercentEncoding(withAllowedCharacters: .galleryPathSegment) ?? "_"
            }.joined(separator: "/")
        }
        return URL(fileURLWithPath: path).absoluteString
    }
}

extension CharacterSet {
    /// What a path segment in the page's `src` keeps as is.
    static let galleryPathSegment: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "/?#;:")
        return set
    }()
}
