extension Completer {
    /// A path: the typed word split at its last `/`; that folder listed (as
    /// typed, "" for the working directory: `FileLister` resolves it); its
    /// entries starting with the rest kept (dotfiles only when the rest starts
    /// with `.`). Folders end in `/` and take no space after them; files take one.
    /// `files: false` offers folders alone (`download`'s target, unless `--force`).
    ///
    /// When every candidate needs quotes, all are quoted, so their common
    /// prefix still extends what was typed (`My` → `"My`); when only some do
    /// (a `[` in /usr/bin), only those are, so TAB does not turn a plain path
    /// into a string. A quoted file's terminator closes the string (`"` then a
    /// space), a quoted folder's leaves it open to go on typing a file.
    /// `download`'s folder is its last word, so there a quoted folder closes
    /// its string (with no space after it), and TAB on a closed `"…/"` goes on
    /// into the folder: a line the user ends there must read as a whole one.
    static func paths(_ word: String, files: Bool, _ snapshot: CompletionSnapshot) -> Completion {
        let none = Completion(replacing: word, candidates: [])
        guard let typed = Bareword.typed(word[...]) ?? (files ? nil : closedString(word)) else { return none }
        let text = typed.text
        let folder: String
        let name: String
        if let slash = text.utf8.lastIndex(of: UInt8(ascii: "/")) {
            let split = text.utf8.index(after: slash)
            folder = String(Substring(text.utf8[..<split]))
            name = String(Substring(text.utf8[split...]))
        } else {
            (folder, name) = ("", text)
        }
        guard let entries = snapshot.files.list(folder) else { return none }
        let hidden = name.hasPrefixBytes(".")
        var found: [(path: String, display: String, isDirectory: Bool)] = []
        for entry in entries where entry.name.hasPrefixBytes(name) && entry.name != "." && entry.name != ".." && !entry.name.isEmpty {
            guard hidden || !entry.name.hasPrefixBytes("."), files || entry.isDirectory else { continue }
            let display = entry.name + (entry.isDirectory ? "/" : "")
            found.append((folder + display, display, entry.isDirectory))
        }
        let quote = typed.quoted || (!found.isEmpty && found.allSatisfy { Bareword.needsQuotes($0.path, as: .word) })
        let candidates = found.map { entry in
            var candidate = wordCandidate(entry.path, terminator: entry.isDirectory ? "" : " ", display: entry.display, quote: quote)
            if !files && entry.isDirectory && candidate.text.hasPrefixBytes("\"") { candidate.terminator = "\"" }
            return candidate
        }
        return Completion(replacing: word, candidates: sorted(candidates))
    }

    /// A `"…"` string closed at its last byte, read as if still open: its
    /// text, quoted. nil for anything else (an escaped last quote included).
    static func closedString(_ word: String) -> (text: String, quoted: Bool)? {
        guard word.utf8.count >= 2, word.utf8.last == UInt8(ascii: "\"") else { return nil }
        guard let open = Bareword.typed(Substring(word.utf8.dropLast())), open.quoted else { return nil }
        return open
    }
}
