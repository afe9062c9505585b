import ArmoxAPI
import Foundation

/// What `login` does once it holds a typed key, at the prompt and in
/// `armox login` alike: check the key's shape, ask the server about it
/// (`GET /account`), and only then store it.
public enum KeyLogin {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var hint: String?
        public var description: String { message + (hint.map { "\nhint: \($0)" } ?? "") }
    }

    /// The key as typed, trimmed, or why it cannot be one.
    public static func cleaned(_ typed: String?) throws -> String {
        guard let key = typed?.trimmingCharacters(in: .whitespacesAndNewlines), !key.isEmpty else {
            throw Failure(message: "no key entered; nothing was stored")
        }
        guard !key.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true }) else {
            throw Failure(message: "that is not one key: it has spaces or control characters in it; nothing was stored", hint: "paste only the key, sk_live_…")
        }
        return key
    }

    /// Asks the server whether `client`'s key works; the account on success.
    /// A refused key or an unreachable server is a `Failure` naming it (the key redacted).
    public static func verify(_ client: ArmoxClient) async throws -> Account {
        let key = client.configuration.apiKey ?? ""
        do {
            return try await client.account()
        } catch let error as ArmoxError {
            let text = APIKeyRedaction.scrub(error.description, key: key)
            if case .api(let api) = error, api.status == 401 || api.status == 403 {
                throw Failure(
                    message: "\(client.configuration.baseURL) refused the key \(APIKeyRedaction.redacted(key)): \(text); nothing was stored",
                    hint: api.status == 403 ? "the key's plan does not include API access" : "copy the key again from your Armox account page")
            }
            throw Failure(message: "could not check the key with \(client.configuration.baseURL): \(text); nothing was stored")
        }
    }

    /// Removes the key stored for `baseURL`: whether there was one, what to
    /// tell the user, and a note when `ARMOX_API_KEY` still supplies a key.
    public static func logout(
        from file: CredentialsFile, baseURL: String, environment: [String: String]
    ) throws -> (removed: Bool, message: String, note: String?) {
        let removed = try file.remove(for: baseURL)
        let message = removed ? "removed the key stored for \(baseURL) from \(file.path)" : "no key is stored for \(baseURL)"
        let note = environment["ARMOX_API_KEY"].map { !$0.isEmpty } == true ? "note: ARMOX_API_KEY is still set in the environment" : nil
        return (removed, message, note)
    }

    /// Checks `key`, then stores it for `client`'s server. The line to show on success.
    public static func login(key: String, using client: ArmoxClient, into file: CredentialsFile) async throws -> String {
        let account = try await verify(client)
        do {
            try file.store(key: key, for: client.configuration.baseURL)
        } catch {
            throw Failure(message: "the key works, but \(error)")
        }
        let who = [account.userID, account.subscription].compactMap { $0 }.joined(separator: ", ")
        // The server's words go out scrubbed: a server may echo the key in any field.
        return APIKeyRedaction.scrub(
            "logged in to \(client.configuration.baseURL)" + (who.isEmpty ? "" : " as \(who)")
                + " (\(account.credits) credits); key \(APIKeyRedaction.redacted(key)) stored in \(file.path) (mode 0600)", key: key)
    }
}
