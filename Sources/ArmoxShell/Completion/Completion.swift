/// What the completer offers for the word before the cursor.
public struct Completion: Sendable, Equatable {
    /// The text before the cursor that a chosen candidate replaces: the word
    /// typed so far (an opening quote included). Empty at the start of a word.
    public var replacing: String
    /// Every candidate, sorted by the UTF-8 bytes of `text`, without duplicates.
    public var candidates: [Candidate]

    public init(replacing: String, candidates: [Candidate]) {
        self.replacing = replacing
        self.candidates = candidates
    }

    public static let none = Completion(replacing: "", candidates: [])

    /// What one TAB puts in place of `replacing`: a sole candidate with its
    /// terminator; several candidates their longest common prefix, when it is
    /// longer than what was typed; nil when TAB has nothing to add.
    public var insertion: String? {
        if candidates.count == 1 {
            let only = candidates[0]
            return only.text + only.terminator
        }
        guard let first = candidates.first, let last = candidates.last else { return nil }
        // Sorted byte-wise, so what the first and the last share, every
        // candidate between them shares: one comparison, not 100,000
        // (a `run ` TAB over a large catalogue).
        let common = Substring(first.text).commonPrefix(with: last.text)
        return common.unicodeScalars.count > replacing.unicodeScalars.count ? String(common) : nil
    }
}

/// One way to finish the word.
public struct Candidate: Sendable, Equatable {
    /// Replaces `Completion.replacing` (quoted when the lexer needs it).
    public var text: String
    /// Typed after `text` when it is the sole candidate: " " after a whole
    /// word; "" after `key=`, a folder's `/`, or a variable that has fields.
    public var terminator: String
    /// What the second TAB's listing shows (a file's name without its folder).
    public var display: String

    public init(_ text: String, terminator: String = " ", display: String? = nil) {
        self.text = text
        self.terminator = terminator
        self.display = display ?? text
    }
}

extension Substring {
    /// The longest prefix shared with `other`, compared by Unicode scalar so
    /// a prefix never ends inside a character's scalars differently than typed.
    func commonPrefix(with other: String) -> Substring {
        var end = startIndex
        var mine = unicodeScalars.makeIterator()
        var theirs = other.unicodeScalars.makeIterator()
        var index = unicodeScalars.startIndex
        while let a = mine.next(), let b = theirs.next(), a == b {
            index = unicodeScalars.index(after: index)
            end = index
        }
        return self[startIndex..<end]
    }
}
