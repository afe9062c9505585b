import ArmoxAPI
import ArmoxScript

/// A job's body (a run's 200/202 answer, `GET /jobs/{id}`, a cancel's
/// answer) and `GET /jobs`'s list, as the client reads them.
///
/// Properties: decodes or is reported malformed; re-encodes (the one shape
/// armox shows) and reads back equal; the status reads back from its own
/// name; output URLs are distinct http(s) URLs; and the file name `download`
/// makes of each is one safe entry of the target folder (`DownloadName`).
enum JobTargets {
    static func checkOne(_ bytes: [UInt8]) throws {
        // The answer to a run is a 200 or a 202; the same code reads both.
        let status = bytes.count % 2 == 0 ? 200 : 202
        guard let job = try ResponseChecks.item(Job.self, bytes, status: status) else { return }
        try ResponseChecks.roundTrip(job, "the job")
        try check(job)
    }

    static func checkList(_ bytes: [UInt8]) throws {
        guard let jobs = try ResponseChecks.list(Job.self, bytes) else { return }
        try ResponseChecks.roundTripList(jobs, "jobs")
        for job in jobs { try check(job) }
    }

    static func check(_ job: Job) throws {
        try require(JobStatus(job.status.rawValue) == job.status, "status \(job.status.rawValue.debugDescription) does not read back as itself")
        let urls = job.outputURLs
        try require(Set(urls).count == urls.count, "output URLs repeat: \(urls)")
        var taken: Set<String> = []
        for url in urls {
            let lower = url.lowercased()
            try require(lower.hasPrefix("https://") || lower.hasPrefix("http://"), "an output URL that is not http(s): \(url.debugDescription)")
            let name = DownloadName.unique(DownloadName.adding(extensionFor: "image/png", to: DownloadName.fromURL(url)), notIn: taken)
            try checkFileName(name, from: url)
            try require(!taken.contains(name.lowercased()), "two outputs download to \(name.debugDescription)")
            taken.insert(name.lowercased())
        }
    }

    /// `DownloadName`'s promise: never `/`, `\`, NUL or a control
    /// character, never a leading `.`, never empty, at most 255 bytes.
    static func checkFileName(_ name: String, from url: String) throws {
        let what = "the file name \(name.debugDescription) from \(url.debugDescription)"
        try require(!name.isEmpty, "\(what) is empty")
        try require(name.utf8.count <= DownloadName.maxBytes, "\(what) has \(name.utf8.count) bytes")
        try require(!name.hasPrefix("."), "\(what) starts with a dot")
        try require(name.unicodeScalars.allSatisfy { !($0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "/" || $0 == "\\") }, "\(what) holds a separator or a control character")
    }
}
