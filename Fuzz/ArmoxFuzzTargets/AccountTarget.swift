import ArmoxAPI

/// `GET /account`'s body as the client reads it.
///
/// Properties: decodes or is reported malformed; re-encodes and reads back equal.
enum AccountTarget {
    static func check(_ bytes: [UInt8]) throws {
        guard let account = try ResponseChecks.item(Account.self, bytes) else { return }
        try ResponseChecks.roundTrip(account, "the account")
    }
}
