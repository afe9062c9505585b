import ArmoxAPI
import ArmoxRender

/// What only the program's edge can provide, given to the evaluator when it
/// is made and never changed after: the evaluator asks nothing of a terminal,
/// starts no process and runs no server of its own.
///
/// The `armox` executable builds the live host (`ArmoxHost.LiveHost`); tests
/// build theirs. A capability left out makes the command that needs it say so
/// in one line (`login` without `readSecret`, `history` and `record` without
/// `prompt`, `listen` without `webhooks`), or fall back where one exists
/// (`open` without an opener prints the URLs).
public struct EvaluatorHost {
    /// How output should look now (the terminal's width, colour, inline
    /// images): asked afresh for every table and error, so a resize applies
    /// from the next command.
    public var outputStyle: () -> OutputStyle
    /// Draws the live wait lines; nil where stderr is no terminal.
    public var waitDisplay: (any WaitDisplay)?
    /// The interactive prompt: its history, and that statements are typed.
    public var prompt: PromptEntries?
    /// Told whenever the catalogue (models or apps) is fetched, so the prompt
    /// keeps its completion cache as fresh as what the evaluator saw.
    public var catalogueObserver: (@Sendable (CatalogueUpdate) -> Void)?
    /// Where `login` stores keys; nil in a sandbox session (it needs none).
    public var credentials: CredentialsFile?
    /// Reads a line without echo for `login`: nil at the end of input,
    /// `CancellationError` on Ctrl-C.
    public var readSecret: ((String) throws -> String?)?
    /// Hands outputs to the desktop (`open`).
    public var opener: (any Opener)?
    /// Starts webhook receivers on loopback (`listen`).
    public var webhooks: (any WebhookListening)?
    /// The run ledger, where the session has one (`runs`, `spend`,
    /// `rerun`, `wait pending`, `--resume` need it).
    public var ledger: LedgerSession?

    public init(
        outputStyle: @escaping () -> OutputStyle = { .plain },
        waitDisplay: (any WaitDisplay)? = nil,
        prompt: PromptEntries? = nil,
        catalogueObserver: (@Sendable (CatalogueUpdate) -> Void)? = nil,
        credentials: CredentialsFile? = nil,
        readSecret: ((String) throws -> String?)? = nil,
        opener: (any Opener)? = nil,
        webhooks: (any WebhookListening)? = nil,
        ledger: LedgerSession? = nil
    ) {
        self.outputStyle = outputStyle
        self.waitDisplay = waitDisplay
        self.prompt = prompt
        self.catalogueObserver = catalogueObserver
        self.credentials = credentials
        self.readSecret = readSecret
        self.opener = opener
        self.webhooks = webhooks
        self.ledger = ledger
    }

    /// Nothing from the edge: plain output, no terminal, no prompt.
    public static var none: EvaluatorHost { EvaluatorHost() }
}
