import ArmoxTestSupport
import Foundation
import Testing

/// `armox --generate-completion-script bash|zsh|fish`: each script is valid
/// for its shell, and each shell, given a command line, offers what armox
/// takes there: options, the command words, `.armox` scripts where a script
/// could go, the options of a command, any file among a script's arguments.
/// The shells are the real ones (scripts/setup installs zsh and fish); a
/// test whose shell is missing is skipped.
@Suite("Shell completion scripts")
struct CompletionScriptTests {
    static func shell(_ name: String) -> URL? {
        ["/usr/bin/", "/bin/", "/usr/local/bin/"].map { URL(fileURLWithPath: $0 + name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// A folder with a script, a script in a subfolder and a file that is no script.
    struct Folder {
        let url: URL
        init() throws {
            url = try makeScratchFolder("armox-completion")
            try FileManager.default.createDirectory(at: url.appendingPathComponent("sub"), withIntermediateDirectories: true)
            for name in ["plan.armox", "notes.txt", "sub/inner.armox"] {
                try "echo hi\n".write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
        }
        func write(_ name: String, _ text: String) throws -> String {
            let path = url.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    static func script(_ shell: String) async throws -> String {
        let result = try await ArmoxProcess.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// Runs `shell` with `arguments` in `folder`; its output, after checking it exited 0.
    static func run(_ shell: URL, _ arguments: [String], in folder: Folder) async throws -> String {
        let result = try await ArmoxProcess.run(arguments, timeout: .seconds(30), executable: shell, currentDirectory: folder.url)
        #expect(result.status == 0, "\(shell.lastPathComponent) \(arguments): \(result.stderr)")
        return result.stdout
    }

    /// Lines of "LINE<TAB>candidate" as a map from each line to its candidates.
    static func candidates(_ output: String) -> [String: Set<String>] {
        var map: [String: Set<String>] = [:]
        for row in output.split(separator: "\n") {
            let parts = row.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            map[String(parts[0]), default: []].insert(String(parts[1]))
        }
        return map
    }

    /// What every shell must offer, by command line (a candidate set must hold
    /// these, and none of `absent`).
    static let expectations: [(line: String, present: Set<String>, absent: Set<String>)] = [
        ("armox ", ["sandbox", "check", "login", "logout", "plan.armox"], ["notes.txt"]),
        ("armox pl", ["plan.armox"], ["notes.txt", "sandbox"]),
        ("armox --sa", ["--sandbox"], ["--port"]),
        ("armox sandbox --p", ["--port"], ["--sandbox", "--json"]),
        ("armox --sandbox check ", ["plan.armox"], ["notes.txt", "sandbox"]),
        ("armox --api-key-file ", ["notes.txt", "plan.armox"], ["sandbox"]),
        ("armox plan.armox ", ["notes.txt"], []),
        ("armox --base-url ", [], ["plan.armox", "sandbox"]),
    ]

    static func check(_ offered: [String: Set<String>], shell: String, folderName: (String) -> String = { $0 }) {
        for (line, present, absent) in expectations {
            let got = offered[line] ?? []
            #expect(present.map(folderName).allSatisfy(got.contains), "\(shell): \"\(line)\" offered \(got.sorted())")
            #expect(absent.allSatisfy { !got.contains($0) }, "\(shell): \"\(line)\" offered \(got.sorted())")
        }
    }

    @Test func theFlagTakesTheShellAsAWordOrAfterEqualsOrFromSHELL() async throws {
        let bash = try await Self.script("bash")
        #expect(bash.contains("complete -o filenames -F _armox_with_scripts armox"))
        #expect(try await ArmoxProcess.run(["--generate-completion-script=bash"]).stdout == bash)
        #expect(try await ArmoxProcess.run(["--generate-completion-script"], environment: ["SHELL": "/bin/bash"]).stdout == bash)
        let unknown = try await ArmoxProcess.run(["--generate-completion-script", "tcsh"])
        #expect(unknown.status != 0)
        #expect(unknown.stdout.isEmpty)
    }

    @Test func helpTheWordTheScriptsOfferWorks() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        let root = try await ArmoxProcess.run(["help"], currentDirectory: folder.url)
        #expect(root.status == 0)
        #expect(root.stdout.contains("USAGE: armox"))
        #expect(try await ArmoxProcess.run(["help", "sandbox"]).stdout.contains("--port"))
        #expect(try await ArmoxProcess.run(["help", "check"]).stdout.contains("USAGE: armox check"))
        // A statement's command: its own help, not the top-level one.
        let jobs = try await ArmoxProcess.run(["help", "jobs"], currentDirectory: folder.url)
        #expect(jobs.status == 0)
        #expect(jobs.stdout.hasPrefix("jobs [--limit=N] [--session]\n"), "\(jobs.stdout)")
        #expect(!jobs.stdout.contains("USAGE: armox"))
        let typo = try await ArmoxProcess.run(["help", "jbos"], currentDirectory: folder.url)
        #expect(typo.status == 64)
        #expect(typo.stdout.isEmpty)
        #expect(typo.stderr == "armox: no command \"jbos\"\nhint: did you mean job, jobs?\n")
        // At the prompt, help check says where check is.
        let inside = try await ArmoxProcess.run(["--sandbox", "-c", "help check"], currentDirectory: folder.url)
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(inside.stdout.hasPrefix("check is run from your shell, not at this prompt: armox check FILE"))
        // A command word given where a file goes: how to run it.
        let word = try await ArmoxProcess.run(["--sandbox", "models", "video"], currentDirectory: folder.url)
        #expect(word.status == 64)
        #expect(word.stderr == "error: cannot read models\nhint: there is no file models here; models is a command: armox -c 'models video' runs it\n")
        // help is always the help, as check and login are their commands;
        // a script named help runs by its path.
        _ = try folder.write("help", "echo \"the help script\"\n")
        let always = try await ArmoxProcess.run(["--sandbox", "help"], currentDirectory: folder.url)
        #expect(always.stdout.contains("USAGE: armox"), "\(always.stderr)")
        let script = try await ArmoxProcess.run(["--sandbox", "./help"], currentDirectory: folder.url)
        #expect(script.stdout == "the help script\n", "\(script.stderr)")
        // An option's value is never a command word: -c takes "help" as its statement.
        let statement = try await ArmoxProcess.run(["--sandbox", "--budget", "5", "-c", "help"], currentDirectory: folder.url)
        #expect(statement.stdout.hasPrefix("armox commands (help <command>"), "\(statement.stderr)")
    }

    @Test(.enabled(if: shell("bash") != nil)) func bashCompletesThroughTheScriptsFunction() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        let script = try folder.write("armox.bash", try await Self.script("bash"))
        let bash = try #require(Self.shell("bash"))
        _ = try await Self.run(bash, ["-n", script], in: folder)
        // As bash calls it on TAB: COMP_WORDS, COMP_CWORD, COMP_LINE and
        // COMP_POINT set, the function given the command, the word and the one before.
        let driver = try folder.write("driver.bash", """
            source '\(script)'
            for line in "$@"; do
                read -r -a COMP_WORDS <<< "$line"
                [[ "$line" == *" " ]] && COMP_WORDS+=("")
                COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                COMP_LINE="$line"
                COMP_POINT=${#line}
                COMPREPLY=()
                _armox_with_scripts armox "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                for candidate in "${COMPREPLY[@]}"; do printf '%s\\t%s\\n' "$line" "$candidate"; done
            done
            """)
        let output = try await Self.run(bash, [driver] + Self.expectations.map(\.line) + ["armox sub/"], in: folder)
        let offered = Self.candidates(output)
        Self.check(offered, shell: "bash")
        #expect(offered["armox "]?.contains("--sandbox") == true)
        #expect(offered["armox "]?.contains("sub") == true, "folders, to reach scripts inside them")
        #expect(offered["armox sub/"] == ["sub/inner.armox"])
    }

    @Test(.enabled(if: shell("zsh") != nil)) func zshCompletesThroughCompsys() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        // Installed as zsh expects it: a file named _armox in a folder on $fpath.
        let functions = folder.url.appendingPathComponent("functions")
        try FileManager.default.createDirectory(at: functions, withIntermediateDirectories: true)
        let script = try folder.write("functions/_armox", try await Self.script("zsh"))
        let zsh = try #require(Self.shell("zsh"))
        _ = try await Self.run(zsh, ["-n", script], in: folder)
        // An interactive zsh on a pseudo-terminal (zpty) with compinit, where
        // compadd also prints what it is given, as TAB is pressed after each line.
        let driver = try folder.write("driver.zsh", """
            zmodload zsh/zpty
            zpty z zsh -f -i
            zpty -w z "PS1='%% '; fpath=(${(q)1} \\$fpath); cd ${(q)2}; autoload -Uz compinit; compinit -u -D"
            zpty -w z 'compadd () { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd "$@"; return $?; fi; local -a __hits; builtin compadd -A __hits "$@"; local r=$? h; for h in $__hits; do print -r -- "<<hit:$h>>"; done; builtin compadd "$@"; return r }'
            zpty -w z "bindkey '^I' complete-word"
            shift 2
            local line chunk out=""
            zpty -n -w z "print -r -- '<<'ready'>>'"$'\\r'
            while zpty -r -t z chunk || { sleep 0.02; true; }; do
                out+=$chunk; chunk=""
                [[ $out == *'<<ready>>'* ]] && break
            done
            for line in "$@"; do
                out=""
                zpty -n -w z "${line}"$'\\t\\C-u'"print -r -- '<<'done'>>'"$'\\r'
                while zpty -r -t z chunk || { sleep 0.02; true; }; do
                    out+=$chunk; chunk=""
                    [[ $out == *'<<done>>'* ]] && break
                done
                for hit in ${(u)${(M)${(f)out//$'\\r'/}:#*<<hit:*}}; do
                    hit=${hit#*<<hit:}
                    print -r -- "$line"$'\\t'"${hit%%>>*}"
                done
            done
            zpty -d z
            """)
        let output = try await Self.run(zsh, ["-f", driver, functions.path, folder.url.path] + Self.expectations.map(\.line), in: folder)
        let offered = Self.candidates(output)
        Self.check(offered, shell: "zsh")
        #expect(offered["armox "]?.contains("sub") == true, "folders, to reach scripts inside them")
    }

    @Test(.enabled(if: shell("fish") != nil)) func fishCompletesThroughCompleteC() async throws {
        let folder = try Folder()
        defer { folder.remove() }
        let script = try folder.write("armox.fish", try await Self.script("fish"))
        let fish = try #require(Self.shell("fish"))
        _ = try await Self.run(fish, ["--no-execute", script], in: folder)
        // `complete -C LINE` prints what TAB would offer for LINE (candidate, tab, description).
        let driver = try folder.write("driver.fish", """
            source '\(script)'
            for line in $argv
                for candidate in (complete -C "$line")
                    printf '%s\\t%s\\n' "$line" (string split -f 1 \\t -- $candidate)
                end
            end
            """)
        let output = try await Self.run(fish, ["--no-config", driver] + Self.expectations.map(\.line), in: folder)
        let offered = Self.candidates(output)
        Self.check(offered, shell: "fish", folderName: { $0 })
        #expect(offered["armox "]?.contains("sub/") == true, "folders, to reach scripts inside them")
    }
}
