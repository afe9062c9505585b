import Foundation

/// Which key a session uses, by precedence: `--api-key-file`, then
/// `ARMOX_API_KEY` (already in the configuration), then the credentials file
/// `armox login` wrote.
public enum KeyPrecedence {
    public static func key(keyFile: String?, configuration: ArmoxConfiguration, environment: [String: String]) throws -> String? {
        if let path = keyFile {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw KeyFileProblem("cannot read the key file \(path) (--api-key-file)")
            }
            let line = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let key = line.trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { throw KeyFileProblem("the key file \(path) (--api-key-file) is empty") }
            return key
        }
        if let key = configuration.apiKey { return key }
        return try CredentialsFile.configured(environment: environment).key(for: configuration.baseURL)
    }
}

/// A key file that cannot give a key; its text names the file.
public struct KeyFileProblem: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
