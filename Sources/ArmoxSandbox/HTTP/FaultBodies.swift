import Hummingbird
import NIOCore

/// The answers of the faults that stream their body instead of sending it
/// whole: `oversized` (more bytes than a client should read) and `slowBody`
/// (a body that takes its time).
///
/// Both are written piece by piece through Hummingbird's body writer, so an
/// oversized answer never sits whole in memory and a client that gives up
/// (closes the connection, or the server stops) ends the writing at the next
/// piece: the write fails or the sleep is cancelled.
enum FaultBodies {
    /// Bytes written at a time for `oversized`.
    static let chunkSize = 64 * 1024
    /// Most pieces a `slowBody` is cut into: enough to look like a trickle,
    /// few enough that a long body is not sent a byte at a time.
    static let slowPieces = 20

    /// 200 with `{"padding": "xxx…"}` of exactly `bytes` bytes (at least 2:
    /// below the 14 of an empty padding it is `{}` and spaces, still JSON).
    static func oversized(bytes requested: Int) -> Response {
        let bytes = min(max(requested, 2), SandboxFault.maxOversizedBytes)
        let (head, tail): ([UInt8], [UInt8]) = bytes >= 14 ? (Array(#"{"padding":""#.utf8), Array(#""}"#.utf8)) : (Array("{}".utf8), [])
        // The filler between head and tail: "x" inside the string, or the
        // spaces after `{}` when there is no room for a padding field.
        let filler: UInt8 = bytes >= 14 ? UInt8(ascii: "x") : UInt8(ascii: " ")
        let fillerCount = bytes - head.count - tail.count
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        let body = ResponseBody(contentLength: bytes) { writer in
            try await writer.write(ByteBuffer(bytes: head))
            let chunk = ByteBuffer(repeating: filler, count: chunkSize)
            var left = fillerCount
            while left > 0 {
                try Task.checkCancellation()
                let count = min(left, chunkSize)
                try await writer.write(count == chunkSize ? chunk : ByteBuffer(repeating: filler, count: count))
                left -= count
            }
            try await writer.write(ByteBuffer(bytes: tail))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: fields, body: body)
    }

    /// 200 with a body of no declared length that does not end (see
    /// `SandboxFault.endless`); bounded by an hour and 64 GiB so a client
    /// that never stops reading cannot keep the server busy for ever.
    static func endless(pieceBytes: Int, pause: Double) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/octet-stream"
        let piece = ByteBuffer(repeating: UInt8(ascii: "x"), count: max(1, pieceBytes))
        let body = ResponseBody { writer in
            let clock = ContinuousClock()
            let end = clock.now + .seconds(3_600)
            var sent = 0
            while clock.now < end, sent < 64 << 30 {
                try Task.checkCancellation()
                try await writer.write(piece)
                sent += piece.readableBytes
                if pause > 0 { try await Task.sleep(for: .seconds(pause)) }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: fields, body: body)
    }

    /// `response` with its head sent at once and its body spread evenly over
    /// `seconds`: the first piece right away, the last when the time is up.
    static func trickled(_ response: APIResponse, over seconds: Double) -> Response {
        var answer = response.hummingbirdResponse
        let bytes = response.body
        let pieces = max(1, min(slowPieces, bytes.count))
        let size = (bytes.count + pieces - 1) / max(pieces, 1)
        let pause: Duration = pieces > 1 && seconds.isFinite && seconds > 0 ? .seconds(min(seconds, 3_600) / Double(pieces - 1)) : .zero
        answer.body = ResponseBody(contentLength: bytes.count) { writer in
            var start = 0
            while start < bytes.count {
                if start > 0 { try await Task.sleep(for: pause) }
                let end = min(start + max(size, 1), bytes.count)
                try await writer.write(ByteBuffer(bytes: bytes[start..<end]))
                start = end
            }
            try await writer.finish(nil)
        }
        return answer
    }
}
