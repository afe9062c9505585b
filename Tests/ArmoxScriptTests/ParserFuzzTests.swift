import Foundation
import ArmoxTestSupport
import Testing

@testable import ArmoxScript


/// Random sources, heavy in the characters the language gives a meaning to.
struct SourceFuzzer {
    var random: SplitMix64

    static let alphabet: [String] = [
        "\"", "\"", "'", "[", "[", "]", "]", "{", "{", "}", "}", "$", "$", "=", "==", "!=", "\\", "#", ";", ",",
        "\n", "\n", " ", " ", " ", "\t", "\r\n", "-", "--", ".", ":", "/", "!", "_", "a", "b", "x", "e", "n", "u",
        "0", "1", "9", "é", "東", "🎬", "for ", "if ", "else", " in ", "\"\"\"", "${", "\\\n", "true", "null",
        "\\u{", "\\n", "k=", "--f=", "echo ", "run ", "x = ",
    ]

    static let validPrograms: [String] = [
        "run google/nano-banana \"a cat\" aspect_ratio=16:9 --detach --timeout=30",
        "hero = run \"a perfume bottle\"\nurls = $hero.outputs\necho \"first: ${hero.outputs[0]}\"",
        "for p in [\"a cat\", \"a dog\"] { run $p --detach }",
        "if $job.status == \"failed\" { echo \"failed: $job.error\" } else if $x != 2 { echo ok } else { echo no }",
        "x = [a, [b, c],\n  \"d\", $e.f[-1], 1.5e3, true, null,]\n# comment\nset size=16:9; use google/veo",
        "echo \"\"\"\n  multi $name\n  line \\u{1F3AC} ${a.b}\n  \"\"\" 'raw $x' \\\n  done",
        "open https://x.test/a.jpg?w=1&h=2#frag a#b a,b --json\nsize=\"16:9\"",
        "for i in $list {\n  if $i {\n    echo $i\n  }\n}\necho 東京 🎬 é",
    ]

    /// (a) a soup of pieces of the alphabet.
    mutating func soup() -> String {
        let count = random.below(60)
        var text = ""
        for _ in 0..<count { text += Self.alphabet[random.below(Self.alphabet.count)] }
        return text
    }

