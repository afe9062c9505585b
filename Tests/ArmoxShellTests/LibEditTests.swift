import CLibEdit
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import ArmoxShell

@Suite("libedit through the C shim")
struct LibEditTests {
    @Test func historyKeepsLinesAndCollapsesConsecutiveDuplicates() throws {
        let history = try #require(armox_history_init())
        defer { armox_history_end(history) }
        #expect(armox_history_set_size(history, 100) >= 0)
        #expect(armox_history_set_unique(history, 1) >= 0)
        for line in ["models", "models", "run \"Straße bei Nacht, 東京, 🎬\"", "models"] {
            #expect(armox_history_enter(history, line) >= 0)
        }
        #expect(armox_history_count(history) == 3)
        var buffer = [CChar](repeating: 0, count: 256)
        #expect(armox_history_newest(history, &buffer, buffer.count) == 0)
        let newest = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #expect(newest == "models")
    }

    @Test func historySizeBoundsIt() throws {
        let history = try #require(armox_history_init())
        defer { armox_history_end(history) }
        _ = armox_history_set_size(history, 3)
        for i in 0..<10 { _ = armox_history_enter(history, "line \(i)") }
        #expect(armox_history_count(history) == 3)
    }

    @Test func localeIsUTF8AfterPreparing() throws {
        _ = setlocale(LC_CTYPE, "C")
        TerminalLocale.prepare()
        let current = String(cString: try #require(setlocale(LC_CTYPE, nil)))
        #expect(TerminalLocale.isUTF8(current), "LC_CTYPE is \(current)")
    }
}
