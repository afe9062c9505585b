import ArmoxAPI
import Synchronization

/// The session's one record of a job: every value that names the job
/// (`$hero`, `$job`, an item of `$_`) holds this record, and every answer
/// the session reads about the job updates it, so a value never shows an
/// older state than the session knows.
///
/// A reference on purpose: a job's state is the server's, not a variable's,
/// and copying it into each value would leave each copy to be reconciled.
/// Reads of a job's fields go through it (`record.status`, `record.outputURLs`).
@dynamicMemberLookup
public final class JobRecord: Sendable {
    public let id: String
    private let state: Mutex<Job>

    /// A session makes its records through `Session.record`; a record made
    /// here is kept by nobody (a completion snapshot built by hand).
    public init(_ job: Job) {
        id = job.id
        state = Mutex(job)
    }

    /// The newest state the session has seen.
    public var job: Job { state.withLock { $0 } }

    public subscript<T: Sendable>(dynamicMember path: KeyPath<Job, T> & Sendable) -> T {
        state.withLock { $0[keyPath: path] }
    }

    /// Takes a newer answer about the job. What a job was started as (its
    /// model or app, input, creation time) never changes, so an answer that
    /// leaves it out (a list's record has no `app_name` while an app runs; a
    /// server may omit `input_data`) keeps what an earlier one said.
    func update(_ newer: Job) {
        state.withLock { known in
            var job = newer
            job.runType = job.runType ?? known.runType
            job.model = job.model ?? known.model
            job.appID = job.appID ?? known.appID
            job.appName = job.appName ?? known.appName
            job.input = job.input ?? known.input
            job.createdAt = job.createdAt ?? known.createdAt
            known = job
        }
    }
}
