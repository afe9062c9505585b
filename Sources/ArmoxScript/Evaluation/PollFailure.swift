import ArmoxAPI

/// A poll that failed, and which job it asked about: the job polled by id,
/// or nil for the bulk list (which speaks for every pending job).
struct PollFailure: Error {
    let jobID: String?
    let error: ArmoxError
}
