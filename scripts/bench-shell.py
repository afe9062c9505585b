"""The interactive shell's benchmarks, run on a pseudo-terminal as a user would.

    python3 scripts/bench-shell.py startup --armox BIN --bench ARMOX_BENCH [--runs N] [--large-runs N]
    python3 scripts/bench-shell.py memory --armox BIN --bench ARMOX_BENCH [--runs N] [--models N]
    python3 scripts/bench-shell.py ledger --armox BIN --bench ARMOX_BENCH [--runs N] [--write-runs N] [--ledger-runs N]

Both start one `armox sandbox --port 0` (killed by its pid at the end), point
the release `armox` at it with `--base-url` and the sandbox key, and give it a
temporary XDG_CACHE_HOME holding a fresh catalogue cache for that server and
ARMOX_HISTFILE=/dev/null. The sandbox's request counts (GET /_sandbox/state)
are read before and after: the measured runs must not have fetched anything.

startup: wall time from spawn (fork on a new pty) to the first `armox> ` on
the terminal; then Ctrl-D, and the process is reaped. Baseline in the same
run, interleaved: `python3 -c 'import prompt_toolkit'` from spawn to exit, on
the same kind of pty. Also (informational) `armox --sandbox`, which starts an
in-process sandbox before its prompt, and armox with a 100,000-model cache.
For each armox run it also reports when the terminal went into raw mode
(from then on libedit reads the keys) and how long a Ctrl-D sent at once
takes to end the process.

memory: VmRSS and VmHWM (/proc/<armox's pid>/status) of armox at the prompt
once the catalogue is loaded: `run <most of an id>` then TAB until the
completed id shows on the screen, then RSS sampled until it settles. With a
100,000-model cache (written by `armox-bench emit-cache`), with the sandbox's
own catalogue, and with none. Baseline: python3 importing prompt_toolkit and
`json.load`-ing the same catalogue as the API's JSON (what a Python shell
would keep; armox's cache is its own compact form). armox-bench tells where
armox keeps the cache (`cache-path`), so this script knows neither its name
nor its format.

ledger: the run ledger's costs. (1) `armox-bench ledger-writes`: a run's
round trip against the sandbox with the ledger on and off, side by side in
one process. (2) Start to the first prompt, interleaved, with
ARMOX_LEDGER=off (the baseline), an empty ledger, and a ledger of 100,000
runs of this server (`armox-bench emit-ledger`, 3 of them still running, so
the pending-jobs line is read). (3) `armox -c 'runs'` and `armox -c 'runs
TEXT'` over that ledger, spawn to exit, interleaved with `sqlite3` running
the same SELECT on the same file (the one RunQuery builds, its LIMIT 20
included).
Every ledger lives in a temporary folder on the disk, not in memory.
"""
import argparse
import json
import os
import pty
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import termios
import time

from bench_sandbox import Sandbox

PROMPT = b"armox> "
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]|[\x07\r]")


