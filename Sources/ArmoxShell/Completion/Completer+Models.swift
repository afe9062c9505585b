import ArmoxAPI
import ArmoxScript

extension Completer {
    /// Model ids starting with the word: one binary search in the index, then
    /// the matching run of candidates the index made when it was built.
    static func modelIDs(_ word: String, _ snapshot: CompletionSnapshot) -> Completion {
        guard let typed = Bareword.typed(word[...]) else { return Completion(replacing: word, candidates: []) }
        let index = snapshot.catalogue
        let range = index.range(withPrefix: typed.text)
        guard typed.quoted || !index.idsAreBareAndUnique else {
            return Completion(replacing: word, candidates: Array(index.idCandidates[range]))
        }
        // Rare: ids that need quotes, the same id twice, or a quote typed.
        let candidates = index.idCandidates[range].map { wordCandidate($0.text, quote: typed.quoted) }
        return Completion(replacing: word, candidates: sorted(candidates))
    }

    /// `run`'s words: the first may be a model id, or (with a current model,
    /// once something is typed) already one of its keys; after the model, its keys as `key=`.
    static func runArgument(_ word: String, _ line: Arguments, _ snapshot: CompletionSnapshot) -> Completion {
        let none = Completion(replacing: word, candidates: [])
        if word.hasPrefixBytes("\"") || word.hasPrefixBytes("'") { return none }  // a prompt
        let scope = runModel(line, snapshot)
        guard line.positionals.isEmpty else {
            guard let model = scope.model else { return none }
            return Completion(replacing: word, candidates: keys(word, of: model, except: line.keys, promptGiven: scope.promptGiven))
        }
        let ids = modelIDs(word, snapshot)
        // Nothing typed yet: the model ids alone (the current model's keys
        // come once a letter narrows them, and 100,000 ids are not copied to add two).
        guard let model = scope.model, !word.isEmpty else { return ids }
        return Completion(replacing: word, candidates: merged(ids.candidates, keys(word, of: model, except: line.keys)))
    }

    /// The model a `run` line is about: its first positional when that is a
    /// model id (or a `$variable` holding one), else the current model; and
    /// whether the line already carries a prompt. No model when the first word
    /// is a bareword the catalogue does not know.
    static func runModel(_ line: Arguments, _ snapshot: CompletionSnapshot) -> (model: Model?, promptGiven: Bool) {
        let current = currentModel(snapshot)
        guard let first = line.positionals.first else { return (current, false) }
        let named: Model?
        if first.hasPrefixBytes("$") {
            if case .string(let id)? = snapshot.variables[String(first.dropFirst())] {
                named = snapshot.catalogue.model(id: id)
            } else {
                named = nil
            }
            if named == nil { return (current, true) }  // a prompt in a variable
        } else if first.hasPrefixBytes("\"") || first.hasPrefixBytes("'") {
            return (current, true)
        } else {
            named = snapshot.catalogue.model(id: first)
        }
        return (named, line.positionals.count >= 2)
    }

    static func currentModel(_ snapshot: CompletionSnapshot) -> Model? {
        snapshot.currentModel.flatMap { snapshot.catalogue.model(id: $0) }
    }

    /// A model's keys as `key=`: its input keys (unless `settingsOnly`; not
    /// `prompt` when the line has one) and its settings, less those on the line.
    static func keys(_ word: String, of model: Model, except given: [String], settingsOnly: Bool = false, promptGiven: Bool = false) -> [Candidate] {
        var keys = settingsOnly ? [] : model.inputKeys
        if promptGiven { keys.removeAll { $0 == "prompt" } }
        keys += model.settings.map(\.key)
        let fitting = keys.filter { !given.contains($0) && Bareword.isIdentifier($0) && $0.hasPrefixBytes(word) }
        return sorted(fitting.map { Candidate($0 + "=", terminator: "") })
    }

    /// `key=partial`: the setting's allowed values starting with `partial`
    /// (a select's options; `true`/`false` for a boolean). `replacing` is the
    /// value part alone.
    static func settingValues(_ key: Substring, _ value: Substring, of model: Model?) -> Completion {
        let replacing = String(value)
        guard let setting = model?.setting(String(key)), let typed = Bareword.typed(value) else {
            return Completion(replacing: replacing, candidates: [])
        }
        let matches = allowedValues(setting).filter { $0.hasPrefixBytes(typed.text) }
        let candidates = matches.map { wordCandidate($0, quote: typed.quoted, as: .value) }
        return Completion(replacing: replacing, candidates: sorted(candidates))
    }

    /// What a setting accepts, when that is a list (RunPlanner's rule).
    static func allowedValues(_ setting: ModelSetting) -> [String] {
        if let options = setting.options, !options.isEmpty { return options }
        switch setting.inputType.lowercased() {
        case "boolean", "bool", "toggle", "switch", "checkbox": return ["true", "false"]
        default: return []
        }
    }

    /// `unset`: the current model's setting keys (plain words) and `--all`.
    static func unsetArgument(_ word: String, _ line: Arguments, _ snapshot: CompletionSnapshot) -> Completion {
        var candidates: [Candidate] = []
        if let model = currentModel(snapshot) {
            for key in model.settings.map(\.key) where !line.positionals.contains(key) {
                candidates.append(wordCandidate(key))
            }
        }
        if !line.flags.contains("all") { candidates.append(Candidate("--all")) }
        return Completion(replacing: word, candidates: sorted(candidates.filter { $0.text.hasPrefixBytes(word) }))
    }
}
