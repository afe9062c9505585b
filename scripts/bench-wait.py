"""`wait` on many jobs (issue 5): armox beside a Python `requests` poll loop.

    python3 scripts/bench-wait.py --armox BIN [--sizes 1,10,100,500] [--speed 0.1]
        [--rate-limit 120] [--large-rate-limit 600] [--large-from 500] [--runs 1]
        [--sides armox,python] [--trace FILE]

For each N and each side, a fresh `armox sandbox --port 0 --speed F
--rate-limit R --credits 100000000` (killed by its pid afterwards), so the
request counts of one measurement never mix with another's. R is
--rate-limit (the API's common 120 a minute) except for N >= --large-from,
which use --large-rate-limit: at 120 a minute the 500 runs alone take over
four minutes per side.

armox: the release binary with --base-url of the sandbox, ARMOX_API_KEY,
ARMOX_HISTFILE=/dev/null, a fresh XDG_CACHE_HOME, stdin from /dev/null, runs

    for i in [1, 2, ..., N] { run elevenlabs/music "loop $i" --detach }
    done = wait all

and the wait is taken to return when the process exits (Python's wall clock
once waitpid returns; it includes the process teardown). The job ids are
read from what `run --detach` printed.

baseline: the same N runs started with `requests` (a 429 is retried after
its Retry-After), then the pattern of the API's examples: every 2 s, one
`GET /jobs/{id}` for each unfinished job, one after the other, until every
job is terminal (a 429 on a poll: sleep Retry-After and go on). A round is
one such 2 s pass.

Counted from GET /_sandbox/state before and after (the figures are the
difference): poll requests = jobsList + jobGet, and 429s = rateLimited. The
latest `completed_at` among the N jobs is fetched after those counts were
read (list of the newest 100, then GET for any job the list did not show),
and the delay is from it to the moment the wait returned.
"""
import argparse
import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import requests

from bench_sandbox import Sandbox

KEY = "sk_live_sandbox_demo_4242"
MODEL = "elevenlabs/music"
TERMINAL = {"completed", "failed", "cancelled", "canceled"}
POLL_INTERVAL = 2.0


def poll_counts(sandbox):
    """Poll requests (list and by id), runs and limiter 429s so far."""
    state = sandbox.state()
    counts = state["requestCounts"]
    return {"poll": counts["jobsList"] + counts["jobGet"], "list": counts["jobsList"],
            "get": counts["jobGet"], "run": counts["modelsRun"], "429": state["rateLimited"],
            "all": sum(counts.values())}