def percentile(values, p):
    """Nearest rank, as armox-bench computes it."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-p * len(ordered) // 1))))
    return ordered[rank - 1]


# --- processes on a pseudo-terminal -------------------------------------


class Terminal:
    """A child on a new pty (its controlling terminal, 80x24), and what it printed."""

    def __init__(self, argv, env):
        self.output = b""
        self.start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            try:
                import fcntl
                import struct
                import termios

                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.status = None

    def read(self, timeout):
        """Reads what is there within `timeout` seconds; False at end of output."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            return False
        if not chunk:
            return False
        self.output += chunk
        return True

    def wait_for(self, predicate, timeout=20.0):
        """Reads until predicate(output) holds; the time (since spawn) it first did."""
        deadline = time.perf_counter() + timeout
        while not predicate(self.output):
            if time.perf_counter() > deadline or not self.read(min(0.05, max(0.0, deadline - time.perf_counter()))):
                if predicate(self.output):
                    break
                raise RuntimeError(f"timed out; the terminal shows: {self.screen()[-400:]!r}")
        return time.perf_counter() - self.start

    def wait_for_raw_mode(self, timeout=10.0):
        """Waits until the terminal leaves canonical mode (libedit reads keys
        one by one); the time since spawn. A key sent before that is seen by
        the kernel's line discipline: a Ctrl-D or Ctrl-C there is lost or
        becomes a signal."""
        deadline = time.perf_counter() + timeout
        while termios.tcgetattr(self.fd)[3] & termios.ICANON:
            if time.perf_counter() > deadline:
                raise RuntimeError("the terminal never left canonical mode")
            self.read(0.0005)
        return time.perf_counter() - self.start

    def screen(self):
        return ESCAPES.sub(b"", self.output).decode("utf-8", "replace")

    def send(self, data):
        os.write(self.fd, data)

    def finish(self, timeout=10.0):
        """Reads to the end of the output and reaps the child (killed by its
        pid if it has not ended within `timeout` seconds); its exit code."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline and self.read(0.05):
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = status
                break
        while self.status is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = status
            elif time.perf_counter() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                self.status = os.waitpid(self.pid, 0)[1]
            else:
                time.sleep(0.0002)  # the terminal closed; the process is ending
        os.close(self.fd)
        return os.waitstatus_to_exitcode(self.status)

    def memory(self):
        """VmRSS and VmHWM of the child, in kB."""
        fields = {}
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                name, _, value = line.partition(":")
                if name in ("VmRSS", "VmHWM"):
                    fields[name] = int(value.split()[0])
        return fields["VmRSS"], fields["VmHWM"]


# --- the sandbox -----------------------------------------------------------


def cache_path(bench, cache_home, base_url=None):
    """Where armox keeps the catalogue cache for that server (armox-bench asks
    CatalogueCache.configured, so the file's name and format are its business)."""
    server = ["--base-url", base_url] if base_url else ["--sandbox"]
    return subprocess.run([bench, "cache-path", "--cache-home", cache_home] + server,
                          capture_output=True, text=True, check=True).stdout.strip()


def environment(cache_home, **extra):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "TERM": "xterm",
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        "XDG_CACHE_HOME": cache_home,
        "XDG_STATE_HOME": cache_home + "/state",
        "ARMOX_HISTFILE": "/dev/null",
    }
    env.update(extra)
    return env


def prompt_then_quit(argv, env):
    """Seconds from spawn to the first prompt, to the terminal in raw mode
    (keys accepted), and from Ctrl-D (sent then) to the process reaped."""
    terminal = Terminal(argv, env)
    try:
        elapsed = terminal.wait_for(lambda out: PROMPT in out)
        ready = terminal.wait_for_raw_mode()
    finally:
        quit = time.perf_counter()
        try:
            terminal.send(b"\x04")
        except OSError:
            pass
        code = terminal.finish(timeout=60)
    if code != 0:
        raise RuntimeError(f"{argv[0]} exited with {code} after Ctrl-D: {terminal.screen()[-300:]!r}")
    return elapsed, ready, time.perf_counter() - quit


def spawn_to_exit(argv, env):
    terminal = Terminal(argv, env)
    code = terminal.finish(timeout=60)
    elapsed = time.perf_counter() - terminal.start
    if code != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {code}: {terminal.screen()[-300:]!r}")
    return elapsed, None, None


def warm_cache(env, argv, path):
    """Runs armox once, interactively, until it has written the cache file;
    its size in bytes."""
    terminal = Terminal(argv, env)
    try:
        terminal.wait_for(lambda out: PROMPT in out)
        terminal.wait_for_raw_mode()
        deadline = time.time() + 30
        while not os.path.exists(path):
            if time.time() > deadline:
                raise RuntimeError(f"armox did not write {path}")
            terminal.read(0.05)
        time.sleep(0.2)
    finally:
        terminal.send(b"\x04")
        terminal.finish()
    return os.path.getsize(path)


def fetches(before, after):
    return {name: after[name] - before.get(name, 0) for name in after if after[name] != before.get(name, 0)}


def summary(name, seconds):
    ms = [s * 1000 for s in seconds]
    return (f"{name:<44} median {statistics.median(ms):7.1f} ms   p90 {percentile(ms, 0.9):7.1f} ms   "
            f"min {min(ms):7.1f}   max {max(ms):7.1f}   ({len(ms)} runs)")


# --- startup ----------------------------------------------------------------


