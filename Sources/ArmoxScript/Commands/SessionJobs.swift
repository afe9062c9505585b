import ArmoxAPI
import ArmoxRender

extension Evaluator {
    /// `jobs --session`: the session's jobs newest first, as `jobs` lists the
    /// key's. The unfinished ones are brought up to date first with one
    /// `GET /jobs?limit=100`, the waiter's bulk poll, so a job that finished
    /// while nobody waited does not read `processing`. One request whatever
    /// the number of jobs: one the list no longer shows keeps its last known
    /// state, and a poll that fails is noted on stderr and changes nothing.
    func sessionJobs() async throws -> [JobRecord] {
        let unfinished = Set(unfinishedJobs)
        if !unfinished.isEmpty {
            do {
                keep(all: try await client.jobs(limit: 100).filter { unfinished.contains($0.id) })
            } catch let error as ArmoxError {
                output.err(noteLine("could not bring the unfinished jobs up to date (\(error.description)); they show their last known status"))
            }
        }
        return session.startedJobs.reversed().compactMap { session.jobs[$0] }
    }

    /// A job's prompt for the PROMPT column: its input's `prompt`, on one
    /// line and without control characters (a server's bytes never move
    /// the cursor); `-` when it has none (an app run, an input never seen).
    static func promptCell(_ job: Job) -> String {
        guard let prompt = job.input?["prompt"]?.stringValue, !prompt.isEmpty else { return "-" }
        return TerminalText.printable(prompt)
    }
}
