import ArmoxAPI
import ArmoxTestSupport
import Foundation
import Testing

/// The file `armox login` writes: one key per server, private, replaced whole.
@Suite("Credentials file")
struct CredentialsFileTests {
    func withFile(_ body: (CredentialsFile, URL) throws -> Void) throws {
        let folder = try makeScratchFolder("armox-credentials")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = CredentialsFile.configured(environment: ["XDG_CONFIG_HOME": folder.path, "HOME": "/nonexistent"])
        #expect(file.path == folder.path + "/armox/credentials")
        try body(file, folder)
    }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test func keysAreStoredPerServerInAPrivateFile() throws {
        try withFile { file, folder in
            #expect(try file.key(for: "https://armox.ai/api/v1") == nil)
            try file.store(key: "sk_live_first_key_0001", for: "https://armox.ai/api/v1/")
            try file.store(key: "sk_live_sandbox_key_0002", for: "http://127.0.0.1:8089/api/v1")
            try file.store(key: "sk_live_second_key_0003", for: "https://armox.ai/api/v1")
            #expect(try file.key(for: "https://armox.ai/api/v1") == "sk_live_second_key_0003")
            #expect(try file.key(for: "http://127.0.0.1:8089/api/v1") == "sk_live_sandbox_key_0002")
            #expect(try mode(file.path) == 0o600)
            #expect(try mode(folder.path + "/armox") == 0o700)
            // Replaced by rename: no temporary file is left beside it.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/armox") == ["credentials"])
        }
    }

    @Test func aFileOthersCanReadIsRefusedWithTheFix() throws {
        try withFile { file, _ in
            try file.store(key: "sk_live_first_key_0001", for: "https://armox.ai/api/v1")
            for exposed in [0o644, 0o640, 0o604, 0o660] {
                chmod(file.path, mode_t(exposed))
                do {
                    _ = try file.key(for: "https://armox.ai/api/v1")
                    Issue.record("mode \(String(exposed, radix: 8)) was accepted")
                } catch let problem as CredentialsFile.Problem {
                    #expect(problem.description.contains("can be read by other users (mode 0\(String(exposed, radix: 8)))"))
                    #expect(problem.description.contains("chmod 600 \(file.path)"))
                    #expect(!problem.description.contains("sk_live_first_key_0001"))
                }
            }
            chmod(file.path, 0o600)
            #expect(try file.key(for: "https://armox.ai/api/v1") == "sk_live_first_key_0001")
        }
    }

    @Test func storingOverAnExposedFileMakesItPrivate() throws {
        try withFile { file, _ in
            try file.store(key: "sk_live_first_key_0001", for: "https://armox.ai/api/v1")
            chmod(file.path, 0o644)
            try file.store(key: "sk_live_new_key_0004", for: "https://armox.ai/api/v1")
            #expect(try mode(file.path) == 0o600)
            #expect(try file.key(for: "https://armox.ai/api/v1") == "sk_live_new_key_0004")
        }
    }

    @Test func removeForgetsOneServerAndTheLastTakesTheFile() throws {
        try withFile { file, _ in
            try file.store(key: "sk_live_first_key_0001", for: "https://armox.ai/api/v1")
            try file.store(key: "sk_live_sandbox_key_0002", for: "http://127.0.0.1:8089/api/v1")
            #expect(try file.remove(for: "https://armox.ai/api/v1"))
            #expect(try file.key(for: "https://armox.ai/api/v1") == nil)
            #expect(try file.key(for: "http://127.0.0.1:8089/api/v1") == "sk_live_sandbox_key_0002")
            #expect(try !file.remove(for: "https://armox.ai/api/v1"))
            #expect(try file.remove(for: "http://127.0.0.1:8089/api/v1"))
            #expect(!FileManager.default.fileExists(atPath: file.path))
        }
    }

    @Test func commentsAndOddLinesAreIgnored() throws {
        try withFile { file, folder in
            try FileManager.default.createDirectory(atPath: folder.path + "/armox", withIntermediateDirectories: true)
            let text = "# a comment\n\nhttps://armox.ai/api/v1 sk_live_hand_written_0005\nnot a line with three words\n"
            FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
            #expect(try file.key(for: "https://armox.ai/api/v1") == "sk_live_hand_written_0005")
        }
    }
}
