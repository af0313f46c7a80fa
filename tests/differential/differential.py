#!/usr/bin/env python3
"""Differential test: one seeded DynamoDB operation sequence, sent request by request to
dynalite (XR_DYNALITE_ENDPOINT), `xrouting serve` (started here) and the engine in process
(xr_replay, server::Dispatcher::Handle over stdin/stdout), answers compared.

  python3 tests/differential/differential.py --xrouting build/dev/xrouting \
      --replay build/dev/xr_replay --seed 7 --ops 3000 [--kinds put,get,...]

Fails when: the final items of a table differ, an error type differs (success vs error
counts as a differing type), serve and the in-process engine disagree on anything, or the
message / response match rates fall below --min-message-rate / --min-content-rate.
Requests covered by known_differences.py (dynalite differs from DynamoDB) are checked
against DynamoDB's documented answer instead, and reported apart.
"""

import argparse
import base64
import http.client
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generator  # noqa: E402
import known_differences  # noqa: E402

AUTH = ("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
        "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")

# Default kinds of the ctest run: every kind the engine serves today. Add a kind here when
# its feature lands (tests/differential/README or the lead's list); --kinds overrides.
DEFAULT_KINDS = "put,get,delete,query,scan,batch_write,batch_get,update,legacy,invalid,capacity"


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


# ---------------------------------------------------------------------------------------
# Canonical forms: items compared as DynamoDB values


def canon(v):
    (t, x), = v.items() if isinstance(v, dict) and len(v) == 1 else (("?", json.dumps(v, sort_keys=True)),)
    if t == "N":
        try:
            return ("N", str(Decimal(x).normalize()) if Decimal(x) != 0 else "0")
        except Exception:
            return ("N?", x)
    if t == "B":
        return ("B", x)
    if t in ("SS", "BS"):
        return (t, tuple(sorted(x)))
    if t == "NS":
        return (t, tuple(sorted(canon({"N": n})[1] for n in x)))
    if t == "L":
        return ("L", tuple(canon(e) for e in x))
    if t == "M":
        return ("M", canon_item(x))
    return (t, json.dumps(x, sort_keys=True))


def canon_item(item):
    if item is None:
        return None
    return tuple(sorted((k, canon(v)) for k, v in item.items()))


def canon_items(items, ordered):
    out = [canon_item(i) for i in items or []]
    return out if ordered else sorted(out, key=repr)


