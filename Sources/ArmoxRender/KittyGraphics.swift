import Foundation

/// kitty's terminal graphics protocol, the one sequence `preview` needs:
/// transmit a PNG and display it at the cursor
/// (sw.kovidgoyal.net/kitty/graphics-protocol).
///
/// `ESC _ G a=T,f=100,q=2,m=1 ; <base64> ESC \`: `a=T` transmits and
/// displays, `f=100` says the payload is a PNG file (the terminal decodes
/// it), and the base64 goes in chunks of at most 4096 bytes, each but the
/// last marked `m=1`, the last `m=0`. Later chunks carry only `m` and `q`.
/// `q=2` keeps the terminal from answering: an answer would arrive on stdin
/// as if typed. It is repeated on every chunk because kitty once took it
/// from the last chunk only (kitty issue #3375).
public enum KittyGraphics {
    /// Most base64 bytes in one escape sequence (a multiple of 4, as the
    /// protocol asks of every chunk but the last).
    static let chunkSize = 4096

    public static func displayPNG(_ png: [UInt8]) -> String {
        let payload = Data(png).base64EncodedString()
        var chunks: [Substring] = []
        var start = payload.startIndex
        repeat {
            let end = payload.index(start, offsetBy: chunkSize, limitedBy: payload.endIndex) ?? payload.endIndex
            chunks.append(payload[start..<end])
            start = end
        } while start < payload.endIndex
        var text = ""
        for (index, chunk) in chunks.enumerated() {
            let more = index < chunks.count - 1 ? 1 : 0
            let keys = index == 0 ? "a=T,f=100,q=2,m=\(more)" : "m=\(more),q=2"
            text += "\u{1B}_G\(keys);\(chunk)\u{1B}\\"
        }
        return text
    }
}