def startup(options):
    armox = os.path.abspath(options.armox)
    python = shutil.which("python3")
    has_toolkit = subprocess.run([python, "-c", "import prompt_toolkit"], capture_output=True).returncode == 0
    sandbox = Sandbox(armox, "--speed", "0.01")
    folder = tempfile.mkdtemp(prefix="armox-bench-startup-")
    try:
        remote = folder + "/remote"
        local = folder + "/local"
        base_env = environment(remote, ARMOX_API_KEY=sandbox.key)
        sandbox_env = environment(local)
        remote_argv = [armox, "--base-url", sandbox.base_url]
        local_argv = [armox, "--sandbox"]
        path = cache_path(options.bench, remote, sandbox.base_url)
        size = warm_cache(base_env, remote_argv, path)
        warm_cache(sandbox_env, local_argv, cache_path(options.bench, local))
        print(f"sandbox at {sandbox.base_url}; cache {path} ({size:,} bytes, the sandbox's catalogue, fresh)")

        contenders = [("armox --base-url (cached catalogue)", lambda: prompt_then_quit(remote_argv, base_env))]
        if has_toolkit:
            contenders.append(("baseline: python3 -c 'import prompt_toolkit'",
                               lambda: spawn_to_exit([python, "-c", "import prompt_toolkit"], dict(os.environ))))
        else:
            print("baseline skipped: prompt_toolkit is not installed for python3")
        contenders.append(("armox --sandbox (in-process sandbox)", lambda: prompt_then_quit(local_argv, sandbox_env)))

        for _ in range(2):  # warm-up: page cache, dynamic loader; not counted
            for _, run in contenders:
                run()
        before = sandbox.state()["requestCounts"]
        times = {name: [] for name, _ in contenders}
        raw = {name: [] for name, _ in contenders}
        exits = {name: [] for name, _ in contenders}

        def record(name, result):
            seen, ready, exit = result
            times[name].append(seen)
            if ready is not None:
                raw[name].append(ready)
                exits[name].append(exit)

        for round in range(options.runs):
            # Interleaved, the order turning each round.
            shift = round % len(contenders)
            for name, run in contenders[shift:] + contenders[:shift]:
                record(name, run())
        after = sandbox.state()["requestCounts"]
        fetched = fetches(before, after)

        # Informational, after the rest: the same with a 100,000-model cache,
        # whose decoding runs in the background while the prompt is up (and
        # which Ctrl-D waits for).
        if options.large_runs > 0:
            large = folder + "/large"
            large_path = cache_path(options.bench, large, sandbox.base_url)
            subprocess.run([options.bench, "emit-cache", large_path, "--models", "100000"], check=True, stdout=subprocess.DEVNULL)
            large_env = environment(large, ARMOX_API_KEY=sandbox.key)
            name = "armox --base-url, 100,000-model cache"
            contenders.append((name, None))
            times[name], raw[name], exits[name] = [], [], []
            before_large = sandbox.state()["requestCounts"]
            for _ in range(options.large_runs):
                record(name, prompt_then_quit(remote_argv, large_env))
            fetched.update(fetches(before_large, sandbox.state()["requestCounts"]))

        print(f"requests the measured armox --base-url runs made to the sandbox: "
              + (json.dumps(fetched) if fetched else "none"))
        for name, _ in contenders:
            print(summary(name, times[name]))
            print("    runs (ms): " + " ".join(f"{t * 1000:.1f}" for t in times[name]))
            if raw[name]:
                late = sum(1 for seen, ready in zip(times[name], raw[name]) if ready - seen > 0.0005)
                print(f"    terminal in raw mode (keys read by libedit): median {statistics.median(raw[name]) * 1000:.1f} ms, "
                      f"p90 {percentile(raw[name], 0.9) * 1000:.1f} ms; later than the prompt by > 0.5 ms in {late} of {len(raw[name])} runs")
                print(f"    Ctrl-D at once to exit: median {statistics.median(exits[name]) * 1000:.1f} ms, max {max(exits[name]) * 1000:.1f} ms")
        armox_median = statistics.median(times[contenders[0][0]])
        if has_toolkit:
            baseline = statistics.median(times[contenders[1][0]])
            print(f"ratio armox / baseline (medians): {armox_median / baseline:.2f}")
        print(f"target: median <= 20 ms: {'met' if armox_median * 1000 <= 20 else 'MISSED'} ({armox_median * 1000:.1f} ms)")
        if fetched:
            sys.exit("armox fetched from the sandbox at startup: the cache was not used")
    finally:
        sandbox.stop()
        shutil.rmtree(folder, ignore_errors=True)