def _floats(x):
    # CapacityUnits 1 and 1.0 are the same JSON number.
    if isinstance(x, dict):
        return {k: _floats(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_floats(v) for v in x]
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return float(x)
    return x


def canon_capacity(cc):
    if cc is None:
        return None
    cc = _floats(cc)
    if isinstance(cc, list):
        return sorted((json.dumps(c, sort_keys=True) for c in cc))
    return json.dumps(cc, sort_keys=True)


def normalize(op, resp):
    """The comparable content of a successful response (a JSON-able structure)."""
    if resp is None:
        return None
    out = {}
    for k, v in resp.items():
        if k in ("Item", "Attributes"):
            out[k] = canon_item(v)
        elif k == "ConsumedCapacity":
            out[k] = canon_capacity(v)
        elif k == "Responses":
            out[k] = {t: canon_items(items, False) for t, items in v.items()}
        elif k in ("UnprocessedKeys", "UnprocessedItems"):
            out[k] = json.dumps(v, sort_keys=True) if v else None
        elif k == "ItemCollectionMetrics":
            out[k] = json.dumps(v, sort_keys=True)
        else:
            out[k] = json.dumps(v, sort_keys=True)
    return out


# ---------------------------------------------------------------------------------------
# Running one generated operation on one target


class Outcome:
    """What one target answered to one generated operation (several requests if paginated)."""

    def __init__(self, replies, content):
        self.replies = replies
        self.last = replies[-1]
        self.status = self.last.status
        self.error_type = self.last.error_type
        self.message = self.last.message
        self.content = content  # normalized success content, None on error
        self.ok = self.last.ok


def run_op(target, op):
    body = op["body"]
    if isinstance(body, str):
        r = target.call(op["op"], body)
        return Outcome([r], normalize(op["op"], r.json) if r.ok else None)
    if not op.get("paginate"):
        r = target.call(op["op"], json.dumps(body))
        return Outcome([r], normalize(op["op"], r.json) if r.ok and isinstance(r.json, dict) else None)
    segments = op.get("segments")
    replies, pages = [], []
    for seg in range(segments or 1):
        start = None
        for _ in range(200):
            req = dict(body)
            if segments:
                req["Segment"], req["TotalSegments"] = seg, segments
            if start is not None:
                req["ExclusiveStartKey"] = start
            r = target.call(op["op"], json.dumps(req))
            replies.append(r)
            if not r.ok or not isinstance(r.json, dict):
                return Outcome(replies, None)
            pages.append(r.json)
            start = r.json.get("LastEvaluatedKey")
            if not start:
                break
    if op["paginate"] == "pages":
        content = [{"Items": canon_items(p.get("Items"), True), "Count": p.get("Count"),
                    "ScannedCount": p.get("ScannedCount"),
                    "LastEvaluatedKey": canon_item(p.get("LastEvaluatedKey")),
                    "ConsumedCapacity": canon_capacity(p.get("ConsumedCapacity"))} for p in pages]
    else:
        items = []
        for p in pages:
            items.extend(p.get("Items") or [])
        content = {"Items": canon_items(items, False),
                   "Count": sum(p.get("Count", 0) for p in pages),
                   "ScannedCount": sum(p.get("ScannedCount", 0) for p in pages),
                   "HasItemsKey": sorted({"Items" in p for p in pages}),
                   "ConsumedCapacity": [canon_capacity(p.get("ConsumedCapacity")) for p in pages]}
        if op.get("segments") or op.get("unsegmented"):
            # Segments split the hash space differently on every implementation: only the
            # union of the items and the counts are comparable.
            del content["ConsumedCapacity"]
        elif not body.get("Limit"):
            content["Pages"] = len(pages)
    return Outcome(replies, content)


# ---------------------------------------------------------------------------------------
# Statistics and reporting


class Stats:
    def __init__(self, name):
        self.name = name
        self.total = 0
        self.status = 0
        self.type = 0
        self.errors = 0  # requests dynalite answered with an error
        self.message = 0
        self.successes = 0  # requests both answered with success
        self.content = 0
        self.known = 0
        self.known_followed = 0
        self.mismatches = []
        self.by_kind = {}

    def kind(self, k):
        return self.by_kind.setdefault(k, [0, 0, 0])  # total, all-match, type-match

    def rate(self, n, d):
        return 100.0 * n / d if d else 100.0


def shorten(s, n=700):
    s = s if isinstance(s, str) else json.dumps(s)
    return s if len(s) <= n else s[:n] + "...(%d chars)" % len(s)


def compare(stats, index, op, ref, got):
    """One xrouting outcome against dynalite's. Returns a list of what differs."""
    k = stats.kind(op["kind"])
    stats.total += 1
    k[0] += 1
    diffs = []
    if ref.status == got.status:
        stats.status += 1
    else:
        diffs.append("status %s vs %s" % (ref.status, got.status))
    if ref.error_type == got.error_type:
        stats.type += 1
        k[2] += 1
    else:
        diffs.append("type %s vs %s" % (ref.error_type, got.error_type))
    if not ref.ok:
        stats.errors += 1
        if ref.message == got.message and ref.error_type == got.error_type:
            stats.message += 1
        else:
            diffs.append("message")
    elif got.ok:
        stats.successes += 1
        if ref.content == got.content:
            stats.content += 1
        else:
            diffs.append("content")
    if not diffs:
        k[1] += 1
    return diffs


def record(stats, index, op, ref, got, diffs, seed, note=""):
    if len(stats.mismatches) < 1000:
        stats.mismatches.append({"index": index, "kind": op["kind"], "op": op["op"], "diffs": diffs,
                                 "note": note, "request": op["body"],
                                 "dynalite": (ref.status, ref.last.raw) if ref else None,
                                 "xrouting": (got.status, got.last.raw),
                                 "ref_content": ref.content if ref else None, "got_content": got.content})


def print_mismatch(m, seed):
    print("  --- seed %d op #%d (%s, %s): %s%s" % (seed, m["index"], m["kind"], m["op"],
                                                 ", ".join(m["diffs"]), (" [" + m["note"] + "]") if m["note"] else ""))
    print("      request : %s" % shorten(m["request"]))
    if m["dynalite"]:
        print("      dynalite: %s %s" % (m["dynalite"][0], shorten(m["dynalite"][1], 400)))
    print("      xrouting: %s %s" % (m["xrouting"][0], shorten(m["xrouting"][1], 400)))
    if "content" in m["diffs"]:
        print("      dynalite content: %s" % shorten(repr(m["ref_content"]), 400))
        print("      xrouting content: %s" % shorten(repr(m["got_content"]), 400))


# ---------------------------------------------------------------------------------------


def resync(gen, op, source, targets):
    body = op["body"]
    if op["op"] not in ("PutItem", "UpdateItem", "DeleteItem") or not isinstance(body, dict):
        return
    table = next((t for t in gen.tables if t.name == body.get("TableName")), None)
    keyed = body.get("Key") if op["op"] != "PutItem" else body.get("Item")
    if table is None or not isinstance(keyed, dict):
        return
    key = {a: keyed[a] for a, _ in table.key_attrs() if a in keyed}
    if len(key) != len(table.key_attrs()):
        return
    r = source.call("GetItem", json.dumps({"TableName": table.name, "Key": key, "ConsistentRead": True}))
    if not r.ok:
        return
    item = r.json.get("Item")
    for tg in targets:
        if item:
            tg.call("PutItem", json.dumps({"TableName": table.name, "Item": item}))
        else:
            tg.call("DeleteItem", json.dumps({"TableName": table.name, "Key": key}))


def wait_active(target, table_names, deadline=30):
    end = time.time() + deadline
    pending = set(table_names)
    while pending and time.time() < end:
        for name in sorted(pending):
            r = target.call("DescribeTable", json.dumps({"TableName": name}))
            if r.ok:
                t = r.json["Table"]
                if t.get("TableStatus") == "ACTIVE" and all(
                        g.get("IndexStatus") == "ACTIVE" for g in t.get("GlobalSecondaryIndexes", [])):
                    pending.discard(name)
        if pending:
            time.sleep(0.05)
    if pending:
        raise RuntimeError("%s: tables not ACTIVE after %ds: %s" % (target.name, deadline, sorted(pending)))


def full_scan(target, table):
    items, start = [], None
    for _ in range(1000):
        req = {"TableName": table, "ConsistentRead": True}
        if start:
            req["ExclusiveStartKey"] = start
        r = target.call("Scan", json.dumps(req))
        if not r.ok:
            raise RuntimeError("%s: final Scan of %s failed: %s %s" % (target.name, table, r.status, r.raw))
        items.extend(r.json.get("Items", []))
        start = r.json.get("LastEvaluatedKey")
        if not start:
            break
    return canon_items(items, False)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--xrouting", required=True, help="the xrouting binary (serve is started from it)")
    ap.add_argument("--replay", required=True, help="the xr_replay binary (the engine in process)")
    ap.add_argument("--dynalite", default=os.environ.get("XR_DYNALITE_ENDPOINT"),
                    help="dynalite endpoint (default: $XR_DYNALITE_ENDPOINT)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ops", type=int, default=2000)
    ap.add_argument("--kinds", default=DEFAULT_KINDS,
                    help="comma-separated operation kinds, or 'all' (%s)" % ",".join(generator.KINDS))
    ap.add_argument("--min-message-rate", type=float, default=None,
                    help="minimum %% of dynalite errors whose type and message xrouting matches")
    ap.add_argument("--min-content-rate", type=float, default=None,
                    help="minimum %% of shared successes with identical response content")
    ap.add_argument("--show", type=int, default=12, help="mismatches to print per target")
    ap.add_argument("--dump", help="write every mismatch as JSON lines to this file")
    ap.add_argument("--trace", type=int, action="append", default=[],
                    help="print every request and reply of operation INDEX on every target")
    ap.add_argument("--no-fail", action="store_true", help="report only (exit 0); for exploring new kinds")
    args = ap.parse_args()

    if not args.dynalite:
        print("differential: FAIL: XR_DYNALITE_ENDPOINT is not set. Start dynalite first "
              "(source scripts/peers.sh; peers_start) or pass --dynalite URL; scripts/test.sh does this.",
              file=sys.stderr)
        return 2
    kinds = generator.KINDS if args.kinds == "all" else [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in generator.KINDS]
    if unknown:
        print("differential: unknown kinds %s (known: %s)" % (unknown, ", ".join(generator.KINDS)), file=sys.stderr)
        return 2
    # Thresholds honestly measured at the end of the session for the default kinds (see the
    # README paragraph); tighten them as the engine improves.
    min_msg = args.min_message_rate if args.min_message_rate is not None else known_differences.MIN_MESSAGE_RATE
    min_content = args.min_content_rate if args.min_content_rate is not None else known_differences.MIN_CONTENT_RATE

    started = time.time()
    tmp = tempfile.mkdtemp(prefix="xr-differential-")
    prefix = "diff%d_%d_" % (args.seed, os.getpid())  # dynalite is shared by concurrent tests
    gen = generator.Generator(args.seed, kinds, prefix)
    dyn = HttpTarget("dynalite", args.dynalite)

    def peek(table, key):
        # dynalite's item as it is now (the known-difference rules read results from it).
        r = dyn.call("GetItem", json.dumps({"TableName": table, "Key": key, "ConsistentRead": True}))
        return r.json.get("Item") if r.ok and isinstance(r.json, dict) else None

    known_differences.peek = peek
    serve_proc = None
    targets = []
    try:
        serve_proc, url = start_serve(args.xrouting, os.path.join(tmp, "serve"))
        serve = HttpTarget("serve", url)
        replay = ReplayTarget(args.replay, os.path.join(tmp, "replay"))
        targets = [dyn, serve, replay]

        for t in gen.tables:
            for tg in targets:
                r = tg.call("CreateTable", json.dumps(t.create_request()))
                if not r.ok:
                    raise RuntimeError("%s: CreateTable %s failed: %s %s" % (tg.name, t.name, r.status, r.raw))
        for tg in targets:
            wait_active(tg, [t.name for t in gen.tables])

        stats = {"serve": Stats("serve"), "replay": Stats("replay")}
        divergent = []  # serve vs replay (the same code: any difference is a failure)
        known_log = []
        ops_by_kind = {}
        for i in range(args.ops):
            op = gen.next()
            ops_by_kind[op["kind"]] = ops_by_kind.get(op["kind"], 0) + 1
            # dynalite's parallel Scan is compared through its plain Scan: the union of all
            # segments is the whole table (known_differences.SEGMENTS).
            ref = run_op(dyn, dict(op, segments=None, unsegmented=True) if op.get("segments") else op)
            try:
                outs = {"serve": run_op(serve, op), "replay": run_op(replay, op)}
            except Exception as e:
                raise RuntimeError("an xrouting target died on seed %d op #%d (%s, %s): %s\n  request: %s" % (
                    args.seed, i, op["kind"], op["op"], e, shorten(op["body"], 2000))) from e
            if i in args.trace:
                print("trace op #%d (%s): %s" % (i, op["kind"], shorten(op, 4000)))
                for tname, o in (("dynalite", ref), ("serve", outs["serve"]), ("replay", outs["replay"])):
                    for r in o.replies:
                        print("  %-8s %s %s" % (tname, r.status, shorten(r.raw, 2000)))
            a, b = outs["serve"], outs["replay"]
            if (a.status, a.error_type, a.message, a.content) != (b.status, b.error_type, b.message, b.content):
                divergent.append((i, op, a, b))
            known = known_differences.classify(op, ref)
            all_followed = True
            for name, got in outs.items():
                st = stats[name]
                if known is not None:
                    st.known += 1
                    followed, why = known.check(op, ref, got)
                    all_followed = all_followed and followed
                    if followed:
                        st.known_followed += 1
                    else:
                        record(st, i, op, ref, got, ["known difference not followed"], args.seed,
                               known.id + ": " + why)
                    if name == "serve":
                        known_log.append((i, known.id, followed))
                    continue
                diffs = compare(st, i, op, ref, got)
                if diffs:
                    record(st, i, op, ref, got, diffs, args.seed)
            if known is not None and known.state_from_xrouting and all_followed:
                # dynalite stored what DynamoDB refuses to store: DynamoDB's item is the one
                # xrouting kept, so dynalite gets xrouting's copy.
                resync(gen, op, serve, (dyn,))
            elif known is not None:
                # dynalite's write went its own way (or was refused alone): copy dynalite's
                # item to both xrouting targets so later requests compare like with like.
                resync(gen, op, dyn, (serve, replay))

        # Final state: a full Scan of every table on every target.
        final_diffs = []
        for t in gen.tables:
            ref_items = full_scan(dyn, t.name)
            for tg in (serve, replay):
                got_items = full_scan(tg, t.name)
                if got_items != ref_items:
                    only_ref = [x for x in ref_items if x not in got_items]
                    only_got = [x for x in got_items if x not in ref_items]
                    final_diffs.append((tg.name, t.name, len(ref_items), len(got_items), only_ref[:3], only_got[:3]))
        # Leave the shared dynalite clean.
        for t in gen.tables:
            dyn.call("DeleteTable", json.dumps({"TableName": t.name}))
    finally:
        for tg in targets:
            try:
                tg.close()
            except Exception as e:  # reported, and a failure below via the exception path
                print("differential: closing %s: %s" % (tg.name, e), file=sys.stderr)
        if serve_proc:
            serve_proc.terminate()
            try:
                serve_proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                serve_proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)

    # ---- report --------------------------------------------------------------------------
    elapsed = time.time() - started
    print("differential: seed %d, %d operations (%s), %.1fs" % (
        args.seed, args.ops, ", ".join("%s %d" % kv for kv in sorted(ops_by_kind.items())), elapsed))
    failures = []
    for name, st in stats.items():
        print("%s vs dynalite: status %.1f%%, error type %.1f%%, message %.1f%% (of %d errors), "
              "content %.1f%% (of %d successes); known differences %d (%d follow DynamoDB)" % (
                  name, st.rate(st.status, st.total), st.rate(st.type, st.total),
                  st.rate(st.message, st.errors), st.errors, st.rate(st.content, st.successes),
                  st.successes, st.known, st.known_followed))
        print("  per kind (all match / type match / total): " + ", ".join(
            "%s %d/%d/%d" % (k, v[1], v[2], v[0]) for k, v in sorted(st.by_kind.items())))
        type_diffs = [m for m in st.mismatches if any(d.startswith("type") for d in m["diffs"])]
        known_bad = [m for m in st.mismatches if m["diffs"] == ["known difference not followed"]]
        if type_diffs:
            failures.append("%s: %d requests with a different error type" % (name, len(type_diffs)))
        if known_bad:
            failures.append("%s: %d known-difference requests where xrouting does not follow DynamoDB"
                            % (name, len(known_bad)))
        if st.rate(st.message, st.errors) < min_msg:
            failures.append("%s: message match %.1f%% < %.1f%%" % (name, st.rate(st.message, st.errors), min_msg))
        if st.rate(st.content, st.successes) < min_content:
            failures.append("%s: content match %.1f%% < %.1f%%" % (name, st.rate(st.content, st.successes), min_content))
        if st.mismatches:
            print("  first mismatches (%d in all):" % len(st.mismatches))
            for m in st.mismatches[:args.show]:
                print_mismatch(m, args.seed)
        if name == "serve":
            # serve and replay answer alike (checked below); print the replay's only if they differ.
            pass
    if known_log:
        ids = {}
        for _, kid, followed in known_log:
            ids.setdefault(kid, [0, 0])
            ids[kid][0] += 1
            ids[kid][1] += followed
        print("known differences (dynalite differs from DynamoDB; xrouting checked against DynamoDB):")
        for kid, (n, f) in sorted(ids.items()):
            print("  %s: %d requests, xrouting follows DynamoDB in %d  (%s)" % (
                kid, n, f, known_differences.BY_ID[kid].doc))
    if divergent:
        failures.append("serve and the in-process engine differ on %d requests" % len(divergent))
        for i, op, a, b in divergent[:5]:
            print("  --- serve vs replay, seed %d op #%d %s: %s" % (args.seed, i, op["op"], shorten(op["body"])))
            print("      serve : %s %s" % (a.status, shorten(a.last.raw, 300)))
            print("      replay: %s %s" % (b.status, shorten(b.last.raw, 300)))
    for tg, table, n_ref, n_got, only_ref, only_got in final_diffs:
        failures.append("%s: final items of %s differ (dynalite %d items, %s %d)" % (tg, table, n_ref, tg, n_got))
        print("  final %s on %s: only in dynalite %s; only in %s %s" % (
            table, tg, shorten(repr(only_ref), 500), tg, shorten(repr(only_got), 500)))
    if args.dump:
        with open(args.dump, "w") as f:
            for name, st in stats.items():
                for m in st.mismatches:
                    f.write(json.dumps(dict(m, target=name), default=repr) + "\n")
    if failures:
        print("differential: FAIL (seed %d): %s" % (args.seed, "; ".join(failures)))
        return 0 if args.no_fail else 1
    print("differential: PASS (seed %d, thresholds: message >= %.1f%%, content >= %.1f%%)" % (
        args.seed, min_msg, min_content))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as e:
        print("differential: FAIL: %s" % e, file=sys.stderr)
        sys.exit(1)
