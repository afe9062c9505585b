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
    /// space), a quoted folder's leaves it open to go on typing.
    static func paths(_ word: String, files: Bool, _ snapshot: CompletionSnapshot) -> Completion {
        let none = Completion(replacing: word, candidates: [])
        guard let typed = Bareword.typed(word[...]) else { return none }
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
        let candidates = found.map { wordCandidate($0.path, terminator: $0.isDirectory ? "" : " ", display: $0.display, quote: quote) }
        return Completion(replacing: word, candidates: sorted(candidates))
    }
}
