#!/usr/bin/env python3
"""scripts/bench catalogue: a 100,000-model GET /models over loopback.

Writes a catalogue in the API reference's shape (about 330 bytes a model),
serves it from a ThreadingHTTPServer in a child process on a free loopback
port, then measures, interleaved, each a fresh process (wall time, and peak
RSS from wait4's ru_maxrss):

  baseline  python3 -c 'import json; json.load(open(FILE))'   (the bytes from disk)
  list      armox -c 'models synthetic/model-00001'            (fetch, decode, list)
  values    armox -c 'm = models; echo ${m.count}'             (every model a value)
  floor     curl reading the 33 MB from the server, to /dev/null
  scan      python3 counting the '"' bytes of the file (a byte scan in C)

Usage: bench-catalogue.py ARMOX [--models N] [--runs R]
"""
import json, os, resource, socket, statistics, subprocess, sys, tempfile, time

def catalogue(n):
    models = []
    for i in range(1, n + 1):
        models.append({
            "id": f"synthetic/model-{i:05d}", "name": f"Synthetic Model {i}", "modality": ["image", "video", "audio", "3d"][i % 4],
            "cost": 10 + i % 500, "inputTypes": ["text", "image"], "promptRequired": True, "outputType": "image",
            "description": f"A synthetic model number {i} for the catalogue benchmark",
            "settings": [{"key": "aspect_ratio", "label": "Aspect Ratio", "inputType": "select", "defaultValue": "1:1"}],
        })
    return {"object": "list", "data": models}

def measure_rss(argv, env=None):
    """Wall seconds and peak RSS (MB) of one child, from wait4."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        out = os.open(OUT, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, 1)
        os.dup2(devnull, 2)
        try:
            os.execvpe(argv[0], argv, env if env is not None else os.environ)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    with open(OUT) as f:
        text = f.read()
    return elapsed, usage.ru_maxrss / 1024, code, text

def main():
    global OUT
    armox = sys.argv[1]
    n, runs = 100_000, 5
    args = sys.argv[2:]
    if "--models" in args: n = int(args[args.index("--models") + 1])
    if "--runs" in args: runs = int(args[args.index("--runs") + 1])
    tmp = tempfile.mkdtemp()
    OUT = os.path.join(tmp, "out.txt")
    root = os.path.join(tmp, "www")
    os.makedirs(os.path.join(root, "api", "v1"))
    path = os.path.join(root, "api", "v1", "models")
    with open(path, "w") as f:
        json.dump(catalogue(n), f, separators=(", ", ": "))
    size = os.path.getsize(path)
    print(f"catalogue: {n} models, {size} bytes ({size / n:.0f} a model)")

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-c", f"""
import functools, http.server
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", {port}), functools.partial(Quiet, directory={root!r})).serve_forever()
"""])
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close(); break
            except OSError:
                time.sleep(0.05)
        base = f"http://127.0.0.1:{port}/api/v1"
        env = dict(os.environ, ARMOX_API_KEY="sk_live_bench_0000", ARMOX_LEDGER="off", NO_COLOR="1",
                   XDG_CACHE_HOME=os.path.join(tmp, "cache"), XDG_STATE_HOME=os.path.join(tmp, "state"),
                   XDG_CONFIG_HOME=os.path.join(tmp, "config"), ARMOX_TIMEOUT="120")
        sides = {
            "baseline: python3 json.load": [sys.executable, "-c", f"import json; json.load(open({path!r}))"],
            "armox models synthetic/model-00001": [armox, "--base-url", base, "-c", "models synthetic/model-00001"],
            "armox m = models; echo ${m.count}": [armox, "--base-url", base, "-c", "m = models; echo ${m.count}"],
            "floor: curl the answer to /dev/null": ["curl", "-s", "-o", "/dev/null", base + "/models"],
            "floor: a byte scan (count quotes)": [sys.executable, "-c", f"open({path!r}, 'rb').read().count(b'\"')"],
        }
        results = {name: [] for name in sides}
        for run in range(runs):
            for name, argv in sides.items():
                elapsed, rss, code, text = measure_rss(argv, env)
                if code != 0:
                    print(f"{name}: exit {code}: {text[:300]}"); sys.exit(1)
                if run == 0 and name.startswith("armox"):
                    print(f"  ({name} printed: {text.strip()[:120]!r})")
                results[name].append((elapsed, rss))
        base_time = statistics.median(t for t, _ in results["baseline: python3 json.load"])
        print(f"{'side':40} {'median s':>9} {'ratio':>7} {'peak RSS MB':>12}   ({runs} runs each, interleaved)")
        for name, values in results.items():
            t = statistics.median(v[0] for v in values)
            m = max(v[1] for v in values)
            print(f"{name:40} {t:9.3f} {t / base_time:7.2f} {m:12.0f}")
    finally:
        server.kill(); server.wait()

if __name__ == "__main__":
    main()