# --- memory -------------------------------------------------------------------


def armox_memory(argv, env, typed=None, expected=None):
    """(VmRSS kB, VmHWM kB, seconds until the catalogue answered TAB) of armox at its prompt."""
    terminal = Terminal(argv, env)
    try:
        terminal.wait_for(lambda out: PROMPT in out)
        terminal.wait_for_raw_mode()
        ready = None
        if typed is not None:
            terminal.send(typed.encode())
            terminal.wait_for(lambda out: typed in ESCAPES.sub(b"", out).decode("utf-8", "replace"))
            # TAB until the completed id shows (nothing completes before the
            # catalogue is loaded; a TAB then only beeps).
            deadline = time.perf_counter() + 60
            while expected not in terminal.screen():
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"TAB never completed {typed!r}: {terminal.screen()[-300:]!r}")
                terminal.send(b"\t")
                end = time.perf_counter() + 0.03
                while time.perf_counter() < end and expected not in terminal.screen():
                    terminal.read(0.01)
            ready = time.perf_counter() - terminal.start
        # Settle: sample until RSS stops moving (at most 3 s).
        samples = []
        for _ in range(30):
            terminal.read(0.1)
            samples.append(terminal.memory()[0])
            if len(samples) >= 5 and max(samples[-5:]) - min(samples[-5:]) <= 64:
                break
        rss, peak = terminal.memory()
    finally:
        terminal.send(b"\x15\x04")  # Ctrl-U clears the typed line, Ctrl-D leaves
        terminal.finish()
    return rss, peak, ready


