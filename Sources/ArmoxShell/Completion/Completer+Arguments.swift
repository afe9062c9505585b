import ArmoxAPI
import ArmoxScript

extension Completer {
    /// The word after a known command that is neither `$…` nor a `--flag`.
    static func arguments(of spec: CommandSpec, _ word: String, _ line: Arguments, _ snapshot: CompletionSnapshot) -> Completion {
        let none = Completion(replacing: word, candidates: [])
        let index = line.positionals.count
        if let (key, value) = Bareword.keyValue(word) {
            switch spec.name {
            case "run": return settingValues(key, value, of: runModel(line, snapshot).model)
            case "set": return settingValues(key, value, of: currentModel(snapshot))
            default: return Completion(replacing: String(value), candidates: [])
            }
        }
        switch spec.name {
        case "run":
            return runArgument(word, line, snapshot)
        case "model", "use", "settings":
            return index == 0 ? modelIDs(word, snapshot) : none
        case "set":
            guard let model = currentModel(snapshot) else { return none }
            return Completion(replacing: word, candidates: keys(word, of: model, except: line.keys, settingsOnly: true))
        case "unset":
            return unsetArgument(word, line, snapshot)
        case "app":
            return index == 0 ? appNames(word, snapshot) : none
        case "run-app":
            return index == 0 ? appNames(word, snapshot) : appInputs(word, line, snapshot)
        case "help":
            return index == 0 ? commandNames(word, keywords: false, snapshot) : none
        case "wait", "cancel":
            return jobs(word, all: spec.name == "wait", ids: true, snapshot)
        case "job":
            return index == 0 ? jobs(word, all: false, ids: true, snapshot) : none
        case "open", "preview", "print":
            return index == 0 ? jobs(word, all: false, ids: false, snapshot) : none
        case "download":
            if index == 0 {
                var completion = jobs(word, all: false, ids: false, snapshot)
                if "all".hasPrefixBytes(word) { completion.candidates = sorted(completion.candidates + [Candidate("all")]) }
                return completion
            }
            return index == 1 ? paths(word, files: line.flags.contains("force"), snapshot) : none
        case "source", "read", "gallery":
            return index == 0 ? paths(word, files: true, snapshot) : none
        default:
            return none
        }
    }

    /// Where a job goes: every `$variable` when nothing is typed yet, `all`
    /// and `pending` (for `wait`), and the ids of the jobs the variables hold.
    static func jobs(_ word: String, all: Bool, ids: Bool, _ snapshot: CompletionSnapshot) -> Completion {
        var candidates = word.isEmpty ? variables("$", inString: false, snapshot) : []
        if all { candidates += [Candidate("all"), Candidate("pending")] }
        if ids {
            for case .job(let job) in snapshot.variables.values where !Bareword.needsQuotes(job.id, as: .word) {
                candidates.append(Candidate(job.id))
            }
        }
        return Completion(replacing: word, candidates: sorted(candidates.filter { $0.text.hasPrefixBytes(word) }))
    }

    /// App names (by prefix, case-insensitively, as the evaluator matches
    /// them), quoted when they are not one bareword; an app's id (by prefix)
    /// only when its name does not match, listed with that name beside it.
    /// Offering both for every app would list ids and names sorted apart, so
    /// the listing's columns put ids beside other apps' names.
    static func appNames(_ word: String, _ snapshot: CompletionSnapshot) -> Completion {
        guard let typed = Bareword.typed(word[...]) else { return Completion(replacing: word, candidates: []) }
        let lowered = typed.text.lowercased()
        var candidates: [Candidate] = []
        for app in snapshot.catalogue.apps {
            if app.name.lowercased().hasPrefixBytes(lowered) {
                candidates.append(wordCandidate(app.name, quote: typed.quoted))
            } else if app.id.hasPrefixBytes(typed.text) {
                candidates.append(wordCandidate(app.id, display: "\(app.id) (\(app.name))", quote: typed.quoted))
            }
        }
        return Completion(replacing: word, candidates: sorted(candidates))
    }

    /// `run-app <app>` then its inputs as `name=` (the name `app` shows:
    /// targetHandle, else the label with underscores, else the id), those on the line left out.
    static func appInputs(_ word: String, _ line: Arguments, _ snapshot: CompletionSnapshot) -> Completion {
        guard let first = line.positionals.first, let name = Bareword.finished(first),
            let app = snapshot.catalogue.app(named: name)
        else { return Completion(replacing: word, candidates: []) }
        let given = Set(line.keys.compactMap { app.input(typed: $0)?.id })
        let names = app.inputs.filter { !given.contains($0.id) }.map(\.typedName).filter { Bareword.isIdentifier($0) && $0.hasPrefixBytes(word) }
        return Completion(replacing: word, candidates: sorted(names.map { Candidate($0 + "=", terminator: "") }))
    }

    /// `text` as a whole word: as it is, or as an open `"…` string when the
    /// lexer needs it (or the user opened one); the terminator then closes it.
    static func wordCandidate(_ text: String, terminator: String = " ", display: String? = nil, quote: Bool = false, as position: Bareword.Position = .word) -> Candidate {
        guard quote || Bareword.needsQuotes(text, as: position) else { return Candidate(text, terminator: terminator, display: display) }
        return Candidate("\"" + StringEscaping.escaped(text), terminator: terminator.isEmpty ? "" : "\"" + terminator, display: display ?? text)
    }
}
