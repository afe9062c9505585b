import Foundation

/// Every command the language knows, with its help (DESIGN.md's table).
public enum CommandCatalog {
    public static let all: [CommandSpec] = [
        // Models
        CommandSpec(
            name: "models", group: .models, synopsis: "models [filter] [--modality=M] [--refresh]",
            summary: "List the models: id, name, modality, cost in credits, output type.",
            flags: [
                .init("modality", "M", "only image, video, audio, 3d or text models"),
                .init("refresh", nil, "fetch the catalogue again instead of the session's copy"),
            ],
            takesKeyValues: false, maxPositionals: 1,
            details: "The filter matches id, name or modality, case-insensitively.",
            examples: ["models", "models banana", "models --modality=video", "video = models --modality=video"]),
        CommandSpec(
            name: "model", group: .models, synopsis: "model <id>",
            summary: "Show one model: description, inputs, settings with defaults and allowed values, cost.",
            flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
            examples: ["model google/nano-banana"]),
        CommandSpec(
            name: "use", group: .models, synopsis: "use [<id>]",
            summary: "Make a model current: run, set and settings then need no model id. Alone, show the current one.",
            flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
            examples: ["use google/veo-3", "run \"a paper boat at dawn\""]),
        CommandSpec(
            name: "set", group: .models, synopsis: "set key=value …",
            summary: "Set session defaults for the current model's settings; every later run of it uses them.",
            flags: [], takesKeyValues: true, maxPositionals: 0,
            details: "Values are checked against the model's settings. A run's own key=value wins over a default.",
            examples: ["use google/nano-banana", "set aspect_ratio=16:9 output_format=jpg"]),
        CommandSpec(
            name: "unset", group: .models, synopsis: "unset key … | unset --all",
            summary: "Remove session defaults of the current model.",
            flags: [.init("all", nil, "remove every default of the current model")],
            takesKeyValues: false, maxPositionals: nil, details: "",
            examples: ["unset aspect_ratio", "unset --all"]),
        CommandSpec(
            name: "settings", group: .models, synopsis: "settings [<model>]",
            summary: "The settings of the current (or named) model: type, API default, session value, allowed values.",
            flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
            examples: ["settings", "settings xai/grok-video-image-to-video"]),
        // Runs and jobs
        CommandSpec(
            name: "run", group: .runs,
            synopsis: "run [model] [\"prompt\"] [key=value …] [--detach] [--webhook=URL] [--timeout=S]",
            summary: "Run a model. Image and text models answer at once; video, audio and 3D runs are waited on unless --detach.",
            flags: [
                .init("detach", nil, "return the job at once; wait on it later with wait"),
                .init("webhook", "URL", "ask the API to POST the finished job to URL"),
                .init("timeout", "S", "stop waiting after S seconds (the job keeps running)"),
                .init("allow-failure", nil, "a failed job is returned instead of stopping the script"),
                .init("unlisted", nil, "send keys the catalogue does not list, as written (listed keys are still checked)"),
            ],
            takesKeyValues: true, maxPositionals: 2,
            details: """
                The model defaults to the current one (use). Settings go as key=value; session
                defaults (set) fill in what the line does not say. Everything is checked against
                the catalogue before anything is sent: a rejected run costs nothing.
                A job value passed as an input stands for its first output URL.
                Sets $_, $job, $output and $outputs.
                """,
            examples: [
                "run google/nano-banana \"a red fox in snow\" aspect_ratio=16:9",
                "hero = run black-forest-labs/flux-schnell \"a perfume bottle\" num_outputs=2",
                "clip = run xai/grok-video-image-to-video \"slow pan\" image_input=$hero duration=5 --detach",
            ]),
        CommandSpec(
            name: "wait", group: .runs, synopsis: "wait [job … | all] [--timeout=S]",
            summary: "Wait until jobs finish. Alone (or with all), waits on every unfinished job of the session.",
            flags: [
                .init("timeout", "S", "stop waiting after S seconds (the jobs keep running)"),
                .init("allow-failure", nil, "failed jobs are returned instead of stopping the script"),
            ],
            takesKeyValues: false, maxPositionals: nil,
            details: "Returns the job (or the list of jobs) and sets $_, $job, $output, $outputs.",
            examples: ["wait $clip", "wait all --timeout=600", "done = wait $a $b"]),
        CommandSpec(
            name: "job", group: .runs, synopsis: "job [<job>]",
            summary: "Fetch one job's current state (default: $job).",
            flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
            examples: ["job", "job $clip", "job 3f2a9c1e-…"]),
        CommandSpec(
            name: "jobs", group: .runs, synopsis: "jobs [--limit=N] [--session]",
            summary: "Recent jobs of the key, newest first; --session lists the jobs this session started.",
            flags: [
                .init("limit", "N", "how many (1–100, default 20)"),
                .init("session", nil, "this session's jobs, newest first, the unfinished ones polled once first"),
            ],
            takesKeyValues: false, maxPositionals: 0, details: "",
            examples: ["jobs", "jobs --limit=50", "jobs --session"]),
        CommandSpec(
            name: "cancel", group: .runs, synopsis: "cancel <job> … | cancel --all",
            summary: "Cancel pending or processing jobs.",
            flags: [.init("all", nil, "every unfinished job this session started")],
            takesKeyValues: false, maxPositionals: nil, details: "",
            examples: ["cancel $clip", "cancel --all"]),
        // Apps
        CommandSpec(
            name: "listen", group: .runs, synopsis: "listen [--port=N] [--secret=S] | listen --stop",
            summary: "Receive signed webhooks on loopback: a wait on jobs run with --webhook=<its URL> ends at their delivery.",
            flags: [
                .init("port", "N", "listen on this port (default: a free one)"),
                .init("secret", "S", "the webhook secret (default: $ARMOX_WEBHOOK_SECRET)"),
                .init("stop", nil, "stop listening"),
            ],
            takesKeyValues: false, maxPositionals: 0,
            details: """
                Every delivery is checked against X-Armox-Signature (the HMAC-SHA256 of the raw body,
                keyed with the secret) in constant time before it is read: a missing or wrong signature
                gets 401. A delivery repeated for the same job and status is dropped. The URL is the
                result ($_). A receiver on loopback only hears from a server on this machine (the
                sandbox); the real API needs a public URL that forwards to it.
                """,
            examples: ["hook = listen --secret=whsec_sandbox_secret", "run google/veo-3 \"waves\" --webhook=$hook --detach", "wait all", "listen --stop"]),
        CommandSpec(
            name: "apps", group: .apps, synopsis: "apps",
            summary: "List the workflow apps: id, name, inputs.",
            flags: [], takesKeyValues: false, maxPositionals: 0, details: "",
            examples: ["apps"]),
        CommandSpec(
            name: "app", group: .apps, synopsis: "app <id|name>",
            summary: "Show one app and its inputs: the names run-app accepts for each.",
            flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
            examples: ["app \"Sketch to Render\""]),
        CommandSpec(
            name: "run-app", group: .apps, synopsis: "run-app <id|name> input=value … [--detach] [--webhook=URL] [--timeout=S]",
            summary: "Run a workflow app and wait for it (apps always run in the background) unless --detach.",
            flags: [
                .init("detach", nil, "return the job at once"),
                .init("webhook", "URL", "ask the API to POST the finished job to URL"),
                .init("timeout", "S", "stop waiting after S seconds (the job keeps running)"),
                .init("allow-failure", nil, "a failed job is returned instead of stopping the script"),
            ],
            takesKeyValues: true, maxPositionals: 1,
            details: """
                Name an input by its targetHandle (image_input), its label written with
                underscores (input_images) or its id. An input that takes several values gets a
                list; required inputs are checked before anything is sent.
                """,
            examples: ["run-app \"Sketch to Render\" image_input=[$sketch] aspect_ratio=16:9"]),
        // Outputs
        CommandSpec(
            name: "download", group: .files, synopsis: "download <job|id|url|list> [dir-or-file] [--force]",
            summary: "Save outputs to disk. Never leaves a partial file, never writes outside the named folder.",
            flags: [.init("force", nil, "overwrite files that exist")],
            takesKeyValues: false, maxPositionals: 2,
            details: """
                A job's outputs are named after it: the job id, the output's number when it has
                several, the URL's extension (job_ab12-2.png); a URL no session job made keeps its
                last path segment. Names are made safe. Several outputs go into a folder (created if
                missing); one output may be given a file name (its folders are created).
                """,
            examples: ["download $hero", "download $hero renders/", "download job_ab12 renders/", "download $output cover.png --force"]),
        CommandSpec(
            name: "open", group: .files, synopsis: "open <job|url|list>",
            summary: "Hand outputs to the desktop opener (xdg-open, open) when there is one; else print the URLs.",
            flags: [], takesKeyValues: false, maxPositionals: 1,
            details: """
                xdg-open is used when it is on PATH and a desktop session is there (DISPLAY or
                WAYLAND_DISPLAY); on macOS, open. armox does not wait for it. Without one (over
                SSH, say) the URLs are printed. Returns the URLs either way.
                """,
            examples: ["open $hero", "open $output", "open [$a, $b]"]),
        CommandSpec(
            name: "preview", group: .files, synopsis: "preview <job|url|list>",
            summary: "Show image outputs inline where the terminal can (kitty, iTerm2 and kin); else say how to view them.",
            flags: [], takesKeyValues: false, maxPositionals: 1,
            details: """
                The terminal is told from the environment, never guessed: kitty's graphics protocol
                when TERM is xterm-kitty or xterm-ghostty (or KITTY_WINDOW_ID is set), iTerm2's
                inline images when TERM_PROGRAM is iTerm.app or WezTerm (or LC_TERMINAL is iTerm2).
                Inside tmux or screen, or any other terminal, it says how to view the outputs
                instead (open, download). Images up to 16 MiB are fetched; kitty takes PNG only.
                Video, audio and 3D outputs are named, not shown. When stdout is not a terminal
                (or with --json) it prints the URLs. Returns the URLs.
                """,
            examples: ["preview $hero", "preview $output", "fox = run google/nano-banana \"a red fox\"; preview $fox"]),
        // Account
        CommandSpec(
            name: "account", group: .account, synopsis: "account",
            summary: "Credits, plan and usage of the key.",
            flags: [], takesKeyValues: false, maxPositionals: 0, details: "",
            examples: ["account", "credits = account; echo $credits.credits"]),
        CommandSpec(
            name: "login", group: .account, synopsis: "login [--stdin]",
            summary: "Store an API key for this server: typed without echo, checked with the server, kept in a 0600 file.",
            flags: [.init("stdin", nil, "read the key from stdin (armox login --stdin, in a pipe)")],
            takesKeyValues: false, maxPositionals: 0,
            details: """
                The key goes to $XDG_CONFIG_HOME/armox/credentials (default ~/.config/armox/credentials),
                mode 0600, one line per server. It is checked with GET /account first: a refused key is
                not stored. At the prompt the session switches to the new key at once. Which key a
                session uses: --api-key-file, then ARMOX_API_KEY, then this file.
                """,
            examples: ["login", "armox login --stdin < ~/armox.key"]),
        CommandSpec(
            name: "logout", group: .account, synopsis: "logout",
            summary: "Remove the key stored for this server.",
            flags: [], takesKeyValues: false, maxPositionals: 0, details: "",
            examples: ["logout"]),
        CommandSpec(
            name: "budget", group: .account, synopsis: "budget [N | off]",
            summary: "Cap the credits this session may spend; alone, show the cap and what is spent.",
            flags: [], takesKeyValues: false, maxPositionals: 1,
            details: """
                A run that would take the session's spending past N is refused before it is sent,
                with the cost, the spent amount and the cap in the error. Spent counts each accepted
                run's credits, less failed runs (refunded), plus runs that may have been accepted
                when their answer was lost. armox --budget=N sets it at start.
                """,
            examples: ["budget 500", "budget", "budget off"]),
        // Session
        CommandSpec(
            name: "vars", group: .session, synopsis: "vars",
            summary: "List the variables: yours, then the session's ($_, $job, $output, $outputs, $model).",
            flags: [], takesKeyValues: false, maxPositionals: 0, details: "",
            examples: ["vars"]),
        CommandSpec(
            name: "history", group: .session, synopsis: "history [N]",
            summary: "The prompt's history, numbered: every entry kept, or the last N.",
            flags: [], takesKeyValues: false, maxPositionals: 1,
            details: """
                Entries persist in $XDG_STATE_HOME/armox/history (ARMOX_HISTFILE overrides it,
                /dev/null keeps none). Up and Ctrl-R recall them; a line holding an API key is never kept.
                """,
            examples: ["history", "history 20"]),
        CommandSpec(
            name: "record", group: .scripts, synopsis: "record <file> [--force] | record stop",
            summary: "Turn what you do at the prompt into a script: each statement that succeeds is written as you go.",
            flags: [.init("force", nil, "replace the file if it exists")],
            takesKeyValues: false, maxPositionals: 1,
            details: """
                The file starts with a header comment (date, server) and the session's context (current
                model, its set defaults, your variables; a job becomes its first output URL). Then each
                statement that succeeded, as typed; failed statements, looks (help, models, jobs, vars, …)
                and lines holding a key are left out. armox <file> replays it, runs included.
                """,
            examples: ["record covers.armox", "run google/nano-banana \"a red fox\"", "record stop", "armox covers.armox"]),
        CommandSpec(
            name: "sleep", group: .session, synopsis: "sleep <seconds>",
            summary: "Pause (fractions allowed).",
            flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
            examples: ["sleep 2.5"]),
        CommandSpec(
            name: "exit", group: .session, synopsis: "exit [code]",
            summary: "Leave the session or end the script with status code (default 0).",
            flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
            examples: ["exit", "if $job.status != completed { exit 3 }"]),
        CommandSpec(
            name: "help", group: .session, synopsis: "help [command]",
            summary: "This overview, or one command's syntax, flags and examples.",
            flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
            examples: ["help", "help run"]),
        // Scripts and output
        CommandSpec(
            name: "echo", group: .scripts, synopsis: "echo word …",
            summary: "Print words separated by spaces. Lists print their items; a job prints its id.",
            flags: [], takesKeyValues: true, maxPositionals: nil, details: "",
            examples: ["echo \"saved $output\"", "echo $hero.outputs[0]"]),
        CommandSpec(
            name: "print", group: .scripts, synopsis: "print <value> [--json]",
            summary: "Print a value readably (a list one item per line, a job as a summary) or as exact JSON.",
            flags: [], takesKeyValues: false, maxPositionals: 1, details: "",
            examples: ["print $hero", "print $hero.outputs", "print $_ --json"]),
        CommandSpec(
            name: "source", group: .scripts, synopsis: "source <file> [args …]",
            summary: "Run a script file in this session: its variables, jobs and current model stay.",
            flags: [], takesKeyValues: false, maxPositionals: nil,
            details: "A relative path is resolved against the folder of the script that sources it.",
            examples: ["source Examples/01-first-image.armox"]),
    ]

