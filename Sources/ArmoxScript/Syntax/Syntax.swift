/// The syntax tree of the armox language (docs/language.md).
///
/// A program is a list of statements. Every node keeps the location where it
/// begins, so the evaluator can point at the exact word that was wrong.

/// A parsed source: its statements and the text they came from (for error carets).
public struct Program: Sendable {
    public var source: SourceText
    public var statements: [Statement]

    public init(source: SourceText, statements: [Statement]) {
        self.source = source
        self.statements = statements
    }
}

/// Commands and assignments, nearly every statement of a script, are held
/// inline in their statement list, with no allocation of their own; the two
/// larger block statements are boxed.
public enum Statement: Sendable {
    /// `run "a cat" aspect_ratio=1:1`
    case command(Command)
    /// `name = <command>` (captures the command's result), `name = <expression>`,
    /// or `name = for … { … }` (collects each pass's last result).
    case assignment(Assignment)
    /// `for NAME in EXPR { … }`
    indirect case forIn(ForIn)
    /// `if COND { … } else { … }`; `else if` nests another `.ifElse` in `otherwise`.
    indirect case ifElse(IfElse)

    public var location: SourceLocation {
        switch self {
        case .command(let command): return command.location
        case .assignment(let assignment): return assignment.location
        case .forIn(let loop): return loop.location
        case .ifElse(let branch): return branch.location
        }
    }
}

/// A command and its words, e.g. `run google/nano-banana "a cat" aspect_ratio=1:1 --detach`.
public struct Command: Sendable {
    /// The command name as written (`run`, `run-app`, …).
    public var name: String
    public var location: SourceLocation
    public var arguments: [Argument]

    public init(name: String, location: SourceLocation, arguments: [Argument]) {
        self.name = name
        self.location = location
        self.arguments = arguments
    }
}

public struct Argument: Sendable {
    public enum Kind: Sendable {
        /// A plain word: `google/nano-banana`, `"a cat"`, `$hero`, `[a, b]`.
        case positional(Expression)
        /// `key=value`: only when the word starts with an identifier then `=`.
        case keyValue(key: String, value: Expression)
        /// `--name` (value nil) or `--name=value`.
        case flag(name: String, value: Expression?)
    }

    /// How an argument is held. A script's arguments are mostly positional
    /// words that begin where their expression does, so those keep only the
    /// expression (the location is the expression's) and are as large as it;
    /// any other argument is boxed with its own location.
    private enum Storage: Sendable {
        case positional(Expression)
        indirect case other(Kind, SourceLocation)
    }

    private var storage: Storage

    public init(_ kind: Kind, at location: SourceLocation) {
        if case .positional(let expression) = kind, expression.location == location {
            storage = .positional(expression)
        } else {
            storage = .other(kind, location)
        }
    }

    public var kind: Kind {
        get {
            switch storage {
            case .positional(let expression): return .positional(expression)
            case .other(let kind, _): return kind
            }
        }
        set { self = Argument(newValue, at: location) }
    }

    /// Where the whole argument begins (the key of `key=value`, the `--` of a flag).
    public var location: SourceLocation {
        get {
            switch storage {
            case .positional(let expression): return expression.location
            case .other(_, let location): return location
            }
        }
        set { self = Argument(kind, at: newValue) }
    }
}

public struct Assignment: Sendable {
    public enum Value: Sendable {
        case command(Command)
        case expression(Expression)
        /// `made = for r in $rows { … }`: the list of each pass's last result.
        indirect case loop(ForIn)
    }

    /// The variable name (an identifier: `[A-Za-z_][A-Za-z0-9_]*`).
    public var name: String
    public var location: SourceLocation
    public var value: Value

    public init(name: String, location: SourceLocation, value: Value) {
        self.name = name
        self.location = location
        self.value = value
    }
}

public struct ForIn: Sendable {
    public var variable: String
    public var location: SourceLocation
    public var sequence: Expression
    public var body: [Statement]

    public init(variable: String, location: SourceLocation, sequence: Expression, body: [Statement]) {
        self.variable = variable
        self.location = location
        self.sequence = sequence
        self.body = body
    }
}

public struct IfElse: Sendable {
    public var location: SourceLocation
    public var condition: Condition
    public var then: [Statement]
    /// The `else` block; `else if …` is a single nested `.ifElse` statement.
    public var otherwise: [Statement]?

    public init(location: SourceLocation, condition: Condition, then: [Statement], otherwise: [Statement]?) {
        self.location = location
        self.condition = condition
        self.then = then
        self.otherwise = otherwise
    }
}

public struct Condition: Sendable {
    public enum Comparison: String, Sendable {
        case equal = "=="
        case notEqual = "!="
    }

    public var left: Expression
    /// nil: the condition is the truthiness of `left`.
    public var comparison: (Comparison, Expression)?

    public init(left: Expression, comparison: (Comparison, Expression)?) {
        self.left = left
        self.comparison = comparison
    }
}

/// One word's value as written.
///
/// Its kind is stored inline (only a variable's path, the largest payload,
/// is boxed), so a word costs no allocation of its own: a script of millions
/// of words holds millions of these.
public struct Expression: Sendable {
    public enum Kind: Sendable {
        /// An unquoted word that is not a number or keyword: `google/nano-banana`, `16:9`.
        case bareword(String)
        /// `'raw'`, or a `"…"`/`"""…"""` string without interpolation (escapes applied).
        case string(String)
        /// A `"…"` or `"""…"""` string with `$name` / `${path}` parts.
        case interpolated([StringPart])
        /// A number kept as written (`2`, `2.50`, `-1e3`), printed the same way.
        case number(String)
        case bool(Bool)
        case null
        case list([Expression])
        /// `$name`, `$hero.outputs[0]`, `$env.HOME`, `$1`.
        indirect case variable(VariablePath)
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

public enum StringPart: Sendable {
    case text(String)
    /// `$name` (name only) or `${path}` (fields and indexes) inside a string.
    case variable(VariablePath)
}

/// `$name.field.sub[0]`: a root name and the steps from it.
public struct VariablePath: Sendable, Hashable {
    public enum Step: Sendable, Hashable {
        case field(String)
        /// `[0]`; negative counts from the end (`[-1]` is the last).
        case index(Int)
    }

    /// `name`, `_`, `1`, `args`, `env`, …
    public var name: String
    public var steps: [Step]
    public var location: SourceLocation

    public init(name: String, steps: [Step] = [], location: SourceLocation) {
        self.name = name
        self.steps = steps
        self.location = location
    }

    /// How it reads in source: `$hero.outputs[0]`.
    public var text: String {
        "$" + name + steps.map { step in
            switch step {
            case .field(let field): return "." + field
            case .index(let index): return "[\(index)]"
            }
        }.joined()
    }
}
