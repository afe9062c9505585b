"""`armox sandbox --port 0` for the benchmarks: started with the given flags,
its URL and key read from what it prints, its state read over HTTP, stopped
by its pid. Shared by bench-shell.py and bench-wait.py."""

import json
import os
import signal
import subprocess
import time
import urllib.request


class Sandbox:
    def __init__(self, armox, *flags):
        self.process = subprocess.Popen(
            [armox, "sandbox", "--port", "0", *flags],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True)
        self.base_url = self.key = None
        deadline = time.time() + 60
        while time.time() < deadline and (self.base_url is None or self.key is None):
            line = self.process.stdout.readline()
            if not line:
                break
            if "listening on" in line:
                self.base_url = line.split("listening on", 1)[1].strip()
            elif line.strip().startswith("key:"):
                self.key = line.split(":", 1)[1].strip()
        if self.base_url is None or self.key is None:
            self.stop()
            raise RuntimeError("armox sandbox did not print its URL and key")
        self.origin = self.base_url.rsplit("/api/", 1)[0]

    def state(self):
        """`GET /_sandbox/state`: request counts per endpoint, 429s, credits."""
        with urllib.request.urlopen(self.origin + "/_sandbox/state", timeout=10) as reply:
            return json.load(reply)

    def stop(self):
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process.stdout.close()
