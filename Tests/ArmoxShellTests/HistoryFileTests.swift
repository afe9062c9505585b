import ArmoxTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import ArmoxShell

@Suite("The history file")
struct HistoryFileTests {
    @Test func whereItLives() {
        #expect(HistoryFile.configured(environment: ["HOME": "/home/ana"])?.path == "/home/ana/.local/state/armox/history")
        #expect(HistoryFile.configured(environment: ["HOME": "/home/ana", "XDG_STATE_HOME": "/s"])?.path == "/s/armox/history")
        // A relative XDG_STATE_HOME is invalid by the XDG spec and ignored.
        #expect(HistoryFile.configured(environment: ["HOME": "/h", "XDG_STATE_HOME": "rel"])?.path == "/h/.local/state/armox/history")
        #expect(HistoryFile.configured(environment: ["HOME": "/h", "ARMOX_HISTFILE": "/tmp/x"])?.path == "/tmp/x")
        #expect(HistoryFile.configured(environment: ["HOME": "/h", "ARMOX_HISTFILE": "/dev/null"]) == nil)
        #expect(HistoryFile.configured(environment: ["HOME": "/h", "ARMOX_HISTFILE": ""]) == nil)
        #expect(HistoryFile.configured(environment: ["HOME": "/h", "ARMOX_HISTSIZE": "7"])?.limit == 7)
        #expect(HistoryFile.configured(environment: [:]) == nil)
    }

    @Test func entriesRoundTripThroughTheFileWithItsOwnModes() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = HistoryFile(path: folder.path + "/state/armox/history")
        let entries = [
            "models", "echo \"Straße bei Nacht, 東京, 🎬\"", "x = [a,\nb]", #"echo "a\nb" 'c:\dir'"#, "tab\there", "cr\rhere",
        ]
        for entry in entries { try file.append(entry) }
        #expect(try file.load() == entries)
        #expect(try mode(of: file.path) == 0o600)
        #expect(try mode(of: folder.path + "/state/armox") == 0o700)
        // One line per entry on disk, whatever the entry holds.
        let lines = try String(contentsOfFile: file.path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == entries.count)
    }

    @Test func aMissingFileIsAnEmptyHistory() throws {
        #expect(try HistoryFile(path: "/nonexistent/armox/history").load() == [])
    }

    @Test func anUnwritablePlaceIsAnErrorNotACrash() {
        #expect(throws: (any Error).self) { try HistoryFile(path: "/proc/armox-cannot/history").append("models") }
    }

    @Test func itStaysBounded() throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = HistoryFile(path: folder.path + "/history", limit: 100)
        for i in 0..<125 { try file.append("echo \(i)") }
        // Up to a quarter over the bound the file is left alone…
        #expect(try file.load().count == 100)
        #expect(try lineCount(file.path) == 125)
        try file.append("echo 125")
        // …past it, loading rewrites it with the newest entries.
        let loaded = try file.load()
        #expect(loaded.count == 100)
        #expect(loaded.first == "echo 26")
        #expect(loaded.last == "echo 125")
        #expect(try lineCount(file.path) == 100)
        #expect(try mode(of: file.path) == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["history"])
    }

    /// Two sessions appending at once (and one trimming meanwhile) keep every
    /// entry whole: appends are single writes under a lock, and an append
    /// racing a rewrite follows the file renamed into place.
    @Test func concurrentWritersLoseNothing() async throws {
        let folder = try makeScratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.path + "/history"
        let perWriter = 300
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    let file = HistoryFile(path: path, limit: 10_000)
                    for i in 0..<perWriter {
                        do {
                            try file.append("writer \(writer) line \(i) " + String(repeating: "x", count: 200))
                        } catch {
                            Issue.record("append failed: \(error)")
                        }
                    }
                }
            }
            group.addTask {
                let file = HistoryFile(path: path, limit: 10_000)
                for _ in 0..<20 {
                    do { try file.rewrite { $0 } } catch { Issue.record("rewrite failed: \(error)") }
                }
            }
        }
        let entries = try HistoryFile(path: path, limit: 10_000).load()
        #expect(entries.count == 2 * perWriter)
        for writer in 0..<2 {
            let mine = entries.filter { $0.hasPrefix("writer \(writer) ") }
            let expected = (0..<perWriter).map { "writer \(writer) line \($0) " + String(repeating: "x", count: 200) }
            let missing = Set(expected).subtracting(mine).map { String($0.prefix(20)) }.sorted()
            #expect(missing.isEmpty && mine == expected, "writer \(writer): \(mine.count) entries, missing \(missing)")
        }
    }

    private func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int ?? 0) & 0o777
    }

    private func lineCount(_ path: String) throws -> Int {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count
    }
}