    /// (a') random bytes, decoded with replacement characters where invalid.
    mutating func bytes() -> String {
        let count = random.below(40)
        var bytes: [UInt8] = []
        for _ in 0..<count {
            // Mostly ASCII, sometimes any byte.
            bytes.append(random.below(4) == 0 ? UInt8(random.below(256)) : UInt8(random.below(128)))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// (b) a valid program with spans deleted, inserted or duplicated.
    mutating func mutation() -> String {
        var scalars = Array(Self.validPrograms[random.below(Self.validPrograms.count)].unicodeScalars)
        for _ in 0..<(1 + random.below(4)) {
            let start = random.below(scalars.count + 1)
            let end = min(scalars.count, start + random.below(12))
            switch random.below(3) {
            case 0:
                scalars.removeSubrange(start..<end)
            case 1:
                scalars.insert(contentsOf: Self.alphabet[random.below(Self.alphabet.count)].unicodeScalars, at: start)
            default:
                scalars.insert(contentsOf: scalars[start..<end], at: random.below(scalars.count + 1))
            }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    mutating func next() -> String {
        switch random.below(5) {
        case 0: return soup()
        case 1: return bytes()
        default: return mutation()
        }
    }
}

/// Checks every location in a parse result, or in its error, lies inside the source.
struct LocationBounds {
    /// Unicode scalars on each line (a `\r` before the line break included).
    let lineLengths: [Int]

    init(_ text: String) {
        var lengths = [0]
        for scalar in text.unicodeScalars {
            if scalar == "\n" { lengths.append(0) } else { lengths[lengths.count - 1] += 1 }
        }
        lineLengths = lengths
    }

    func contains(_ location: ArmoxScript.SourceLocation) -> Bool {
        guard location.file == "fuzz", location.line >= 1, location.line <= lineLengths.count else { return false }
        return location.column >= 1 && location.column <= lineLengths[location.line - 1] + 1
    }

    func check(_ statements: [Statement]) -> Bool {
        statements.allSatisfy { statement in
            guard contains(statement.location) else { return false }
            switch statement {
            case .command(let command): return check(command)
            case .assignment(let assignment):
                switch assignment.value {
                case .command(let command): return check(command)
                case .expression(let value): return check(value)
                case .loop(let loop): return check(loop.sequence) && check(loop.body)
                }
            case .forIn(let loop): return check(loop.sequence) && check(loop.body)
            case .ifElse(let branch):
                return check(branch.condition.left) && (branch.condition.comparison.map { check($0.1) } ?? true)
                    && check(branch.then) && check(branch.otherwise ?? [])
            }
        }
    }

    func check(_ command: Command) -> Bool {
        contains(command.location) && command.arguments.allSatisfy { argument in
            guard contains(argument.location) else { return false }
            switch argument.kind {
            case .positional(let value), .keyValue(_, let value): return check(value)
            case .flag(_, let value): return value.map(check) ?? true
            }
        }
    }

    func check(_ expression: ArmoxScript.Expression) -> Bool {
        guard contains(expression.location) else { return false }
        switch expression.kind {
        case .list(let items): return items.allSatisfy(check)
        case .variable(let path): return contains(path.location)
        case .interpolated(let parts):
            return parts.allSatisfy { part in
                if case .variable(let path) = part { return contains(path.location) }
                return true
            }
        default: return true
        }
    }
}

@Suite("Parser fuzzing")
struct ParserFuzzTests {
    static var iterations: Int {
        ProcessInfo.processInfo.environment["ARMOX_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 20_000
    }

    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["ARMOX_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0xA4_3D0C
    }

    @Test func randomSourcesParseOrFailWithALocatedError() {
        var fuzzer = SourceFuzzer(random: SplitMix64(seed: Self.seed))
        var parsedCount = 0
        var failed = 0
        for iteration in 0..<Self.iterations {
            let text = fuzzer.next()
            let source = SourceText(name: "fuzz", text: text)
            let bounds = LocationBounds(text)
            do {
                let program = try Parser.parse(source)
                parsedCount += 1
                #expect(bounds.check(program.statements), "a location outside the source (iteration \(iteration)): \(text.debugDescription)")
            } catch let error as ScriptError {
                failed += 1
                guard let location = error.location else {
                    Issue.record("an error without a location (iteration \(iteration)): \(text.debugDescription)")
                    continue
                }
                #expect(bounds.contains(location), "error at \(location) outside the source (iteration \(iteration)): \(text.debugDescription)")
                #expect(!error.message.isEmpty)
                _ = error.attaching(source).rendered()
            } catch {
                Issue.record("not a ScriptError: \(error) (iteration \(iteration)): \(text.debugDescription)")
            }
        }
        // Both outcomes should be common, or the generator is not doing its job.
        #expect(parsedCount > Self.iterations / 20)
        #expect(failed > Self.iterations / 20)
    }

    @Test func aSeedReplaysOnEveryMachine() {
        // A failure is reported with its seed: the generator must be
        // SplitMix64 as published (its reference vectors for seed 1234567),
        // not merely consistent with itself, so the seed replays anywhere.
        var generator = SplitMix64(seed: 1_234_567)
        #expect((0..<3).map { _ in generator.next() } == [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423])
        // And the fuzzer draws only from it: another seed, other sources.
        var one = SourceFuzzer(random: SplitMix64(seed: Self.seed &+ 1))
        var other = SourceFuzzer(random: SplitMix64(seed: Self.seed &+ 2))
        #expect((0..<20).map { _ in one.next() } != (0..<20).map { _ in other.next() })
    }

    @Test func validProgramsParse() throws {
        for text in SourceFuzzer.validPrograms {
            let program = try Parser.parse(SourceText(name: "fuzz", text: text))
            #expect(LocationBounds(text).check(program.statements))
        }
    }

    @Test func everyPrefixOfAValidProgramParsesOrFails() {
        // What a prompt sees while a statement is typed: never a crash, and an
        // unfinished string, list or block asks for more.
        for text in SourceFuzzer.validPrograms {
            let scalars = Array(text.unicodeScalars)
            for end in 0...scalars.count {
                var prefix = ""
                prefix.unicodeScalars.append(contentsOf: scalars[0..<end])
                do {
                    _ = try Parser.parse(SourceText(name: "fuzz", text: prefix))
                } catch let error as ScriptError {
                    #expect(error.location.map(LocationBounds(prefix).contains) == true, "\(prefix.debugDescription)")
                } catch {
                    Issue.record("not a ScriptError: \(error)")
                }
            }
        }
    }

    @Test func deepNestingThrowsInsteadOfCrashing() {
        for text in [
            String(repeating: "[", count: 10_000),
            "echo " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
            String(repeating: "{", count: 10_000),
            String(repeating: "if $x {", count: 10_000),
            String(repeating: "for a in [b] {", count: 10_000) + String(repeating: "}", count: 10_000),
            "x = " + String(repeating: "[a, ", count: 10_000),
        ] {
            #expect(throws: ScriptError.self) { try Parser.parse(SourceText(name: "fuzz", text: text)) }
        }
    }
}
