import ArgumentParser
import ArmoxAPI

/// `armox --generate-completion-script bash|zsh|fish`.
///
/// ArgumentParser writes the scripts, but from `CompletionTree`, not from
/// `Armox`: the root's FILE takes every word after the options (the script's
/// own arguments included), and a root positional that repeats makes all
/// three generators complete FILE where the command words (`sandbox`,
/// `check`, `login`, `logout`) and their options belong. Without FILE the
/// tree completes options, commands and each command's options as usual;
/// each shell's script then gets a short function of its own for what FILE
/// takes: `.armox` files (and folders) where a command word could go, and
/// any file among a script's arguments.
enum CompletionScript {
    /// The shell `--generate-completion-script` names, when it comes first
    /// (`armox --generate-completion-script zsh`, or `=zsh`); with no shell
    /// named, the one `$SHELL` is. Nil otherwise, and for a shell that has no
    /// script: the root command then answers as ArgumentParser does.
    static func requestedShell(_ arguments: [String]) -> CompletionShell? {
        let flag = "--generate-completion-script"
        guard let first = arguments.first else { return nil }
        let name: String?
        if first == flag {
            name = arguments.count > 1 ? arguments[1] : nil
        } else if first.hasPrefix(flag + "=") {
            name = String(first.dropFirst(flag.count + 1))
        } else {
            return nil
        }
        guard arguments.count <= (first == flag ? 2 : 1) else { return nil }
        guard let name else { return CompletionShell.autodetected() }
        return CompletionShell(rawValue: name)
    }

    static func text(for shell: CompletionShell) -> String {
        let generated = CompletionTree.completionScript(for: shell)
        switch shell {
        case .bash: return generated + bash
        case .zsh:
            // The generated file ends by registering (or, autoloaded from
            // $fpath as _armox, calling) its own function: the addition does
            // that with its wrapper instead.
            let dispatch = "\nif [[ \"${funcstack[1]}\" = _armox ]]; then"
            let functions = generated.range(of: dispatch).map { String(generated[..<$0.lowerBound]) + "\n" } ?? generated
            return functions + zsh
        case .fish: return generated + fish
        default: return generated
        }
    }

    /// `--base-url|--api-key-file|--budget|-c`: a word after one is its value.
    static var valueOptions: String { Main.optionsTakingValues.joined(separator: "|") }
    /// `sandbox|check|login|logout|help`: the words that are no script.
    static var commandWords: String {
        (CompletionTree.configuration.subcommands.map { $0.configuration.commandName ?? "" } + ["help"]).joined(separator: "|")
    }

    /// Each script's addition finds the first word that is neither an option
    /// nor an option's value before the one being completed: none yet, and
    /// `.armox` files join what the generated function offers; a command word,
    /// and the generated function alone answers; anything else is the script,
    /// and what follows is its arguments: any file.
    static var bash: String {
        """

        # armox: FILE, a .armox script then its arguments (see armox --help).
        _armox_with_scripts() {
            local -i index=1 script=0
            while (( index < COMP_CWORD )); do
                case "${COMP_WORDS[index]}" in
                \(valueOptions)) index+=2; continue ;;
                -*) ;;
                *) script=index; break ;;
                esac
                index+=1
            done
            local completion
            if (( script > 0 )); then
                case "${COMP_WORDS[script]}" in
                \(commandWords)) _armox "$@" ;;
                *) while IFS='' read -r completion; do COMPREPLY+=("${completion}"); done < <(compgen -f -- "$2") ;;
                esac
                return
            fi
            _armox "$@"
            case "$2" in -*) return ;; esac
            case "$3" in \(valueOptions)) return ;; esac
            while IFS='' read -r completion; do
                COMPREPLY+=("${completion}")
            done < <(compgen -o plusdirs -f -X '!*.armox' -- "$2")
        }
        complete -o filenames -F _armox_with_scripts armox

        """
    }

    static var zsh: String {
        """

        # armox: FILE, a .armox script then its arguments (see armox --help).
        _armox_with_scripts() {
            local -i index=2 script=0
            while (( index < CURRENT )); do
                case "${words[index]}" in
                (\(valueOptions)) (( index += 2 )); continue ;;
                (-*) ;;
                (*) script=index; break ;;
                esac
                (( index += 1 ))
            done
            if (( script > 0 )); then
                case "${words[script]}" in
                (\(commandWords)) _armox "$@" ;;
                (*) _files ;;
                esac
                return
            fi
            local -i ret=1
            _armox "$@" && ret=0
            case "${PREFIX}" in (-*) return ret ;; esac
            case "${words[CURRENT-1]}" in (\(valueOptions)) return ret ;; esac
            _files -g '*.armox' && ret=0
            return ret
        }

        compdef _armox_with_scripts armox
        if [[ "${funcstack[1]}" = _armox ]]; then
            _armox_with_scripts "${@}"
        fi

        """
    }

    static var fish: String {
        """

        # armox: FILE, a .armox script then its arguments (see armox --help).
        # Prints "first" where a command word or a script could go, "arguments"
        # after a script, nothing elsewhere.
        function __armox_script_position
            set -l skip 0
            for word in (__armox_tokens -pc)[2..]
                if test $skip -eq 1
                    set skip 0
                    continue
                end
                switch $word
                    case \(Main.optionsTakingValues.joined(separator: " "))
                        set skip 1
                    case '-*'
                    case \(commandWords.replacingOccurrences(of: "|", with: " "))
                        return
                    case '*'
                        echo arguments
                        return
                end
            end
            test $skip -eq 0; and echo first
        end

        # .armox files and folders that start with the word being completed.
        function __armox_script_files
            for path in (commandline -ct)*
                if test -d $path
                    echo $path/
                else if string match -q -- '*.armox' $path
                    echo $path
                end
            end
        end

        complete -c armox -n 'test "$(__armox_script_position)" = first; and not string match -q -- "-*" (commandline -ct)' -fa '(__armox_script_files)'
        complete -c armox -n 'test "$(__armox_script_position)" = arguments' -F

        """
    }
}

/// `armox` as the completion scripts see it: the same options and commands,
/// without FILE (`CompletionScript` says why). Never run.
struct CompletionTree: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "armox",
        version: ArmoxClient.version,
        subcommands: [SandboxCommand.self, CheckCommand.self, LoginCommand.self, LogoutCommand.self]
    )

    @OptionGroup var global: GlobalOptions
}
