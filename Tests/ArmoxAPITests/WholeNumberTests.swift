import ArmoxAPI
import Foundation
import Testing

/// A number is whole, or not, the same way wherever armox shows, encodes or
/// counts it.
@Suite("Whole numbers")
struct WholeNumberTests {
    /// 2e15 used to read "2e+15" while `--json` wrote 2000000000000000 and
    /// `intValue` gave 2000000000000000: three answers for one number.
    @Test(arguments: [2e15, 5e15, 9e15, 9_007_199_254_740_991])
    func belowTheLimitEveryPathSaysInteger(_ n: Double) {
        let value = JSONValue.number(n)
        let integer = String(Int64(n))
        #expect(value.displayString == integer)
        #expect(value.jsonString() == integer)
        #expect(value.intValue == Int(n))
    }

    @Test(arguments: [9_007_199_254_740_992, 1e16, -1e16, 1.5, 1e300])
    func atOrPastTheLimitOrFractionalNoPathSaysInteger(_ n: Double) throws {
        let value = JSONValue.number(n)
        #expect(value.intValue == nil)
        #expect(value.displayString == String(n))
        let reread = try JSONDecoder().decode(Double.self, from: Data(value.jsonString().utf8))
        #expect(reread == n)
    }

    @Test func theLimitIsTwoToTheFiftyThird() {
        #expect(WholeNumber.limit == Double(1 << 53))
        #expect(WholeNumber.integer(-42) == -42)
        #expect(WholeNumber.integer(.infinity) == nil)
        #expect(WholeNumber.integer(.nan) == nil)
    }
}