def python_memory(python, path):
    script = ("import sys, json, prompt_toolkit\n"
              "data = json.load(open(sys.argv[1])) if len(sys.argv) > 1 else None\n"
              "print(open('/proc/self/status').read())\n")
    out = subprocess.run([python, "-c", script] + ([path] if path else []), capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def mib(kb):
    return f"{kb / 1024:6.1f} MiB"


def memory(options):
    armox = os.path.abspath(options.armox)
    python = shutil.which("python3")
    has_toolkit = subprocess.run([python, "-c", "import prompt_toolkit"], capture_output=True).returncode == 0
    sandbox = Sandbox(armox, "--speed", "0.01")
    folder = tempfile.mkdtemp(prefix="armox-bench-memory-")
    try:
        small, large, empty = folder + "/small", folder + "/large", folder + "/empty"
        argv = [armox, "--base-url", sandbox.base_url]
        warm_cache(environment(small, ARMOX_API_KEY=sandbox.key), argv, cache_path(options.bench, small, sandbox.base_url))
        large_path = cache_path(options.bench, large, sandbox.base_url)
        json_path = folder + "/catalogue.json"
        subprocess.run([options.bench, "emit-cache", large_path, "--models", str(options.models), "--json", json_path], check=True)
        with open(json_path) as catalogue:
            large_ids = [model["id"] for model in json.load(catalogue)["models"]]
        target = next(i for i in large_ids if i.startswith("vendor-001/"))
        size = os.path.getsize(large_path)
        json_size = os.path.getsize(json_path)

        variants = [
            (f"armox, {len(large_ids):,}-model cache ({size / 1048576:.1f} MiB)",
             lambda: armox_memory(argv, environment(large, ARMOX_API_KEY=sandbox.key), "run " + target[:-2], target)),
            ("armox, the sandbox's catalogue (cached)",
             lambda: armox_memory(argv, environment(small, ARMOX_API_KEY=sandbox.key), "run google/nano-ban", "google/nano-banana")),
            ("armox, no catalogue (no cache, server down)",
             lambda: armox_memory([armox, "--base-url", "http://127.0.0.1:9/api/v1"], environment(empty, ARMOX_API_KEY=sandbox.key))),
        ]
        if has_toolkit:
            variants += [
                (f"baseline: python3, prompt_toolkit + json.load, same catalogue ({json_size / 1048576:.1f} MiB JSON)",
                 lambda: python_memory(python, json_path) + (None,)),
                ("python3, prompt_toolkit imported (nothing loaded)", lambda: python_memory(python, None) + (None,)),
            ]
        else:
            print("baseline skipped: prompt_toolkit is not installed for python3")

        before = sandbox.state()["requestCounts"]
        results = {label: [] for label, _ in variants}
        for round in range(options.runs):
            for label, run in variants:
                results[label].append(run())
        fetched = fetches(before, sandbox.state()["requestCounts"])
        print(f"sandbox at {sandbox.base_url}; requests the measured runs made to it: "
              + (json.dumps(fetched) if fetched else "none"))
        for label, _ in variants:
            rss = statistics.median(r[0] for r in results[label])
            peak = statistics.median(r[1] for r in results[label])
            ready = [r[2] for r in results[label] if r[2] is not None]
            line = f"{label:<70} VmRSS {mib(rss)}   VmHWM {mib(peak)}"
            if ready:
                line += f"   TAB completes {statistics.median(ready) * 1000:.0f} ms after spawn"
            print(line)
            print("    runs (VmRSS MiB): " + " ".join(f"{r[0] / 1024:.1f}" for r in results[label]))
        large_rss = statistics.median(r[0] for r in results[variants[0][0]])
        if has_toolkit:
            baseline = statistics.median(r[0] for r in results[variants[3][0]])
            print(f"ratio armox / baseline (VmRSS medians): {large_rss / baseline:.2f}")
        print(f"target: VmRSS <= 60 MB with the 100,000-model catalogue: "
              f"{'met' if large_rss * 1024 <= 60_000_000 else 'MISSED'} ({large_rss * 1024 / 1e6:.1f} MB = {large_rss / 1024:.1f} MiB)")
        if fetched:
            sys.exit("armox fetched from the sandbox: a cache was not used")
    finally:
        sandbox.stop()
        shutil.rmtree(folder, ignore_errors=True)


# --- ledger -------------------------------------------------------------------


def run_to_exit(argv, env):
    """Seconds from spawn to exit of a child writing to a pipe (read whole), and what it wrote."""
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {done.returncode}: {done.stderr[-300:]!r}")
    return elapsed, done.stdout


def fts_match(text):
    """RunQuery.match: each word a quoted phrase, the last one a prefix too."""
    words = ['"' + word.replace('"', '""') + '"' for word in text.split() if any(c.isalnum() for c in word)]
    return " ".join(words[:-1] + [words[-1] + "*"])


def ledger(options):
    armox = os.path.abspath(options.armox)
    sqlite3 = shutil.which("sqlite3")
    sandbox = Sandbox(armox, "--speed", "0.01", "--rate-limit", "10000000", "--credits", "1000000000")
    folder = tempfile.mkdtemp(prefix="armox-bench-ledger-")
    try:
        print(f"sandbox at {sandbox.base_url}; ledgers under {folder}")
        print("== (1) a run's round trip, ledger on beside ledger off (in one process, interleaved)")
        os.makedirs(folder + "/writes")
        subprocess.run([options.bench, "ledger-writes", "--base-url", sandbox.base_url, "--key", sandbox.key,
                        "--dir", folder + "/writes", "--runs", str(options.write_runs)], check=True)

        print(f"== (2) start to the first prompt: ARMOX_LEDGER=off, an empty ledger, {options.ledger_runs:,} runs")
        argv = [armox, "--base-url", sandbox.base_url]
        homes = {"off": folder + "/off", "empty": folder + "/empty", "large": folder + "/large"}
        envs = {
            "off": environment(homes["off"], ARMOX_API_KEY=sandbox.key, ARMOX_LEDGER="off"),
            "empty": environment(homes["empty"], ARMOX_API_KEY=sandbox.key),
            "large": environment(homes["large"], ARMOX_API_KEY=sandbox.key),
        }
        for name, home in homes.items():
            warm_cache(envs[name], argv, cache_path(options.bench, home, sandbox.base_url))
        large_file = homes["large"] + "/state/armox/runs.sqlite3"
        subprocess.run([options.bench, "emit-ledger", large_file, "--server", sandbox.base_url,
                        "--runs", str(options.ledger_runs)], check=True)
        contenders = [
            ("baseline: armox, ARMOX_LEDGER=off", "off"),
            ("armox, an empty ledger", "empty"),
            (f"armox, a ledger of {options.ledger_runs:,} runs (3 running)", "large"),
        ]
        for _ in range(2):
            for _, name in contenders:
                prompt_then_quit(argv, envs[name])
        before = sandbox.state()["requestCounts"]
        times = {name: [] for _, name in contenders}
        for round in range(options.runs):
            shift = round % len(contenders)
            for _, name in contenders[shift:] + contenders[:shift]:
                times[name].append(prompt_then_quit(argv, envs[name])[0])
        fetched = fetches(before, sandbox.state()["requestCounts"])
        print("requests the measured runs made to the sandbox: " + (json.dumps(fetched) if fetched else "none"))
        for label, name in contenders:
            print(summary(label, times[name]))
        off = statistics.median(times["off"])
        large = statistics.median(times["large"])
        print(f"ratio {options.ledger_runs:,} runs / off (medians): {large / off:.3f}; target within 10%: "
              f"{'met' if large <= off * 1.10 else 'MISSED'}")
        print(f"ratio empty / off (medians): {statistics.median(times['empty']) / off:.3f}")

        print(f"== (3) armox -c 'runs TEXT' over {options.ledger_runs:,} runs, spawn to exit, beside sqlite3 on the same file")
        if sqlite3 is None:
            print("baseline skipped: no sqlite3 on PATH")
        # The SELECTs armox sends (RunQuery.sql): this ledger holds one
        # server, so a search ranks the index's row ids alone.
        searches = [(text, "SELECT runs.* FROM (SELECT rowid AS id, rank FROM runs_search "
                           f"WHERE runs_search MATCH '{fts_match(text)}' ORDER BY rank, rowid DESC LIMIT 20) AS found "
                           "JOIN runs ON runs.id = found.id ORDER BY found.rank, found.id DESC;")
                    for text in ["dragon", "lighthouse harb", "zeppelin volcano teapot"]]
        newest = (f"SELECT runs.* FROM runs WHERE runs.server = '{sandbox.base_url}' "
                  "ORDER BY runs.sent_at DESC, runs.id DESC LIMIT 20;")
        for text, sql in [("", newest)] + searches:
            command = f"runs {text}".strip()
            sides = [(f"armox -c '{command}'", [armox, "--base-url", sandbox.base_url, "-c", command], envs["large"])]
            if sqlite3:
                sides.append((f"baseline: sqlite3, the same SELECT", [sqlite3, large_file, sql], dict(os.environ)))
            measured = {label: [] for label, _, _ in sides}
            rows = {}
            for round in range(options.runs + 2):
                shift = round % len(sides)
                for label, command, env in sides[shift:] + sides[:shift]:
                    elapsed, out = run_to_exit(command, env)
                    rows[label] = out.count(b"\n")
                    if round >= 2:
                        measured[label].append(elapsed)
            for label, _, _ in sides:
                print(summary(label, measured[label]) + f"   {rows[label]} lines out")
            ours = statistics.median(measured[sides[0][0]])
            line = f"    target <= 50 ms: {'met' if ours <= 0.050 else 'MISSED'} ({ours * 1000:.1f} ms)"
            if sqlite3:
                line += f"; ratio armox / sqlite3 (medians): {ours / statistics.median(measured[sides[1][0]]):.2f}"
            print(line)
        size = os.path.getsize(large_file)
        print(f"file: {large_file} {size:,} bytes for {options.ledger_runs:,} runs: {size // options.ledger_runs} bytes a run")
        if fetched:
            sys.exit("armox fetched from the sandbox at startup: the cache was not used")
    finally:
        sandbox.stop()
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("benchmark", choices=["startup", "memory", "ledger"])
    parser.add_argument("--armox", required=True, help="the release armox binary")
    parser.add_argument("--bench", required=True, help="the release armox-bench binary")
    parser.add_argument("--runs", type=int, help="rounds (startup: 21, memory: 3, ledger: 21)")
    parser.add_argument("--write-runs", type=int, default=300, help="ledger: runs on each side of the write cost")
    parser.add_argument("--ledger-runs", type=int, default=100_000, help="ledger: runs in the large ledger")
    parser.add_argument("--models", type=int, default=100_000, help="models in the large cache (memory)")
    parser.add_argument("--large-runs", type=int, default=5,
                        help="startup: runs with a 100,000-model cache (informational)")
    options = parser.parse_args()
    if options.benchmark == "startup":
        options.runs = options.runs or 21
        startup(options)
    elif options.benchmark == "ledger":
        options.runs = options.runs or 21
        ledger(options)
    else:
        options.runs = options.runs or 3
        memory(options)


main()
