"""The three targets of the differential test: dynalite and `xrouting serve` over HTTP,
the engine in process through xr_replay (stdin/stdout)."""

import http.client
import json
import select
import subprocess
import time
import urllib.parse

AUTH = ("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
        "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")


class Reply:
    def __init__(self, status, body):
        self.status = status
        self.raw = body
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None

    @property
    def ok(self):
        return self.status == 200

    @property
    def error_type(self):
        if self.ok or not isinstance(self.json, dict):
            return None
        t = self.json.get("__type", "")
        return t.split("#", 1)[-1]

    @property
    def message(self):
        if self.ok or not isinstance(self.json, dict):
            return None
        return self.json.get("message", self.json.get("Message"))


class HttpTarget:
    def __init__(self, name, endpoint):
        self.name = name
        u = urllib.parse.urlparse(endpoint)
        self.host, self.port = u.hostname, u.port
        self.conn = None

    def call(self, op, body):
        data = body.encode()
        headers = {"Content-Type": "application/x-amz-json-1.0",
                   "X-Amz-Target": "DynamoDB_20120810." + op,
                   "X-Amz-Date": "20150830T123600Z", "Authorization": AUTH}
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.conn.request("POST", "/", body=data, headers=headers)
                r = self.conn.getresponse()
                return Reply(r.status, r.read().decode("utf-8", "replace"))
            except (http.client.HTTPException, OSError):
                if self.conn:
                    self.conn.close()
                self.conn = None
                if attempt == 1:
                    raise

    def close(self):
        if self.conn:
            self.conn.close()


class ReplayTarget:
    def __init__(self, binary, data_dir):
        self.name = "replay"
        self.proc = subprocess.Popen([binary, data_dir], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)

    def call(self, op, body):
        data = body.encode()
        self.proc.stdin.write(("%s %d\n" % (op, len(data))).encode() + data)
        self.proc.stdin.flush()
        header = self.proc.stdout.readline()
        if not header:
            raise RuntimeError("xr_replay exited (code %s)" % self.proc.poll())
        status, length = header.split()
        payload = self.proc.stdout.read(int(length))
        return Reply(int(status), payload.decode("utf-8", "replace"))

    def close(self):
        self.proc.stdin.close()
        code = self.proc.wait(timeout=30)
        if code != 0:
            raise RuntimeError("xr_replay exited with code %d" % code)


def start_serve(binary, data_dir):
    proc = subprocess.Popen([binary, "--data-dir", data_dir, "-q", "serve", "--port", "0",
                             "--threads", "2"], stdout=subprocess.PIPE)
    deadline = time.time() + 30
    line = b""
    while time.time() < deadline and not line.endswith(b"\n"):
        ready, _, _ = select.select([proc.stdout], [], [], deadline - time.time())
        if not ready:
            break
        ch = proc.stdout.read1(1) if hasattr(proc.stdout, "read1") else proc.stdout.read(1)
        if not ch:
            break
        line += ch
    text = line.decode().strip()
    if not text.startswith("listening on "):
        proc.kill()
        raise RuntimeError("xrouting serve did not start (got %r)" % text)
    return proc, text[len("listening on "):]
