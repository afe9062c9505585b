/// Writes real, small PNG images without a compression library: 8-bit RGB,
/// no filtering, the zlib stream made of "stored" (uncompressed) deflate
/// blocks. Every viewer opens them; they are just not small, which does not
/// matter at 64 pixels.
enum PNGEncoder {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// A placeholder picture: a diagonal gradient between two colours taken
    /// from `seed`, so different jobs get visibly different images.
    static func placeholder(width: Int, height: Int, seed: UInt32) -> [UInt8] {
        let width = min(max(width, 1), 4_096)
        let height = min(max(height, 1), 4_096)
        let from = (r: Int(seed & 0xFF), g: Int((seed >> 8) & 0xFF), b: Int((seed >> 16) & 0xFF))
        let to = (r: 255 - from.g, g: 255 - from.b, b: 255 - from.r)
        let span = max(width + height - 2, 1)
        var pixels: [UInt8] = []
        pixels.reserveCapacity(height * (1 + width * 3))
        for y in 0..<height {
            pixels.append(0)  // filter type: none
            for x in 0..<width {
                let t = x + y
                pixels.append(UInt8((from.r * (span - t) + to.r * t) / span))
                pixels.append(UInt8((from.g * (span - t) + to.g * t) / span))
                pixels.append(UInt8((from.b * (span - t) + to.b * t) / span))
            }
        }
        return encode(width: width, height: height, scanlines: pixels)
    }

    /// `scanlines`: for each row, a filter byte then `width` RGB triples.
    static func encode(width: Int, height: Int, scanlines: [UInt8]) -> [UInt8] {
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // bit depth 8, colour type RGB, deflate, no filter method, no interlace
        var png = signature
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", zlibStored(scanlines), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        png.appendBigEndian(UInt32(data.count))
        let typed = Array(type.utf8) + data
        png += typed
        png.appendBigEndian(Checksums.crc32(typed))
    }

    /// A zlib stream of stored deflate blocks (at most 65,535 bytes each).
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let isLast = offset + count == data.count
            out.append(isLast ? 1 : 0)
            out += [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += data[offset..<offset + count]
            offset += count
        } while offset < data.count
        out.appendBigEndian(Checksums.adler32(data))
        return out
    }
}