def window_bound(requests, rate_limit):
    """The least wall time `requests` requests can take under a rolling
    60-second window of `rate_limit`: every window after the first is waited
    out in full."""
    return max(0, -(-requests // rate_limit) - 1) * 60.0


def parse_time(stamp):
    return datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def call(session, method, url, **kwargs):
    """One request; a 429 is slept out (Retry-After) and sent again. The reply
    and how many 429s it took."""
    limited = 0
    while True:
        reply = session.request(method, url, timeout=30, **kwargs)
        if reply.status_code != 429:
            reply.raise_for_status()
            return reply, limited
        limited += 1
        time.sleep(float(reply.headers.get("Retry-After", "1")))


def latest_completion(sandbox, ids):
    """The latest completed_at among the jobs (after the measurement)."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {KEY}"
    records = {}
    reply, _ = call(session, "GET", f"{sandbox.base_url}/jobs", params={"limit": 100})
    for job in reply.json()["data"]:
        records[job["id"]] = job
    for job_id in ids:
        if job_id not in records:
            records[job_id] = call(session, "GET", f"{sandbox.base_url}/jobs/{job_id}")[0].json()
    jobs = [records[job_id] for job_id in ids]
    unfinished = [job["id"] for job in jobs if job["status"] not in TERMINAL]
    if unfinished:
        raise RuntimeError(f"jobs not terminal after the wait: {unfinished[:5]}")
    return max(parse_time(job["completed_at"]) for job in jobs if job.get("completed_at"))


TRACE = None


def measure_armox(armox, n, speed, rate_limit):
    sandbox = Sandbox(armox, "--speed", str(speed), "--rate-limit", str(rate_limit), "--credits", "100000000")
    cache = tempfile.mkdtemp(prefix="armox-bench-wait-")
    try:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/tmp"),
            "LANG": os.environ.get("LANG", "C.UTF-8"),
            "XDG_CACHE_HOME": cache,
            "XDG_STATE_HOME": cache + "/state",
            "ARMOX_HISTFILE": "/dev/null",
            "ARMOX_API_KEY": KEY,
        }
        numbers = ", ".join(str(i) for i in range(1, n + 1))
        script = f'for i in [{numbers}] {{ run {MODEL} "loop $i" --detach }}\ndone = wait all\n'
        before = poll_counts(sandbox)
        start = time.time()
        verbose = ["--verbose"] if TRACE else []
        process = subprocess.Popen([armox, "--base-url", sandbox.base_url] + verbose + ["-c", script], env=env,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = process.communicate()
        returned = time.time()
        after = poll_counts(sandbox)
        if TRACE:
            with open(TRACE, "ab") as trace:
                trace.write(f"== N={n}, wait returned {returned:.3f}\n".encode() + err)
        if process.returncode != 0:
            raise RuntimeError(f"armox exited {process.returncode}: {err.decode()[-500:]}")
        ids = list(dict.fromkeys(re.findall(r"\bjob_[0-9a-f]+\b", out.decode())))
        if len(ids) != n:
            raise RuntimeError(f"armox printed {len(ids)} job ids, not {n}")
        if after["run"] - before["run"] != n:
            raise RuntimeError(f"the sandbox saw {after['run'] - before['run']} runs, not {n}")
        last = latest_completion(sandbox, ids)
        polls = after["poll"] - before["poll"]
        lists = after["list"] - before["list"]
        rounds = lists if n > 1 else polls
        return {"n": n, "side": "armox", "polls": polls, "rounds": rounds, "429": after["429"] - before["429"],
                "delay_ms": (returned - last) * 1000, "wall_s": returned - start, "rate": rate_limit,
                "bound_s": window_bound(after["all"] - before["all"], rate_limit),
                "detail": f"{lists} list + {after['get'] - before['get']} get"}
    finally:
        sandbox.stop()
        shutil.rmtree(cache, ignore_errors=True)


def measure_python(armox, n, speed, rate_limit):
    sandbox = Sandbox(armox, "--speed", str(speed), "--rate-limit", str(rate_limit), "--credits", "100000000")
    try:
        before = poll_counts(sandbox)
        start = time.time()
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {KEY}"
        ids = []
        for i in range(1, n + 1):
            reply, _ = call(session, "POST", f"{sandbox.base_url}/models/run",
                            json={"model": MODEL, "input": {"prompt": f"loop {i}"}})
            ids.append(reply.json()["id"])
        unfinished = list(ids)
        polls = rounds = limited = 0
        while unfinished:
            time.sleep(POLL_INTERVAL)
            rounds += 1
            still = []
            for job_id in unfinished:
                while True:
                    reply = session.get(f"{sandbox.base_url}/jobs/{job_id}", timeout=30)
                    polls += 1
                    if reply.status_code == 429:
                        limited += 1
                        time.sleep(float(reply.headers.get("Retry-After", "1")))
                        continue  # the example's loop asks again for the same job
                    reply.raise_for_status()
                    break
                if reply.json()["status"] not in TERMINAL:
                    still.append(job_id)
            unfinished = still
        returned = time.time()
        after = poll_counts(sandbox)
        if after["poll"] - before["poll"] != polls:
            raise RuntimeError(f"the sandbox counted {after['poll'] - before['poll']} polls, the loop {polls}")
        last = latest_completion(sandbox, ids)
        return {"n": n, "side": "python requests, 2 s", "polls": polls, "rounds": rounds,
                "429": after["429"] - before["429"], "delay_ms": (returned - last) * 1000,
                "wall_s": returned - start, "rate": rate_limit, "detail": f"loop saw {limited} 429s on polls"}
    finally:
        sandbox.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--armox", required=True)
    parser.add_argument("--sizes", default="1,10,100,500")
    parser.add_argument("--speed", type=float, default=0.1)
    parser.add_argument("--rate-limit", type=int, default=120)
    parser.add_argument("--large-rate-limit", type=int, default=600)
    parser.add_argument("--large-from", type=int, default=500)
    parser.add_argument("--runs", type=int, default=1, help="measurements per N and side (the table shows medians)")
    parser.add_argument("--sides", default="armox,python")
    parser.add_argument("--trace", help="run armox with --verbose and append its stderr (the HTTP trace) here")
    options = parser.parse_args()
    global TRACE
    TRACE = options.trace
    sides = {"armox": measure_armox, "python": measure_python}
    measures = [sides[side] for side in options.sides.split(",")]
    sizes = [int(size) for size in options.sizes.split(",") if size]

    rows = []
    for n in sizes:
        rate = options.large_rate_limit if n >= options.large_from else options.rate_limit
        for measure in measures:
            results = []
            for _ in range(options.runs):
                result = measure(options.armox, n, options.speed, rate)
                print(f"  N={n} {result['side']}: {result['polls']} polls in {result['rounds']} rounds "
                      f"({result['detail']}), {result['429']} 429s, delay {result['delay_ms']:.0f} ms, "
                      f"wall {result['wall_s']:.1f} s (window bound {result.get('bound_s', 0):.0f} s), rate limit {rate}/min", flush=True)
                results.append(result)
            rows.append(results)

    print()
    print(f"speed {options.speed}; rate limit {options.rate_limit}/min "
          f"({options.large_rate_limit}/min for N >= {options.large_from}); medians of {options.runs} run(s)")
    header = ("N", "side", "poll requests", "per job", "per job per round", "rounds", "429s",
              "last completion -> wait returned", "wall", "window bound")
    print(" | ".join(header))
    for results in rows:
        med = lambda key: statistics.median(r[key] for r in results)
        n, side = results[0]["n"], results[0]["side"]
        polls, rounds = med("polls"), med("rounds")
        per_round = statistics.median(r["polls"] / (r["n"] * r["rounds"]) if r["rounds"] else 0 for r in results)
        print(" | ".join([
            str(n), side, f"{polls:g}", f"{polls / n:.2f}", f"{per_round:.3f}", f"{rounds:g}", f"{med('429'):g}",
            f"{med('delay_ms'):.0f} ms", f"{med('wall_s'):.1f} s",
            f"{statistics.median(r.get('bound_s', 0) for r in results):.0f} s"]))


if __name__ == "__main__":
    main()
