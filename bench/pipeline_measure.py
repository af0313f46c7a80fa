#!/usr/bin/env python3
"""Runs one command as a child process and appends one JSON line to --out: its wall time
(ms), its peak RSS (MiB, ru_maxrss from wait4, so only that process), its exit code and,
when the last line of its stdout is the ETL's JSON summary, the phase timings it printed
(body.timingsMs). Used by bench/pipeline.sh.

  pipeline_measure.py --out FILE --store S --step S --run N [--log FILE] -- CMD ARGS...
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--store", required=True)
    p.add_argument("--step", required=True)
    p.add_argument("--run", type=int, required=True)
    p.add_argument("--log", help="append the command's stderr here")
    p.add_argument("--timeout", type=float, default=600)
    p.add_argument("cmd", nargs=argparse.REMAINDER)
    args = p.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd:
        p.error("no command")

    log = open(args.log, "ab") if args.log else subprocess.DEVNULL
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log)
    timer = threading.Timer(args.timeout, child.kill)
    timer.start()
    out = child.stdout.read()  # until the child closes stdout (exits)
    # Reap with wait4 ourselves (never Popen.wait/communicate, which would discard the
    # child's rusage): ru_maxrss is then this one process's peak RSS.
    _, status, rusage = os.wait4(child.pid, 0)
    wall_ms = (time.perf_counter() - start) * 1000
    timer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(
            f"pipeline_measure: {args.store} {args.step} exited {child.returncode}"
            + (f" (see {args.log})" if args.log else "")
        )

    row = {
        "store": args.store,
        "step": args.step,
        "run": args.run,
        "wall_ms": round(wall_ms, 1),
        "rss_mib": round(rusage.ru_maxrss / 1024, 1),
    }
    lines = out.decode(errors="replace").strip().splitlines()
    if lines:
        try:
            summary = json.loads(lines[-1])
            row["phases_ms"] = summary["body"]["timingsMs"]
            row["saved"] = {k: v for k, v in summary["body"].items() if k.endswith("Saved")}
        except (ValueError, KeyError, TypeError):
            pass
    with open(args.out, "a") as f:
        f.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
