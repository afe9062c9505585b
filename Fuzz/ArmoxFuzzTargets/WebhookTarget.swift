import ArmoxAPI
import ArmoxScript
import Crypto
import Foundation

/// A webhook delivery as `listen` takes it. Input: a first line, the
/// `X-Armox-Signature` header as sent (none when the input has no line
/// break), then the raw body.
///
/// Properties: the header sent is accepted only when it is the body's true
/// `sha256=<hex HMAC>` (in any case of hex, spaces around); the body signed
/// correctly is accepted (200) exactly when it is `{ "job": <a job> }`, and
/// then the delivered job is that job; the same delivery again is a counted
/// duplicate; a missing or wrong signature is 401 and delivers nothing.
enum WebhookTarget {
    static let secret = "whsec_fuzz_secret"
    static let key = SymmetricKey(data: Array(secret.utf8))

    static func check(_ bytes: [UInt8]) throws {
        let newline = bytes.firstIndex(of: UInt8(ascii: "\n"))
        let header = newline.map { String(decoding: bytes[..<$0], as: UTF8.self) }
        let body = newline.map { Array(bytes[($0 + 1)...]) } ?? bytes
        let signature = "sha256=" + HMAC<SHA256>.authenticationCode(for: body, using: key).map { byte in
            let hex = Array("0123456789abcdef".utf8)
            return String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]], as: UTF8.self)
        }.joined()
        let expected = try? JSONDecoder().decode(Event.self, from: Data(body)).job

        // The header as sent.
        let sent = WebhookDeliveries.checking(secret: secret)
        let answer = sent.deliver(body: body, signature: header)
        let genuine = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() == signature } ?? false
        if genuine {
            try require(answer == (expected == nil ? 400 : 200), "a correctly signed delivery got \(answer)")
        } else {
            try require(answer == 401, "the signature \(header.debugDescription) was not refused (\(answer))")
            try require(counted(sent) == [0, 0, 1], "a refused delivery counted as \(sent.counts)")
        }

        // Signed as Armox signs.
        let signed = WebhookDeliveries.checking(secret: secret)
        let first = signed.deliver(body: body, signature: signature)
        guard let expected else {
            try require(first == 400, "a signed body that is no job event got \(first)")
            try require(counted(signed) == [0, 0, 0], "a signed body that is no job event counted as \(signed.counts)")
            return
        }
        try require(first == 200, "a signed job event got \(first)")
        try require(signed.job(expected.id) == expected, "delivered \(signed.job(expected.id).debugDescription), sent \(expected)")
        try require(signed.deliver(body: body, signature: signature) == 200, "a repeated delivery was refused")
        try require(counted(signed) == [1, 1, 0], "a delivery and its repeat counted as \(signed.counts)")
        // Any other signature of the same body: refused, nothing changes.
        var wrong = Array(signature.utf8)
        wrong[wrong.count - 1] = wrong[wrong.count - 1] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        try require(signed.deliver(body: body, signature: String(decoding: wrong, as: UTF8.self)) == 401, "a wrong signature was accepted")
        try require(signed.deliver(body: body, signature: nil) == 401, "a delivery without a signature was accepted")
        try require(signed.counts.rejected == 2, "refused deliveries counted as \(signed.counts)")
    }

    /// Accepted, duplicates, rejected.
    static func counted(_ deliveries: WebhookDeliveries) -> [Int] {
        let counts = deliveries.counts
        return [counts.accepted, counts.duplicates, counts.rejected]
    }

    /// `{ "event": "job.completed", "job": { … } }`, read on its own to
    /// compare with what the receiver took.
    private struct Event: Decodable {
        let job: Job
    }
}
