import ArmoxAPI
import ArmoxRender
import Foundation

/// `preview <job|url|list>`
enum PreviewCommand: ArmoxCommand {
    static let spec = CommandSpec(
        name: "preview", group: .files, synopsis: "preview <job|url|list>",
        summary: "Show image outputs inline where the terminal can (kitty, iTerm2 and kin); else say how to view them.",
        flags: [], takesKeyValues: false, maxPositionals: 1,
        details: """
            The terminal is told from the environment, never guessed: kitty's graphics protocol
            when TERM is xterm-kitty or xterm-ghostty (or KITTY_WINDOW_ID is set), iTerm2's
            inline images when TERM_PROGRAM is iTerm.app or WezTerm (or LC_TERMINAL is iTerm2).
            Inside tmux or screen, or any other terminal, it says how to view the outputs
            instead (open, download). Images up to 16 MiB are fetched; kitty takes PNG only.
            Video, audio and 3D outputs are named, not shown. When stdout is not a terminal
            (or with --json) it prints the URLs. Returns the URLs.
            """,
        examples: ["preview $hero", "preview $output", "fox = run google/nano-banana \"a red fox\"; preview $fox"])

    static func perform(_ invocation: Invocation, on evaluator: Evaluator) async throws -> CommandResult {
        try await evaluator.preview(invocation)
    }

    /// It would ask the server or change something outside the session: its result is known only at run time.
    static func check(_ invocation: Invocation, on evaluator: Evaluator, plan: RunPlan) async throws -> CommandResult? {
        evaluator.unknownResult(of: invocation)
    }
}

extension Evaluator {
    /// `preview`: image outputs drawn in the terminal through the protocol it
    /// speaks (`InlineImageSupport`); everything else named, with how to view
    /// it. The escape sequences are text like any other output, so they go
    /// through the output sink; they are written only when stdout is a
    /// terminal and the result is not asked for as JSON. Returns the URLs.
    func preview(_ invocation: Invocation) async throws -> CommandResult {
        let (word, urls) = try await namedOutputs(invocation)
        let value = Value.list(urls.map(Value.string))
        let style = outputStyle()
        guard style.stdoutIsTerminal, !json, !invocation.has("json") else { return Self.printed(urls) }
        let reference = Self.reference(to: word)
        let view = "open \(reference) or download \(reference)"
        let support = style.inlineImages
        switch support {
        case .kitty, .iTerm2:
            break
        case .multiplexer(let name):
            let why = "inside \(name) images are not shown inline (\(name) passes them on only when set up to, "
                + "which armox cannot tell); view \(urls.count == 1 ? "it" : "them") with: \(view)"
            return CommandResult(value: value, presentation: .lines([why] + urls))
        case .none:
            let why = "this terminal shows no images inline (kitty, Ghostty, iTerm2 and WezTerm can); "
                + "view \(urls.count == 1 ? "it" : "them") with: \(view)"
            return CommandResult(value: value, presentation: .lines([why] + urls))
        }
        var shown: [Presentation] = []
        for (index, url) in urls.enumerated() {
            do {
                shown.append(try await previewLine(url, support: support, view: view))
            } catch {
                throw urls.count > 1 ? BatchFailure.wrapping(error, note: " (output \(index + 1) of \(urls.count))") : error
            }
        }
        return CommandResult(value: value, presentation: .parts(shown))
    }

    /// Largest image `preview` fetches (the API client's own answer cap).
    static let previewByteLimit = 16 * 1024 * 1024

    /// One output: the image's escape sequence and its URL below it, or a
    /// line saying what it is and how to view it.
    private func previewLine(_ url: String, support: InlineImageSupport, view: String) async throws -> Presentation {
        let guessed = OutputKind.guessed(fromURL: url)
        switch guessed {
        case .video, .audio, .model3D:
            return .line("\(url): \(guessed.described); view it with: \(view)")
        case .image, .unknown:
            break
        }
        var bytes: [UInt8] = []
        do {
            _ = try await client.downloadOutput(
                from: url,
                onResponse: { head in
                    // What the head already rules out is not fetched.
                    if let length = head.contentLength, length > Int64(Self.previewByteLimit) { throw PreviewSkip.tooLarge }
                    let type = head.mediaType ?? ""
                    if type.hasPrefix("video/") { throw PreviewSkip.notAnImage(.video) }
                    if type.hasPrefix("audio/") { throw PreviewSkip.notAnImage(.audio) }
                    if type.hasPrefix("model/") { throw PreviewSkip.notAnImage(.model3D) }
                },
                write: { chunk in
                    guard bytes.count + chunk.count <= Self.previewByteLimit else { throw PreviewSkip.tooLarge }
                    bytes.append(contentsOf: chunk)
                })
        } catch PreviewSkip.notAnImage(let kind) {
            return .line("\(url): \(kind.described); view it with: \(view)")
        } catch PreviewSkip.tooLarge {
            return .line("\(url): larger than preview fetches (16 MiB); view it with: \(view)")
        }
        guard let format = OutputKind.imageFormat(of: bytes) else {
            return .line("\(url): not an image armox knows (PNG, JPEG, GIF, WebP); view it with: \(view)")
        }
        if support == .kitty && format != .png {
            return .line("\(url): a \(format.rawValue) image; kitty's protocol takes PNG only; view it with: \(view)")
        }
        // The URL, a server's text, goes below the image through `TerminalText` as every line does.
        return .parts([.image(bytes, name: DownloadName.fromURL(url)), .line(url)])
    }

    /// How the user can name the outputs again: the variable as written
    /// (`$hero`, `$clip.outputs[0]`), else the job's id, else the URL.
    static func reference(to word: Invocation.Word) -> String {
        if case .variable(let path) = word.expression.kind { return path.text }
        switch word.value {
        case .job(let job): return job.id
        case .string(let text): return text
        default: return "$_"
        }
    }
}

/// Why `preview` stopped fetching an output early (the body is abandoned).
private enum PreviewSkip: Error {
    case notAnImage(OutputKind)
    case tooLarge
}
