#!/usr/bin/env python3
"""A local AWS Lambda Runtime API (2018-06-01) that runs one runtime process against it.

    fake_runtime_api.py --events EVENTS.json --out RESULT.json [--log LOG] [--timeout S]
                        [--maps] -- COMMAND [ARGS...]

Starts an HTTP server on 127.0.0.1 (ephemeral port), starts COMMAND with
AWS_LAMBDA_RUNTIME_API pointing at it, serves the queued events in order through
GET /runtime/invocation/next, and records what the runtime posts to
/runtime/invocation/{id}/response, /runtime/invocation/{id}/error and /runtime/init/error.
When every event is answered and the runtime asks for the next one (or it exits, or
--timeout passes) the process is stopped and RESULT.json is written:

    {"startupMs": process start -> first /next, "invocations": [{"requestId", "kind"
     ("response"|"error"), "body", "errorType", "durationMs"}], "initError": {...}|null,
     "exitCode": int|null (null: stopped by us), "maxRssKb": peak RSS of the runtime,
     "mappedObjects": [files the runtime had mapped at its first /next] (with --maps),
     "timedOut": bool}

EVENTS.json: [{"requestId": "...", "payload": <JSON value or raw string>,
               "deadlineMs": <ms from now, default 300000>, "traceId": "..."}]
Python 3 standard library only; listens on loopback only.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PREFIX = "/2018-06-01/runtime/"


class State:
    def __init__(self, events):
        self.lock = threading.Lock()
        self.events = list(events)
        self.served = {}  # request id -> monotonic time served
        self.invocations = []
        self.init_error = None
        self.first_next = None
        self.maps = None
        self.pid = None
        self.done = threading.Event()  # all answered and the runtime is idle again
        self.stop = threading.Event()


def make_handler(state, want_maps):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet: the runtime's own log is what matters
            pass

        def reply(self, status, body=b"", headers=None):
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path != PREFIX + "invocation/next":
                return self.reply(404, b'{"errorType":"NotFound"}')
            now = time.monotonic()
            for _ in range(100):  # Popen has returned before we know the pid: rarely racy
                if state.pid:
                    break
                time.sleep(0.01)
            with state.lock:
                if state.first_next is None:
                    state.first_next = now
                    if want_maps and state.pid:
                        state.maps = read_maps(state.pid)
                event = state.events.pop(0) if state.events else None
                if event is None:
                    state.done.set()
            if event is None:
                # Like Lambda between events: hold the long poll until we stop.
                state.stop.wait()
                try:
                    self.reply(500, b'{"errorType":"Stopped"}')
                except OSError:  # the runtime is gone already
                    pass
                return
            payload = event.get("payload", {})
            body = payload if isinstance(payload, str) else json.dumps(payload)
            deadline = int(time.time() * 1000) + int(event.get("deadlineMs", 300000))
            headers = {
                "Lambda-Runtime-Aws-Request-Id": event["requestId"],
                "Lambda-Runtime-Deadline-Ms": str(deadline),
                "Lambda-Runtime-Invoked-Function-Arn":
                    "arn:aws:lambda:us-east-1:123456789012:function:xrouting-etl",
            }
            if event.get("traceId"):
                headers["Lambda-Runtime-Trace-Id"] = event["traceId"]
            with state.lock:
                state.served[event["requestId"]] = time.monotonic()
            self.reply(200, body.encode(), headers)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode("utf-8", "replace")
            error_type = self.headers.get("Lambda-Runtime-Function-Error-Type")
            if not self.path.startswith(PREFIX):
                return self.reply(404, b"{}")
            path = self.path[len(PREFIX):]
            now = time.monotonic()
            with state.lock:
                if path == "init/error":
                    state.init_error = {"errorType": error_type, "body": body}
                else:
                    parts = path.split("/")
                    if (len(parts) != 3 or parts[0] != "invocation"
                            or parts[2] not in ("response", "error")
                            or parts[1] not in state.served):
                        return self.reply(400, b'{"errorType":"InvalidRequestID"}')
                    state.invocations.append({
                        "requestId": parts[1], "kind": parts[2], "body": body,
                        "errorType": error_type,
                        "durationMs": round((now - state.served[parts[1]]) * 1000, 3)})
            self.reply(202, b'{"status":"OK"}')

    return Handler


def read_maps(pid):
    paths = set()
    try:
        with open(f"/proc/{pid}/maps", encoding="utf-8") as f:
            for line in f:
                fields = line.split(maxsplit=5)
                if len(fields) == 6 and fields[5].startswith("/"):
                    paths.add(fields[5].strip())
    except OSError:
        pass
    return sorted(paths)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--log", default=os.devnull)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--maps", action="store_true")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        ap.error("no command to run")
    with open(args.events, encoding="utf-8") as f:
        state = State(json.load(f))

    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state, args.maps))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = dict(os.environ, AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{server.server_address[1]}")

    with open(args.log, "ab") as log:
        started = time.monotonic()
        proc = subprocess.Popen(command, env=env, stdout=log, stderr=log)
        with state.lock:
            state.pid = proc.pid
        # Done when every event is answered and the runtime polls again, or when it exits.
        exited = None
        timed_out = False
        while exited is None:
            if state.done.wait(0.01):
                break
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                exited = (status, usage)
            elif time.monotonic() - started > args.timeout:
                timed_out = True
                break
        stopped_by_us = exited is None
        if stopped_by_us:
            proc.send_signal(signal.SIGTERM)
            exited = reap(proc.pid)
        state.stop.set()
        server.shutdown()

    status, usage = exited
    result = {
        "startupMs": None if state.first_next is None else
        round((state.first_next - started) * 1000, 3),
        "invocations": state.invocations,
        "initError": state.init_error,
        "exitCode": None if stopped_by_us else os.waitstatus_to_exitcode(status),
        "maxRssKb": usage.ru_maxrss if usage else None,
        "mappedObjects": state.maps,
        "timedOut": timed_out,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
    return 3 if timed_out else 0


def reap(pid):
    """Waits up to 5 s for a SIGTERMed child, then SIGKILLs it; returns (status, rusage)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage
        time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)
    _, status, usage = os.wait4(pid, 0)
    return status, usage


if __name__ == "__main__":
    sys.exit(main())
