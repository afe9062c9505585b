import ArmoxAPI

/// One output of a batch (`download`, `preview`) failed: the error whole, as
/// the client threw it, and a note on which output it was and what was saved
/// before it. The statement reports it as its cause with the note added, so
/// the exit status and hint stay the cause's. Cancellation is never wrapped
/// (see `wrapping`): Ctrl-C and SIGTERM must still read as an interruption.
struct BatchFailure: Error, CustomStringConvertible {
    let underlying: any Error
    /// ` (output 2 of 3; saved before it: …)`
    let note: String

    var description: String { "\(underlying)\(note)" }

    /// `error` with the note, unless it is a cancellation, which passes as it is.
    static func wrapping(_ error: any Error, note: String) -> any Error {
        error is CancellationError ? error : BatchFailure(underlying: error, note: note)
    }

    /// The failure as the statement reports it.
    func reported(at location: SourceLocation, key: String?) -> any Error {
        switch underlying {
        case var error as ScriptError:
            error.message += note
            if error.location == nil { error.location = location }
            return error
        case let error as ArmoxError:
            var reported = ScriptError(error, at: location, key: key)
            reported.message += note
            return reported
        default:
            return underlying
        }
    }
}
