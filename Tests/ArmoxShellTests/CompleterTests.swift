import ArmoxAPI
import ArmoxScript
import Testing

@testable import ArmoxShell

@Suite("Completer: where a word stands")
struct CompleterTests {
    let allCommands = (CommandCatalog.names + ["for", "if", "else"]).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }

    @Test func anEmptyLineOffersEveryCommandAndKeyword() {
        let completion = complete("")
        #expect(completion.replacing == "")
        #expect(completion.texts == allCommands)
        #expect(completion.candidates.allSatisfy { $0.terminator == " " })
        #expect(completion.insertion == nil)
        #expect(complete("   ").texts == allCommands)
    }

    @Test func aCommandByItsPrefix() {
        let completion = complete("ru")
        #expect(completion.replacing == "ru")
        #expect(completion.texts == ["run", "run-app", "runs"])
        #expect(completion.insertion == "run")
        #expect(complete("he").insertion == "help ")
        #expect(complete("mod").texts == ["model", "models"])
        #expect(complete("mod").insertion == "model")
        #expect(complete("f").texts == ["for"])
        #expect(complete("e").texts == ["echo", "else", "exit"])
        #expect(complete("zzz").candidates.isEmpty)
    }

    @Test func candidatesAreSortedByteWiseWithoutDuplicates() {
        var commands = CommandCatalog.all
        commands.append(commands[0])  // a duplicate name
        let snapshot = CompletionSnapshot(commands: commands)
        let texts = Completer.complete("", cursor: 0, in: snapshot).texts
        #expect(texts == allCommands)
        #expect(Set(texts).count == texts.count)
    }

    @Test func statementsStartAfterSeparators() {
        #expect(complete("use google/veo-3; ru").texts == ["run", "run-app", "runs"])
        #expect(complete("use google/veo-3;ru").texts == ["run", "run-app", "runs"])
        #expect(complete("models\nru").texts == ["run", "run-app", "runs"])
        #expect(complete("for f in [a, b] { ru").texts == ["run", "run-app", "runs"])
        #expect(complete("for f in [a, b] {ru").texts == ["run", "run-app", "runs"])
        #expect(complete("if $hero.status == completed { echo ok }; ru").texts == ["run", "run-app", "runs"])
        #expect(complete("if $x { echo a } el").texts == ["else"])
        #expect(complete("if $x { echo a } else i").texts == ["if"])
        #expect(complete("if $x { echo a } else { ech").texts == ["echo"])
        #expect(complete("run \\\n  goo").texts.contains("google/nano-banana"), "a line continuation keeps the statement")
    }

    @Test func assignmentsCaptureACommand() {
        let completion = complete("x = ru")
        #expect(completion.replacing == "ru")
        #expect(completion.texts == ["run", "run-app", "runs"])
        #expect(complete("x = f").texts.isEmpty, "no keywords after =")
        #expect(complete("x = run google/n").texts == ["google/nano-banana"])
        #expect(complete("hero = run google/nano-banana \"a cat\" asp").texts == ["aspect_ratio="])
        #expect(complete("x = $he").texts == ["$hero"])
    }

    @Test func keywordStatementsOfferOnlyVariables() {
        #expect(complete("for f in ").candidates.isEmpty)
        #expect(complete("if $he").texts == ["$hero"])
        #expect(complete("for p in [$si").texts == ["$size"])
    }

    @Test func commentsAndRawStringsCompleteNothing() {
        #expect(complete("# ru").candidates.isEmpty)
        #expect(complete("run \"a cat\" # asp").candidates.isEmpty)
        #expect(complete("echo 'a $he").candidates.isEmpty)
        #expect(complete("echo '$he").candidates.isEmpty)
        // `#` inside a word is not a comment; after a comment's line, a new statement.
        #expect(complete("echo https://x.test/a#b $he").texts == ["$hero"])
        #expect(complete("models # list\nru").texts == ["run", "run-app", "runs"])
        // Quotes in a comment do not open a string.
        #expect(complete("# it's\nru").texts == ["run", "run-app", "runs"])
    }

    @Test func doubleQuotedStringsCompleteVariablesOnly() {
        let completion = complete("echo \"a picture of $he")
        #expect(completion.replacing == "$he")
        #expect(completion.texts == ["$hero"])
        #expect(completion.candidates[0].terminator == "", "no space inside a string")
        #expect(complete("echo \"a $").texts.contains("$size"))
        #expect(complete("echo \"total \\$he").candidates.isEmpty, "an escaped $ is text")
        #expect(complete("echo \"$hero.st").candidates.isEmpty, "in a string $name takes a name only")
        #expect(complete("echo \"${hero.st").texts == ["${hero.status"])
        #expect(complete("echo \"${hero.st").candidates[0].terminator == "}")
        #expect(complete("echo \"${hero.in").candidates.map(\.terminator) == [""], "input is an object")
        #expect(complete("echo \"plain words").candidates.isEmpty)
        #expect(complete("run \"a cat\" asp").texts == [], "no model and no current model")
        #expect(complete("echo \"\"\"\nline $si").texts == ["$size"], "multi-line strings too")
        #expect(complete("echo \"closed\" $si").texts == ["$size"])
    }

    @Test func theCursorIsAUTF8OffsetAndOnlyTextBeforeItCounts() {
        let line = "echo \"東京 🎬\"; ru"
        #expect(Completer.complete(line, cursor: line.utf8.count, in: Fixture.snapshot()).texts == ["run", "run-app", "runs"])
        // The cursor in the middle: after "mo" of "models --json".
        let middle = "mo --json"
        let atTwo = Completer.complete(middle, cursor: 2, in: Fixture.snapshot())
        #expect(atTwo.replacing == "mo")
        #expect(atTwo.texts == ["model", "models"])
        // The cursor inside "run" with an argument after it.
        let inside = Completer.complete("use google/veo-3", cursor: 2, in: Fixture.snapshot())
        #expect(inside.replacing == "us")
        #expect(inside.texts == ["use"])
        // Past the end: clamped to the end.
        let beyond = Completer.complete("ru", cursor: 99, in: Fixture.snapshot())
        #expect(beyond.replacing == "ru")
        #expect(beyond.texts == ["run", "run-app", "runs"])
        #expect(Completer.complete("ru", cursor: -5, in: Fixture.snapshot()).texts == allCommands)
        // Inside a multi-byte scalar: moved back to its start.
        let cjk = "echo 東"  // 東 is 3 bytes at offset 5
        #expect(Completer.complete(cjk, cursor: 6, in: Fixture.snapshot()).replacing == "")
        #expect(Completer.complete(cjk, cursor: 7, in: Fixture.snapshot()).replacing == "")
        #expect(Completer.complete(cjk, cursor: 8, in: Fixture.snapshot()).replacing == "東")
    }

    @Test func nonASCIIBeforeTheWord() {
        let completion = complete("run \"Straße bei Nacht, 東京, 🎬\" --de", Fixture.snapshot(currentModel: "google/nano-banana"))
        #expect(completion.replacing == "--de")
        #expect(completion.texts == ["--detach"])
        #expect(complete("echo 東京 $si").texts == ["$size"])
    }

    @Test func unknownCommandsOfferNothing() {
        let completion = complete("frobnicate goo")
        #expect(completion.replacing == "goo")
        #expect(completion.candidates.isEmpty)
        #expect(complete("frobnicate --js").candidates.isEmpty)
        #expect(complete("accoun").texts == ["account"])
        #expect(complete("account ").candidates.isEmpty, "account takes no arguments")
    }

    @Test func flagsOfTheCommand() {
        let detach = complete("run google/nano-banana \"a cat\" --de")
        #expect(detach.replacing == "--de")
        #expect(detach.texts == ["--detach"])
        #expect(detach.insertion == "--detach ")
        let timeout = complete("run --ti")
        #expect(timeout.texts == ["--timeout="])
        #expect(timeout.candidates[0].terminator == "")
        #expect(timeout.insertion == "--timeout=")
        #expect(complete("run --").texts == ["--allow-failure", "--detach", "--json", "--timeout=", "--unlisted", "--webhook="])
        #expect(complete("run --detach --d").candidates.isEmpty, "a flag already given is not offered again")
        #expect(complete("wait --").texts == ["--allow-failure", "--json", "--timeout="])
        #expect(complete("models --").texts == ["--json", "--modality=", "--refresh"])
        #expect(complete("source --").texts == ["--json"], "every command takes --json")
    }

    @Test func modalitiesAfterModelsModality() {
        let all = complete("models --modality=")
        #expect(all.replacing == "")
        #expect(all.texts == ["3d", "audio", "image", "text", "video"])
        let video = complete("models --modality=vi")
        #expect(video.replacing == "vi")
        #expect(video.insertion == "video ")
        #expect(complete("run --timeout=").candidates.isEmpty)
        #expect(complete("run --webhook=$ou").texts == ["$output", "$outputs"])
    }

    @Test func helpOffersCommandNames() {
        #expect(complete("help ru").texts == ["run", "run-app", "runs"])
        #expect(complete("help ").texts == CommandCatalog.names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(complete("help run ").candidates.isEmpty)
    }
}
