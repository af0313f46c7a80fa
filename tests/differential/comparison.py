"""How the differential test compares answers: DynamoDB values in canonical form, the
comparable content of a response, one generated operation run on one target (following
pagination), and the match statistics and mismatch reports."""

import json
from decimal import Decimal


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
