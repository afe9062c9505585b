/// When a number reads as a whole one, in one place: shown without `.0`,
/// encoded as a JSON integer, and taken where an Int is wanted, all below the
/// same limit, 2^53, under which every whole Double is an exact integer.
public enum WholeNumber {
    /// 2^53: past it a Double can no longer tell neighbouring integers apart.
    public static let limit: Double = 9_007_199_254_740_992

    /// `n` as an Int when it is whole and below the limit.
    public static func integer(_ n: Double) -> Int? {
        guard n.isFinite, n.rounded() == n, abs(n) < limit else { return nil }
        return Int(n)
    }

    /// How a number reads: whole numbers as integers, others as Swift writes a Double.
    public static func text(_ n: Double) -> String {
        integer(n).map(String.init) ?? String(n)
    }
}
