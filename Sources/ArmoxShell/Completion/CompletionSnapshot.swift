import ArmoxAPI
import ArmoxScript

/// Everything the completer may look at. The session part is captured when
/// the prompt is drawn; the catalogue is whatever the on-disk cache or a
/// background refresh last produced. Sendable because TAB is handled on the
/// terminal's thread, not the evaluator's.
public struct CompletionSnapshot: Sendable {
    /// The commands and their flags (`CommandCatalog.all`).
    public var commands: [CommandSpec]
    /// Model ids, their settings, apps and their inputs (may be empty: TAB
    /// never waits for the network).
    public var catalogue: CatalogueIndex
    /// Every variable `$name` can name, the session's own (`_`, `job`,
    /// `output`, `outputs`, `model`, `args`) included.
    public var variables: [String: Value]
    /// The model `use` made current: the model in scope when a line names none.
    public var currentModel: String?
    /// What `$env.NAME` can name.
    public var environment: [String: String]
    /// Where relative paths after `source` and `download` start.
    public var workingDirectory: String
    /// Lists a folder (injected so the completer stays a pure function in tests).
    public var files: FileLister

    public init(
        commands: [CommandSpec] = CommandCatalog.all, catalogue: CatalogueIndex = CatalogueIndex(),
        variables: [String: Value] = [:], currentModel: String? = nil, environment: [String: String] = [:],
        workingDirectory: String = ".", files: FileLister = .none
    ) {
        self.commands = commands
        self.catalogue = catalogue
        self.variables = variables
        self.currentModel = currentModel
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.files = files
    }
}

/// One entry of a folder listing.
public struct FileEntry: Sendable, Equatable {
    public var name: String
    public var isDirectory: Bool

    public init(_ name: String, isDirectory: Bool = false) {
        self.name = name
        self.isDirectory = isDirectory
    }
}

/// Lists a folder's entries; nil when it cannot be read.
///
/// The contract with the completer: `folder` is the typed path up to and
/// including its last `/`, exactly as typed (quotes and escapes removed) —
/// "" for the working directory, `Examples/`, `../out/`, `/tmp/`, `~/x/`. The
/// lister resolves it: relative folders against the session's working
/// directory (the same one as `CompletionSnapshot.workingDirectory`), `~/`
/// against `$HOME` (see `FileLister.disk(workingDirectory:)`). It returns
/// every entry (dotfiles included; `.` and `..` may be left in); the completer
/// does the filtering.
public struct FileLister: Sendable {
    public var list: @Sendable (_ folder: String) -> [FileEntry]?

    public init(_ list: @escaping @Sendable (_ folder: String) -> [FileEntry]?) {
        self.list = list
    }

    /// No files at all.
    public static let none = FileLister { _ in nil }
}
