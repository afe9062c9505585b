"""Baseline for `scripts/bench evaluate`: the same statements as Python.

Translates the generated .armox script line by line into the equivalent
Python (f-strings for interpolation, lists, indexing, len, if/else), then
times compile + exec of the whole program, like armox's parse + evaluate.

With `--emit-python OUT` it only writes the translation to OUT (the
baseline source of `scripts/bench parse`).
"""
import re
import statistics
import sys
import time


def translate(line):
    line = line.strip()
    if line.startswith("if "):
        # if $v == "a red fox" { k = $l.count } else { k = 0 }
        m = re.match(r'if \$(\w+) == "([^"]*)" \{ (\w+) = \$(\w+)\.count \} else \{ (\w+) = 0 \}', line)
        return f'if {m[1]} == "{m[2]}":\n    {m[3]} = len({m[4]})\nelse:\n    {m[5]} = 0'
    out = []
    for stmt in line.split("; "):
        name, value = stmt.split(" = ", 1)
        if value.startswith('"') and "$" in value:
            value = "f" + re.sub(r"\$\{(\w+)((?:\[\d+\])*)\}|\$(\w+)", lambda m: "{" + (m[1] + (m[2] or "") if m[1] else m[3]) + "}", value)
        value = value.replace("$", "").replace("true", "True")
        out.append(f"{name} = {value}")
    return "\n".join(out)


def main():
    path = sys.argv[1]
    runs = 7
    args = sys.argv[2:]
    if "--runs" in args:
        runs = int(args[args.index("--runs") + 1])
    source = "\n".join(translate(line) for line in open(path, encoding="utf-8") if line.strip())
    if "--emit-python" in args:
        with open(args[args.index("--emit-python") + 1], "w", encoding="utf-8") as out:
            out.write(source + "\n")
        return
    statements = sum(2 if (line.startswith("v = ") or line.startswith("if ")) else 1
                     for line in open(path, encoding="utf-8") if line.strip())
    rates = []
    for run in range(1, runs + 1):
        start = time.perf_counter()
        code = compile(source, "bench.py", "exec")
        exec(code, {})
        total = time.perf_counter() - start
        rates.append(statements / total)
        print(f"run {run}: {statements} statements in {total * 1000:.1f} ms: {statements / total:.0f} statements/s")
    print(f"median: {statistics.median(rates):.0f} statements/s over {runs} runs")


main()
