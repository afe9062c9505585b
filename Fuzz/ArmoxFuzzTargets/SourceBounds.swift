import ArmoxScript

/// Where each byte of a source is, computed the long way (lines split at
/// `\n`, columns counted in Unicode scalars as `SourceLocation` says), to
/// check the lexer's and the parser's locations against.
struct SourceBounds {
    let file: String
    /// Unicode scalars on each line (a `\r` before the line break included).
    let lineLengths: [Int]
    /// The location of every byte offset, and of the end.
    private let locations: [SourceLocation]

    var byteCount: Int { locations.count - 1 }

    init(_ text: String, file: String) {
        self.file = file
        var lengths = [0]
        var locations: [SourceLocation] = []
        locations.reserveCapacity(text.utf8.count + 1)
        var line = 1
        var column = 1
        for byte in text.utf8 {
            locations.append(SourceLocation(file: file, line: line, column: column))
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
                lengths.append(0)
            } else if byte & 0xC0 != 0x80 {
                // Not a continuation byte: the start of a scalar.
                column += 1
                lengths[lengths.count - 1] += 1
            }
        }
        locations.append(SourceLocation(file: file, line: line, column: column))
        self.lineLengths = lengths
        self.locations = locations
    }

    func location(ofByte offset: Int) -> SourceLocation {
        locations[offset]
    }

    func contains(_ location: SourceLocation) -> Bool {
        guard location.file == file, location.line >= 1, location.line <= lineLengths.count else { return false }
        return location.column >= 1 && location.column <= lineLengths[location.line - 1] + 1
    }

    func check(_ statements: [Statement]) throws {
        for statement in statements {
            try located(statement.location, "statement")
            switch statement {
            case .command(let command): try check(command)
            case .assignment(let assignment):
                try located(assignment.location, "assignment")
                switch assignment.value {
                case .command(let command): try check(command)
                case .expression(let value): try check(value)
                case .loop(let loop):
                    try located(loop.location, "for")
                    try check(loop.sequence)
                    try check(loop.body)
                }
            case .forIn(let loop):
                try located(loop.location, "for")
                try check(loop.sequence)
                try check(loop.body)
            case .ifElse(let branch):
                try located(branch.location, "if")
                try check(branch.condition.left)
                if let (_, right) = branch.condition.comparison { try check(right) }
                try check(branch.then)
                try check(branch.otherwise ?? [])
            }
        }
    }

    func check(_ command: Command) throws {
        try located(command.location, "command \(command.name)")
        for argument in command.arguments {
            try located(argument.location, "argument of \(command.name)")
            switch argument.kind {
            case .positional(let value), .keyValue(_, let value): try check(value)
            case .flag(_, let value): if let value { try check(value) }
            }
        }
    }

    func check(_ expression: ArmoxScript.Expression) throws {
        try located(expression.location, "expression")
        switch expression.kind {
        case .list(let items): for item in items { try check(item) }
        case .variable(let path): try located(path.location, "variable \(path.text)")
        case .interpolated(let parts):
            for case .variable(let path) in parts { try located(path.location, "variable \(path.text) in a string") }
        default: break
        }
    }

    private func located(_ location: SourceLocation, _ what: String) throws {
        try require(contains(location), "\(what) at \(location), outside the source")
    }
}
