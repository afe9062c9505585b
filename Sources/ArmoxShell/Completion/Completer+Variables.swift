import ArmoxAPI
import ArmoxScript

extension Completer {
    /// `$na` → `$name`; `$hero.st` → `$hero.status` (fields of jobs, objects,
    /// `$env` and lists, walked as deep as typed; indexes are not followed);
    /// `${na` and `${hero.st` likewise. Inside a string `$name` takes a name
    /// only, so there fields complete in the `${…` form alone.
    ///
    /// A candidate whose value has fields (a job, an object, a list, `$env`)
    /// ends without a space, so `.` can follow; otherwise with a space, or
    /// with `}` after `${…`, or nothing at all inside a string.
    static func variables(_ typed: String, inString: Bool, _ snapshot: CompletionSnapshot) -> [Candidate] {
        let braced = typed.hasPrefixBytes("${")
        let opener = braced ? "${" : "$"
        let path = typed.utf8.dropFirst(opener.utf8.count)
        guard path.allSatisfy({ Bareword.isFieldByte($0) || $0 == UInt8(ascii: ".") }) else { return [] }
        let leaf = braced ? (inString ? "}" : "} ") : (inString ? "" : " ")
        func terminator(_ value: Value?) -> String { value.map(hasFields) == true ? "" : leaf }
        let parts = path.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let partial = parts[parts.count - 1]

        guard parts.count > 1 else {
            var candidates: [Candidate] = []
            for (name, value) in snapshot.variables where Bareword.isVariableName(name) && name.hasPrefixBytes(partial) {
                candidates.append(Candidate(opener + name, terminator: terminator(value)))
            }
            if "env".hasPrefixBytes(partial) && snapshot.variables["env"] == nil {
                candidates.append(Candidate(opener + "env", terminator: terminator(.object([:]))))
            }
            return sorted(candidates)
        }
        guard !inString || braced else { return [] }  // "$name.x" in a string is $name then text
        var value: Value? = root(parts[0], snapshot)
        for field in parts[1..<(parts.count - 1)] {
            value = value.flatMap { child(of: $0, field) }
        }
        guard let value else { return [] }
        let stem = opener + parts.dropLast().joined(separator: ".") + "."
        let candidates = fields(of: value).filter { $0.name.hasPrefixBytes(partial) }.map { field in
            Candidate(stem + field.name, terminator: terminator(field.value), display: field.name)
        }
        return sorted(candidates)
    }

    /// What `$name` holds; `$env` is the environment as an object.
    static func root(_ name: String, _ snapshot: CompletionSnapshot) -> Value? {
        if let value = snapshot.variables[name] { return value }
        guard name == "env" else { return nil }
        return .object(snapshot.environment.mapValues { Value.string($0) })
    }

    static func hasFields(_ value: Value) -> Bool {
        switch value {
        case .job, .object, .list: return true
        default: return false
        }
    }

    /// The fields `.name` can reach on a value (names a path can spell only).
    static func fields(of value: Value) -> [(name: String, value: Value?)] {
        switch value {
        case .job(let job):
            return Value.jobFields.map { ($0, jobField(job.job, $0)) }
        case .object(let object):
            return object.filter { !$0.key.isEmpty && $0.key.utf8.allSatisfy(Bareword.isFieldByte) }.map { ($0.key, $0.value) }
        case .list(let items):
            return [("count", .number(Number(items.count))), ("first", items.first), ("last", items.last)]
        default:
            return []
        }
    }

    static func child(of value: Value, _ name: String) -> Value? {
        switch value {
        case .job(let job): return jobField(job.job, name)
        case .object(let object): return object[name]
        case .list(let items):
            switch name {
            case "first": return items.first
            case "last": return items.last
            case "count": return .number(Number(items.count))
            default: return nil
            }
        default: return nil
        }
    }

    /// The fields of a job that hold more than text (the rest read as text here).
    static func jobField(_ job: Job, _ name: String) -> Value? {
        switch name {
        case "outputs": return .list(job.outputURLs.map(Value.string))
        case "input": return job.input.map(Value.init)
        case "output_data": return job.output.map(Value.init)
        default: return Value.jobFields.contains(name) ? .string("") : nil
        }
    }
}
