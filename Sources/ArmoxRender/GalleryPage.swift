/// `gallery`: one self-contained HTML page of outputs, a card each (the
/// image, a video or audio player, a link for 3D; the prompt, model,
/// settings, credits, status and time; a failed job's error).
///
/// The page holds no script and fetches nothing but the outputs: its CSS is
/// inline, and a Content-Security-Policy says so to the browser, so even a
/// string that escaped escaping could not run. Every text (a prompt, a
/// server's id, status or error) is HTML-escaped; a media address is given
/// by the caller already made safe (see `GalleryCard.Media`).
public enum GalleryPage {
    /// Marks a page armox wrote: `gallery` replaces only such a file.
    public static let generator = #"<meta name="generator" content="armox gallery">"#

    public static func html(title: String, subtitle: String, cards: [GalleryCard]) -> String {
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            \(generator)
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src http: https: file: data:; media-src http: https: file:; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escaped(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header><h1>\(escaped(title))</h1><p>\(escaped(subtitle))</p></header>
            <main>

            """
        if cards.isEmpty { page += "<p class=\"empty\">No jobs to show.</p>\n" }
        for card in cards { page += html(card) }
        page += "</main>\n</body>\n</html>\n"
        return page
    }

    static func html(_ card: GalleryCard) -> String {
        var html = "<article class=\"card \(card.failed ? "failed" : "")\" id=\"\(escaped(card.id))\">\n"
        if card.media.isEmpty {
            html += "<div class=\"media none\">\(escaped(card.failed ? "no output" : "no output yet"))</div>\n"
        }
        for media in card.media {
            switch media {
            case .image(let src):
                html += "<a class=\"media\" href=\"\(escaped(src))\"><img src=\"\(escaped(src))\" alt=\"\(escaped(card.prompt ?? card.id))\" loading=\"lazy\"></a>\n"
            case .video(let src):
                html += "<video class=\"media\" controls preload=\"metadata\" src=\"\(escaped(src))\"></video>\n"
            case .audio(let src):
                html += "<div class=\"media sound\"><audio controls preload=\"metadata\" src=\"\(escaped(src))\"></audio></div>\n"
            case .link(let src, let label):
                html += "<div class=\"media none\"><a href=\"\(escaped(src))\">\(escaped(label))</a></div>\n"
            case .text(let text):
                html += "<div class=\"media none\">\(escaped(text))</div>\n"
            }
        }
        html += "<div class=\"about\">\n"
        if let prompt = card.prompt { html += "<p class=\"prompt\">\(escaped(prompt))</p>\n" }
        if let error = card.error { html += "<p class=\"error\">\(escaped(error))</p>\n" }
        html += "<dl>\n"
        var rows: [(String, String)] = [("model", card.model), ("status", card.status)]
        if let credits = card.credits { rows.append(("credits", credits)) }
        if let time = card.time { rows.append(("time", time)) }
        rows.append(("job", card.id))
        rows += card.settings
        for (key, value) in rows {
            html += "<dt>\(escaped(key))</dt><dd class=\"\(key == "status" ? "status " + statusClass(value) : "")\">\(escaped(value))</dd>\n"
        }
        html += "</dl>\n</div>\n</article>\n"
        return html
    }

    /// A status as a class name: one of the known ones, else `other`.
    static func statusClass(_ status: String) -> String {
        ["completed", "failed", "cancelled", "pending", "processing"].contains(status) ? status : "other"
    }

    /// Text made safe for HTML text and double- or single-quoted attributes.
    /// Control characters (but tab and line breaks) become U+FFFD.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    static let style = """
        body{margin:0;font:14px/1.4 system-ui,sans-serif;background:#f4f4f2;color:#1d1d1b}\
        header{padding:16px 24px;background:#1d1d1b;color:#f4f4f2}header h1{margin:0;font-size:20px}\
        header p{margin:4px 0 0;opacity:.75}\
        main{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:16px;padding:24px}\
        .card{background:#fff;border-radius:8px;overflow:hidden;box-shadow:0 1px 3px rgba(0,0,0,.15);display:flex;flex-direction:column}\
        .card.failed{outline:2px solid #c62828}\
        .media{display:block;box-sizing:border-box;width:100%;background:#e8e8e4}\
        .media img,video.media{display:block;width:100%;height:auto;max-height:360px;object-fit:contain;background:#e8e8e4}\
        .media.none{padding:48px 12px;text-align:center;color:#666;word-break:break-all}\
        .media.sound{padding:24px 12px}.media.sound audio{width:100%}\
        .about{padding:12px}.prompt{margin:0 0 8px;font-weight:600;white-space:pre-wrap;word-break:break-word}\
        .error{margin:0 0 8px;color:#c62828;white-space:pre-wrap;word-break:break-word}\
        dl{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;margin:0;font-size:12px;color:#444}\
        dt{color:#888}dd{margin:0;word-break:break-all}\
        .status.completed{color:#2e7d32}.status.failed,.status.cancelled{color:#c62828}\
        .empty{grid-column:1/-1;color:#666}
        """
}

/// One job on the gallery page.
public struct GalleryCard: Sendable {
    /// What shows a job's output; each address is one the page may load
    /// (http, https, or a file path relative to the page): the caller
    /// never passes a server's `javascript:` or other scheme here.
    public enum Media: Sendable {
        case image(String)
        case video(String)
        case audio(String)
        /// A 3D model, or anything a browser cannot show inline.
        case link(String, label: String)
        /// An output that is text, or an address the page will not load.
        case text(String)
    }

    public var id: String
    public var media: [Media]
    public var prompt: String?
    public var model: String
    public var settings: [(String, String)]
    public var credits: String?
    public var status: String
    public var time: String?
    public var error: String?

    public init(
        id: String, media: [Media], prompt: String?, model: String, settings: [(String, String)], credits: String?,
        status: String, time: String?, error: String?
    ) {
        self.id = id
        self.media = media
        self.prompt = prompt
        self.model = model
        self.settings = settings
        self.credits = credits
        self.status = status
        self.time = time
        self.error = error
    }

    var failed: Bool { status == "failed" || error != nil }
}
