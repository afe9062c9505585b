#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a real WAV file: RIFF/WAVE, PCM 16-bit mono, 8 kHz.
enum WAVEncoder {
    static let sampleRate = 8_000

    /// A sine tone with short fades, so it plays without clicks.
    static func sine(frequency: Double, seconds: Double) -> [UInt8] {
        let count = max(1, Int(Double(sampleRate) * seconds))
        let fade = max(1, sampleRate / 50)
        var samples: [Int16] = []
        samples.reserveCapacity(count)
        for n in 0..<count {
            let envelope = min(1, Double(min(n, count - 1 - n)) / Double(fade))
            let value = sin(2 * Double.pi * frequency * Double(n) / Double(sampleRate)) * 0.4 * envelope
            samples.append(Int16(value * Double(Int16.max)))
        }
        return encode(samples: samples)
    }

    static func encode(samples: [Int16]) -> [UInt8] {
        let dataSize = UInt32(samples.count * 2)
        var wav: [UInt8] = Array("RIFF".utf8)
        wav.appendLittleEndian(UInt32(36) + dataSize)
        wav += Array("WAVEfmt ".utf8)
        wav.appendLittleEndian(UInt32(16))  // fmt chunk size
        wav.appendLittleEndian(UInt16(1))  // PCM
        wav.appendLittleEndian(UInt16(1))  // mono
        wav.appendLittleEndian(UInt32(sampleRate))
        wav.appendLittleEndian(UInt32(sampleRate * 2))  // byte rate
        wav.appendLittleEndian(UInt16(2))  // block align
        wav.appendLittleEndian(UInt16(16))  // bits per sample
        wav += Array("data".utf8)
        wav.appendLittleEndian(dataSize)
        for sample in samples { wav.appendLittleEndian(sample) }
        return wav
    }
}
