/// "Did you mean …": the known names closest to what was typed.
public enum Nearest {
    /// Up to `limit` names within a small edit distance of `word`, or that
    /// contain it (so `run banana` suggests `google/nano-banana`), closest first.
    public static func matches(for word: String, among names: [String], limit: Int = 3) -> [String] {
        let lowered = word.lowercased()
        guard !lowered.isEmpty else { return [] }
        let threshold = max(2, lowered.count / 3)
        var scored: [(name: String, score: Int)] = []
        for name in Set(names) {
            let candidate = name.lowercased()
            let tail = candidate.split(separator: "/").last.map(String.init) ?? candidate
            let distance = min(editDistance(lowered, candidate), editDistance(lowered, tail))
            if distance <= threshold {
                scored.append((name, distance))
            } else if lowered.count >= 3 && candidate.contains(lowered) {
                scored.append((name, threshold + 1))
            }
        }
        return scored.sorted { ($0.score, $0.name) < ($1.score, $1.name) }.prefix(limit).map(\.name)
    }

    /// "did you mean a, b?" for the names nearest `word` (each shown through
    /// `shown`), or `otherwise` when none is near.
    public static func hint(
        for word: String, among names: [String], limit: Int = 3, shown: (String) -> String = { $0 }, otherwise: String
    ) -> String {
        let near = matches(for: word, among: names, limit: limit)
        return near.isEmpty ? otherwise : "did you mean " + near.map(shown).joined(separator: ", ") + "?"
    }

    /// Levenshtein distance over Unicode scalars.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
