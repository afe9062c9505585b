import Crypto

/// The `X-Armox-Signature` header the real API signs webhooks with:
/// `sha256=` and the lowercase hex HMAC-SHA256 of the exact raw body, keyed
/// with the webhook secret.
enum WebhookSignature {
    static let headerName = "X-Armox-Signature"

    static func header(for body: [UInt8], secret: String) -> String {
        let key = SymmetricKey(data: Array(secret.utf8))
        let code = HMAC<SHA256>.authenticationCode(for: body, using: key)
        return "sha256=" + code.map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }
}
