import ArmoxAPI

extension Evaluator {
    /// The value of one word.
    func evaluate(_ expression: Expression) throws -> Value {
        switch expression.kind {
        case .bareword(let text), .string(let text): return .string(text)
        case .number(let raw): return .number(Number(raw: raw))
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .list(let items): return .list(try items.map(evaluate))
        case .variable(let path): return try resolve(path)
        case .interpolated(let parts):
            var text = ""
            for part in parts {
                switch part {
                case .text(let literal): text += literal
                case .variable(let path):
                    let value = try resolve(path)
                    // While checking: a string made of a value known only at run time is too.
                    if value.isKnownOnlyAtRunTime { return .unknown("a string holding \(path.text)") }
                    text += value.text
                }
            }
            return .string(text)
        }
    }

    /// `$name.field[0]`: the root, then each step.
    func resolve(_ path: VariablePath) throws -> Value {
        var steps = path.steps[...]
        var value: Value
        switch path.name {
        case "env":
            // `$env.NAME`: an unset variable is null, so `if $env.CI { … }` works.
            guard case .field(let name)? = steps.first else {
                return .object(session.environment.mapValues(Value.string))
            }
            steps = steps.dropFirst()
            value = session.environment[name].map(Value.string) ?? .null
        case "args":
            value = .list(session.arguments.map(Value.string))
        case "model":
            value = session.currentModelIsKnownOnlyAtRunTime ? .unknown("$model") : session.currentModel.map(Value.string) ?? .null
        case "0":
            value = session.scriptName.map(Value.string) ?? .null
        default:
            if let number = Int(path.name) {
                guard number >= 1, number <= session.arguments.count else {
                    let count = session.arguments.count
                    throw ScriptError(
                        "\(path.text.prefix(while: { $0 != "." && $0 != "[" })) was not given: the script got \(count) argument\(count == 1 ? "" : "s")",
                        hint: "pass arguments after the file: armox script.armox first second", at: path.location)
                }
                value = .string(session.arguments[number - 1])
            } else if let stored = session.variables[path.name] {
                value = stored
            } else {
                throw undefined(path)
            }
        }
        for step in steps {
            value = try self.step(into: value, step, path: path)
        }
        return value
    }

    private func undefined(_ path: VariablePath) -> ScriptError {
        if ["_", "job", "output", "outputs"].contains(path.name) {
            return ScriptError(
                "$\(path.name) is not set yet", hint: "it is set after the first command that returns a job or value",
                at: path.location)
        }
        let known = Array(session.variables.keys) + ["args", "env", "model"]
        return ScriptError(
            "undefined variable $\(path.name)",
            hint: Nearest.hint(for: path.name, among: known, shown: { "$" + $0 }, otherwise: "assign it first: \(path.name) = …"),
            at: path.location)
    }

    private func step(into value: Value, _ step: VariablePath.Step, path: VariablePath) throws -> Value {
        switch (value, step) {
        // While checking: a planned run's job knows its model and that it
        // will have outputs; anything else known only at run time is so all the way down.
        case (.unknown(let unknown), .field(let name)):
            guard let run = unknown.run else { return .unknown(path.text) }
            guard let field = Value.plannedField(run, name, path: path.text) else {
                throw ScriptError(
                    "a job has no field \"\(name)\" (in \(path.text))",
                    hint: "its fields: " + Value.jobFields.joined(separator: ", "), at: path.location)
            }
            return field
        case (.unknown, .index):
            return .unknown(path.text)
        case (.list(let items), .index(let index)):
            let position = index < 0 ? items.count + index : index
            guard items.indices.contains(position) else {
                // A planned run's outputs: how many there will be is known only then.
                if Value.list(items).isKnownOnlyAtRunTime { return .unknown(path.text) }
                throw ScriptError(
                    "index \(index) is out of range in \(path.text): the list has \(items.count) item\(items.count == 1 ? "" : "s")",
                    at: path.location)
            }
            return items[position]
        case (.list(let items), .field("count")), (.list(let items), .field("length")):
            return .number(Number(items.count))
        case (.list(let items), .field("first")):
            return items.first ?? .null
        case (.list(let items), .field("last")):
            return items.last ?? .null
        case (.object(let fields), .field(let name)):
            // API objects have optional fields: a missing one reads as null.
            return fields[name] ?? .null
        case (.job(let job), .field(let name)):
            guard let field = Value.jobField(job.job, name) else {
                throw ScriptError(
                    "a job has no field \"\(name)\" (in \(path.text))",
                    hint: "its fields: " + Value.jobFields.joined(separator: ", "), at: path.location)
            }
            return field
        case (.job(let job), .index):
            // `$hero[0]` is a natural slip for `$hero.outputs[0]`.
            return try self.step(into: .list(job.outputURLs.map(Value.string)), step, path: path)
        case (.string(let text), .field("count")), (.string(let text), .field("length")):
            return .number(Number(text.count))
        case (_, .field(let name)):
            throw ScriptError("\(value.kindName) has no field \"\(name)\" (in \(path.text))", at: path.location)
        case (_, .index(let index)):
            throw ScriptError("\(value.kindName) cannot be indexed with [\(index)] (in \(path.text))", at: path.location)
        }
    }
}
