import ArmoxAPI
import ArmoxScript

/// Tab completion as a pure function of the line, the cursor and a snapshot
/// of the session: no terminal, no network, no evaluator.
///
/// Only the text before the cursor matters. What completes where:
/// - the first word of a statement (after `;`, a line break, `{`, `}`, or the
///   third word of `x = cmd …`): command names, and `for`, `if`, `else`;
/// - a word starting with `$` anywhere a value goes (and the value of
///   `key=$…`, `--flag=$…`): variables and their fields (`Completer+Variables`);
/// - `--…`: the command's flags; after `models --modality=`, the modalities;
/// - the arguments of each command (`Completer+Arguments`, `+Models`, `+Paths`).
/// Nothing completes in a comment or a `'…'` string; inside `"…"` only
/// `$name` and `${path`.
///
/// `Completion.replacing` is always a suffix of the text before the cursor:
/// the word typed so far, except after `key=` (and `--flag=`), where it is the
/// value part only, so candidates for `aspect_ratio=16` are `16:9`, not
/// `aspect_ratio=16:9`. Every candidate starts with `replacing` unless it had to
/// be quoted (`Sketch` → `"Sketch to Render`), matched an app's name
/// case-insensitively, or goes into a closed `"…/"` folder (`download`'s target).
///
/// Quoting follows the lexer's bareword rules (`Bareword`): a candidate that
/// would not read back as itself (a space, `;`, quotes, brackets or braces in
/// it, a leading `$` or `#`, a trailing `\`, or a word that would read as a
/// `--flag`, `key=value` or operator) is written as an open `"…` string whose
/// sole-candidate terminator closes it (`"` then a space). Once the user has
/// opened a `"`, every candidate stays quoted. `16:9` and URLs stay bare.
public enum Completer {
    public static func complete(_ line: String, cursor: Int, in snapshot: CompletionSnapshot) -> Completion {
        let typed = TypedLine(textBefore(line, cursor: cursor))
        let word = typed.word
        switch typed.place {
        case .comment, .singleQuoted:
            return Completion(replacing: word, candidates: [])
        case .doubleQuoted(_, let triple):
            if let tail = typed.interpolationTail() {
                return Completion(replacing: tail, candidates: variables(tail, inString: true, snapshot))
            }
            if triple || typed.inList { return Completion(replacing: word, candidates: []) }
        case .code:
            break
        }
        if word.hasPrefixBytes("$") {
            return Completion(replacing: word, candidates: variables(word, inString: false, snapshot))
        }
        if let (_, value) = Bareword.keyValue(word) ?? flagValue(word), value.hasPrefixBytes("$") {
            let value = String(value)
            return Completion(replacing: value, candidates: variables(value, inString: false, snapshot))
        }
        if typed.inList { return Completion(replacing: word, candidates: []) }
        return statement(typed.words, word: word, snapshot)
    }

    /// The bytes of `line` before `cursor` (a UTF-8 offset), the cursor clamped
    /// to the line and moved back to the start of a scalar it falls inside.
    static func textBefore(_ line: String, cursor: Int) -> [UInt8] {
        let bytes = Array(line.utf8)
        var end = min(max(cursor, 0), bytes.count)
        while end > 0 && end < bytes.count && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return Array(bytes[..<end])
    }

    /// The word at its place in the statement: a command, or an argument of one.
    static func statement(_ words: [String], word: String, _ snapshot: CompletionSnapshot) -> Completion {
        if words.isEmpty { return commandNames(word, keywords: true, snapshot) }
        if words.count == 2 && words[1] == "=" { return commandNames(word, keywords: false, snapshot) }
        if words == ["else"] { return Completion(replacing: word, candidates: "if".hasPrefixBytes(word) ? [Candidate("if")] : []) }
        if ["for", "if", "else"].contains(words[0]) { return Completion(replacing: word, candidates: []) }
        let assigned = words.count >= 3 && words[1] == "="
        let name = assigned ? words[2] : words[0]
        guard let spec = snapshot.commands.first(where: { $0.name == name }) else {
            return Completion(replacing: word, candidates: [])
        }
        let line = Arguments(assigned ? words.dropFirst(3) : words.dropFirst())
        if Bareword.isFlag(word) || word == "--" { return flags(of: spec, word, line, snapshot) }
        return arguments(of: spec, word, line, snapshot)
    }

