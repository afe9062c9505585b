/// Writes a real binary glTF 2.0 (GLB) file: one mesh, one triangle.
///
/// Layout: a 12-byte header (`glTF`, version 2, total length), a JSON chunk
/// padded with spaces and a BIN chunk padded with zeros, both to 4 bytes.
enum GLBEncoder {
    static let magic: UInt32 = 0x4654_6C67  // "glTF"

    static func triangle() -> [UInt8] {
        var positions: [UInt8] = []
        for value: Float in [0, 0, 0, 1, 0, 0, 0, 1, 0] {
            positions.appendLittleEndian(value.bitPattern)
        }
        let json = """
            {"asset":{"version":"2.0","generator":"armox sandbox"},"scene":0,"scenes":[{"nodes":[0]}],\
            "nodes":[{"mesh":0,"name":"SandboxTriangle"}],"meshes":[{"primitives":[{"attributes":{"POSITION":0}}]}],\
            "accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]}],\
            "bufferViews":[{"buffer":0,"byteOffset":0,"byteLength":\(positions.count),"target":34962}],\
            "buffers":[{"byteLength":\(positions.count)}]}
            """
        return encode(json: Array(json.utf8), binary: positions)
    }

    static func encode(json: [UInt8], binary: [UInt8]) -> [UInt8] {
        let jsonChunk = json + [UInt8](repeating: 0x20, count: (4 - json.count % 4) % 4)
        let binChunk = binary + [UInt8](repeating: 0, count: (4 - binary.count % 4) % 4)
        var glb: [UInt8] = []
        glb.appendLittleEndian(magic)
        glb.appendLittleEndian(UInt32(2))
        glb.appendLittleEndian(UInt32(12 + 8 + jsonChunk.count + 8 + binChunk.count))
        glb.appendLittleEndian(UInt32(jsonChunk.count))
        glb.appendLittleEndian(UInt32(0x4E4F_534A))  // "JSON"
        glb += jsonChunk
        glb.appendLittleEndian(UInt32(binChunk.count))
        glb.appendLittleEndian(UInt32(0x004E_4942))  // "BIN\0"
        glb += binChunk
        return glb
    }
}