    public static let byName: [String: CommandSpec] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
    public static let names: [String] = all.map(\.name)

    /// `help`: every command by group, with its one-line summary.
    public static var overview: String { overview(width: nil) }

    /// The overview with each summary cut (with "…") to fit `width` columns, when given.
    public static func overview(width: Int?) -> String {
        var text = "armox commands (help <command> for syntax, flags and examples):\n"
        for group in CommandSpec.Group.allCases {
            let specs = all.filter { $0.group == group }
            guard !specs.isEmpty else { continue }
            text += "\n\(group.rawValue):\n"
            for spec in specs {
                let name = spec.name.padding(toLength: 10, withPad: " ", startingAt: 0)
                var summary = String(spec.summary.prefix { $0 != "." })
                if let width { summary = DisplayWidth.truncated(summary, to: max(20, width - 12)) }
                text += "  \(name)\(summary)\n"
            }
        }
        text += """

            Language: words, "strings with $vars", [lists], key=value, --flags; x = run …;
            for x in [a, b] { … }; if $x == y { … } else { … }; # comments. See docs/language.md.
            """
        return text + "\n"
    }
}

/// The names of every command, for the parser (to tell `x = run …` from
/// `x = value`) and for "did you mean" hints.
public enum CommandNames {
    public static let all: [String] = CommandCatalog.names
    public static let set: Set<String> = Set(all)
}