    /// Command names (and `for`, `if`, `else` where a statement may start).
    static func commandNames(_ word: String, keywords: Bool, _ snapshot: CompletionSnapshot) -> Completion {
        var names = snapshot.commands.map(\.name)
        if keywords { names += ["for", "if", "else"] }
        return Completion(replacing: word, candidates: sorted(names.filter { $0.hasPrefixBytes(word) }.map { Candidate($0) }))
    }

    /// `--name` (a switch, then a space) or `--name=` (it takes a value); after
    /// `--modality=` of `models`, the catalogue's modalities.
    static func flags(of spec: CommandSpec, _ word: String, _ line: Arguments, _ snapshot: CompletionSnapshot) -> Completion {
        if let (name, value) = flagValue(word) {
            guard spec.name == "models", name == "modality" else { return Completion(replacing: String(value), candidates: []) }
            let typed = String(value)
            let matches = snapshot.catalogue.modalities.filter { $0.hasPrefixBytes(typed) }
            return Completion(replacing: typed, candidates: sorted(matches.map { Candidate($0) }))
        }
        let candidates = spec.allFlags.filter { !line.flags.contains($0.name) }.map { flag in
            flag.valueName == nil ? Candidate("--" + flag.name) : Candidate("--" + flag.name + "=", terminator: "")
        }
        return Completion(replacing: word, candidates: sorted(candidates.filter { $0.text.hasPrefixBytes(word) }))
    }

    /// `--name=value`: the name and the value as typed.
    static func flagValue(_ word: String) -> (key: Substring, value: Substring)? {
        guard Bareword.isFlag(word), let equals = word.utf8.firstIndex(of: UInt8(ascii: "=")) else { return nil }
        let name = Substring(word.utf8[word.utf8.index(word.startIndex, offsetBy: 2)..<equals])
        return (name, Substring(word.utf8[word.utf8.index(after: equals)...]))
    }

    /// `candidates` sorted by text in UTF-8 byte order, without duplicate texts (the first kept).
    static func sorted(_ candidates: [Candidate]) -> [Candidate] {
        var result: [Candidate] = []
        result.reserveCapacity(candidates.count)
        for candidate in candidates.sorted(by: precedes) where result.last?.text != candidate.text {
            result.append(candidate)
        }
        return result
    }

    /// Two lists, each sorted and without duplicates, merged into one (on a
    /// tie, `a`'s candidate is kept). `b` is the short one: each of its
    /// candidates finds its place in `a` by binary search, and the runs of `a`
    /// between them are copied whole, so 100,000 model ids are not compared one by one.
    static func merged(_ a: [Candidate], _ b: [Candidate]) -> [Candidate] {
        if b.isEmpty { return a }
        if a.isEmpty { return b }
        var result: [Candidate] = []
        result.reserveCapacity(a.count + b.count)
        var start = 0
        for candidate in b {
            var low = start
            var high = a.count
            while low < high {
                let middle = low + (high - low) / 2
                if precedes(a[middle], candidate) { low = middle + 1 } else { high = middle }
            }
            result.append(contentsOf: a[start..<low])
            start = low
            if low < a.count && a[low].text == candidate.text { continue }
            result.append(candidate)
        }
        result.append(contentsOf: a[start...])
        return result
    }

    static func precedes(_ a: Candidate, _ b: Candidate) -> Bool {
        a.text.utf8.lexicographicallyPrecedes(b.text.utf8)
    }
}

/// The finished arguments of a command on the line, sorted by kind.
struct Arguments {
    var positionals: [String] = []
    var keys: [String] = []
    var flags: Set<String> = []

    init<S: Sequence<String>>(_ words: S) {
        for word in words {
            if Bareword.isFlag(word) {
                flags.insert(String(word.dropFirst(2).prefix { $0 != "=" }))
            } else if let (key, _) = Bareword.keyValue(word) {
                keys.append(String(key))
            } else {
                positionals.append(word)
            }
        }
    }
}

extension StringProtocol {
    /// A byte-wise prefix test (`hasPrefix` compares characters, so `e` would
    /// not be a prefix of `é` written with a combining accent, and vice versa).
    func hasPrefixBytes(_ prefix: some StringProtocol) -> Bool {
        utf8.starts(with: prefix.utf8)
    }
}
