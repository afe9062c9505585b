/// A `for` over rows `read` made: an error of a pass that comes from the
/// row (a bad value, a refused run) is reported at the row's line in the
/// data file, with the statement as a note:
///
///     prompts.csv:18: error: aspect_ratio: 7:3 is not one of …
///     a fox at dawn,7:3
///     note: in the pass for row 17 of prompts.csv, at batch.armox:5:3
extension Evaluator {
    /// One pass of such a loop: the item, where it came from, and the
    /// places in the body that read the loop's variable.
    struct DataPass {
        var origin: DataOrigin
        var index: Int
        var reading: Set<SourceLocation>
    }

    /// The origin of the list `expression` evaluates to: a variable `read`
    /// filled (or one copied from it), with one line per item.
    func dataOrigin(of expression: Expression, items: Int) -> DataOrigin? {
        guard case .variable(let path) = expression.kind, path.steps.isEmpty,
            let origin = session.dataOrigins[path.name], origin.lines.count == items
        else { return nil }
        return origin
    }

    /// `error` at the row of the innermost pass whose body read the row where
    /// the error is; else unchanged.
    func dataLocated(_ error: ScriptError) -> ScriptError {
        guard let location = error.location, !dataPasses.isEmpty else { return error }
        for pass in dataPasses.reversed() where pass.reading.contains(location) {
            var located = error
            let origin = pass.origin
            let row = origin.location(ofItem: pass.index)
            // A failure of the API (no key, a server down, a refusal) is the
            // statement's: it keeps its place, and the note names the row.
            guard error.exitStatus != .apiError else {
                let note = "in the pass for \(origin.itemNoun) \(pass.index + 1) of \(origin.source.name) (\(row))"
                located.note = located.note.map { note + "; " + $0 } ?? note
                return located
            }
            located.location = row
            located.sourceLine = origin.source.line(origin.lines[pass.index])
            let note = "in the pass for \(origin.itemNoun) \(pass.index + 1) of \(origin.source.name), at \(location)"
            located.note = located.note.map { note + "; " + $0 } ?? note
            return located
        }
        return error
    }

    /// Where `statements` read `$name`: each word that does, its argument,
    /// and its statement (a refusal of the whole run points there).
    static func locations(reading name: String, in statements: [Statement]) -> Set<SourceLocation> {
        var found = Set<SourceLocation>()
        func command(_ command: Command) {
            var reads = false
            for argument in command.arguments {
                let expression: Expression?
                switch argument.kind {
                case .positional(let value): expression = value
                case .keyValue(_, let value): expression = value
                case .flag(_, let value): expression = value
                }
                guard let expression, Self.expression(expression, reads: name) else { continue }
                reads = true
                found.insert(argument.location)
                found.insert(expression.location)
            }
            if reads { found.insert(command.location) }
        }
        func walk(_ statements: [Statement]) {
            for statement in statements {
                switch statement {
                case .command(let value):
                    command(value)
                case .assignment(let assignment):
                    switch assignment.value {
                    case .command(let value):
                        command(value)
                    case .expression(let expression):
                        if Self.expression(expression, reads: name) {
                            found.insert(expression.location)
                            found.insert(assignment.location)
                        }
                    case .loop(let loop):
                        if Self.expression(loop.sequence, reads: name) { found.insert(loop.sequence.location) }
                        walk(loop.body)
                    }
                case .forIn(let loop):
                    if Self.expression(loop.sequence, reads: name) { found.insert(loop.sequence.location) }
                    walk(loop.body)
                case .ifElse(let branch):
                    for side in [branch.condition.left, branch.condition.comparison?.1].compactMap({ $0 })
                    where Self.expression(side, reads: name) {
                        found.insert(side.location)
                    }
                    walk(branch.then)
                    if let otherwise = branch.otherwise { walk(otherwise) }
                }
            }
        }
        walk(statements)
        return found
    }

    private static func expression(_ expression: Expression, reads name: String) -> Bool {
        switch expression.kind {
        case .variable(let path): return path.name == name
        case .interpolated(let parts):
            return parts.contains { if case .variable(let path) = $0 { path.name == name } else { false } }
        case .list(let items): return items.contains { Self.expression($0, reads: name) }
        default: return false
        }
    }
}
