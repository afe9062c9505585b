import Foundation

/// A fresh empty folder under the temporary directory; the caller removes it.
public func makeScratchFolder(_ prefix: String = "armox-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
