import ArmoxAPI
import Foundation

/// An error answer as the client reads it. Input: a first line
/// `STATUS [RETRY-AFTER]` (a status outside 100–999, or none, is 500;
/// anything after the first space is the `Retry-After` header as sent), then
/// the body.
///
/// Properties: the error keeps the status and request; its message is the
/// server's `error` text when the body has one, else `HTTP <status> …`;
/// `Retry-After` of digits reads as the number it holds (at most a year),
/// one with a sign or a fraction as none; nothing shows the API key; a
/// list or item request answered with an error status fails with that same
/// error; only a 5xx may have accepted a run.
enum ErrorTarget {
    static func check(_ bytes: [UInt8]) throws {
        let (status, retryAfter, body) = split(bytes)
        let request = ResponseChecks.request
        let error = ResponseDecoding.error(status: status, body: body, retryAfter: retryAfter, request: request, scrub: FuzzKey.scrub)
        try require(error.status == status && error.request == request, "the error names another answer: \(error)")
        try require(!error.message.isEmpty, "an error without a message")
        if let text = (try? JSONDecoder().decode(ErrorText.self, from: Data(body)))?.error, !text.isEmpty {
            try require(error.message == FuzzKey.scrub(text), "the server's message \(text.debugDescription) became \(error.message.debugDescription)")
        } else {
            try require(error.message.hasPrefix("HTTP \(status) "), "no server message, yet the error says \(error.message.debugDescription)")
        }
        if let header = retryAfter?.trimmingCharacters(in: .whitespaces), let number = Int(header) {
            let digits = header.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            let expected = digits ? min(number, RetryAfter.longest) : nil
            try require(error.retryAfter == expected, "Retry-After \(header.debugDescription) read as \(error.retryAfter.debugDescription)")
        }
        if let seconds = error.retryAfter {
            try require((0...RetryAfter.longest).contains(seconds), "Retry-After \(retryAfter.debugDescription) read as \(seconds) s")
        }
        let shown = ArmoxError.api(error).description
        try require(!shown.isEmpty, "an error that describes itself as nothing")
        try FuzzKey.requireNoLeak(shown, input: body)
        try require(ArmoxError.api(error).runMayHaveBeenAccepted == (status >= 500), "HTTP \(status) says a run may have been accepted: \(status >= 500 ? "no" : "yes")")
        guard !(200...299).contains(status) else { return }
        for outcome in [
            Result { try ResponseDecoding.item(Job.self, status: status, body: body, retryAfter: retryAfter, request: request, scrub: FuzzKey.scrub) }.map { _ in () },
            Result { try ResponseDecoding.list(Model.self, status: status, body: body, retryAfter: retryAfter, request: request, scrub: FuzzKey.scrub) }.map { _ in () },
        ] {
            guard case .failure(ArmoxError.api(let thrown)) = outcome else {
                throw PropertyViolation("HTTP \(status) did not fail with its API error: \(outcome)")
            }
            try require(thrown == error, "HTTP \(status) failed with \(thrown), not \(error)")
        }
    }

    static func split(_ bytes: [UInt8]) -> (status: Int, retryAfter: String?, body: [UInt8]) {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return (500, nil, bytes) }
        let head = String(decoding: bytes[..<newline], as: UTF8.self)
        let space = head.firstIndex(of: " ")
        let code = Int(space.map { head[..<$0] } ?? head[...]).flatMap { (100...999).contains($0) ? $0 : nil } ?? 500
        return (code, space.map { String(head[head.index(after: $0)...]) }, Array(bytes[(newline + 1)...]))
    }

    private struct ErrorText: Decodable {
        let error: String?
    }
}
