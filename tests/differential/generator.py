"""The seeded generator of DynamoDB operation sequences for the differential test.

Everything here depends only on the seed and the chosen kinds, never on any target's
answers, so one (seed, kinds, ops) triple always produces the same requests. Pagination
(ExclusiveStartKey) is the only input taken from the responses, and the driver follows it
per target.

An operation is a dict:
  kind       the generator kind that made it (see KINDS)
  op         the DynamoDB operation name
  body       the request as a Python dict, or a str sent verbatim (malformed JSON)
  paginate   None, "pages" (follow LastEvaluatedKey, compare page by page) or
             "union" (follow LastEvaluatedKey, compare the union of the items)
  segments   for a parallel Scan: the TotalSegments to walk (each segment paginated)
  ordered    whether the order of Items across pages is significant
"""

import random

from gen_values import (ATTRS, KEY_B, KEY_N, KEY_S, NUMBERS, RANGE_B, RANGE_N, RANGE_S, RESERVED,
                        STRINGS, UNSAFE, b64, sort_key as _sort_key)
from invalid_requests import InvalidRequests
from legacy_requests import LegacyRequests

# Every kind the generator knows. --kinds picks a subset (the ctest run names its own).
KINDS = ["put", "get", "delete", "update", "query", "scan", "batch_write", "batch_get",
         "legacy", "invalid", "capacity"]

# ---------------------------------------------------------------------------------------
# Tables


class Table:
    def __init__(self, short, hash_key, range_key=None, gsis=()):
        self.short = short
        self.name = short  # prefixed by the driver (Generator.__init__)
        self.hash = hash_key  # (name, type)
        self.range = range_key
        self.gsis = list(gsis)  # (index name, (hash name, type), (range name, type) or None, projection)

    def key_attrs(self):
        return [self.hash] + ([self.range] if self.range else [])

    def create_request(self):
        attrs = {}
        for name, typ in self.key_attrs():
            attrs[name] = typ
        for _, h, r, _ in self.gsis:
            attrs[h[0]] = h[1]
            if r:
                attrs[r[0]] = r[1]
        req = {
            "TableName": self.name,
            "AttributeDefinitions": [{"AttributeName": n, "AttributeType": t}
                                     for n, t in sorted(attrs.items())],
            "KeySchema": [{"AttributeName": self.hash[0], "KeyType": "HASH"}] +
                         ([{"AttributeName": self.range[0], "KeyType": "RANGE"}] if self.range else []),
            "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
        }
        if self.gsis:
            req["GlobalSecondaryIndexes"] = []
            for iname, h, r, proj in self.gsis:
                ks = [{"AttributeName": h[0], "KeyType": "HASH"}]
                if r:
                    ks.append({"AttributeName": r[0], "KeyType": "RANGE"})
                p = {"ProjectionType": proj}
                if proj == "INCLUDE":
                    p["NonKeyAttributes"] = ["a", "s"]
                req["GlobalSecondaryIndexes"].append({
                    "IndexName": iname, "KeySchema": ks, "Projection": p,
                    "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}})
        return req


def make_tables():
    return [
        Table("hs", ("pk", "S")),
        Table("hn", ("pk", "N")),
        Table("hb", ("pk", "B")),
        Table("sn", ("pk", "S"), ("sk", "N")),
        Table("nb", ("pk", "N"), ("sk", "B")),
        Table("gs", ("pk", "S"), ("sk", "S"),
              gsis=[("byG", ("g", "S"), ("gn", "N"), "ALL"),
                    ("byGn", ("gn", "N"), None, "KEYS_ONLY")]),
    ]


# ---------------------------------------------------------------------------------------
# Operations (the legacy-parameter and invalid-request families are mixins of their own)


class Generator(LegacyRequests, InvalidRequests):
    def __init__(self, seed, kinds, prefix):
        self.rng = random.Random(seed)
        self.kinds = [k for k in KINDS if k in kinds and k != "capacity"]
        self.capacity = "capacity" in kinds
        if not self.kinds:
            raise ValueError("no operation kinds selected")
        self.tables = make_tables()
        for t in self.tables:
            t.name = prefix + t.short
        self.counter = 0

    # -- small helpers -------------------------------------------------------------------
    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p):
        return self.rng.random() < p

    def table(self):
        return self.pick(self.tables)

    def key_value(self, typ, rng_key=False):
        if typ == "S":
            return {"S": self.pick(RANGE_S if rng_key else KEY_S)}
        if typ == "N":
            return {"N": self.pick(RANGE_N if rng_key else KEY_N)}
        return {"B": self.pick(RANGE_B if rng_key else KEY_B)}

    def key(self, t):
        k = {t.hash[0]: self.key_value(t.hash[1])}
        if t.range:
            k[t.range[0]] = self.key_value(t.range[1], True)
        return k

    def number(self):
        if self.chance(0.5):
            return self.pick(NUMBERS)
        if self.chance(0.5):
            return str(self.rng.randint(-1000, 1000))
        return "%d.%d" % (self.rng.randint(-99, 99), self.rng.randint(0, 999))

    def nset(self, n):
        out, seen = [], set()
        while len(out) < n:
            v = str(self.rng.randint(-20, 20)) if self.chance(0.7) else self.pick(["1.5", "0.25", "1e3"])
            from decimal import Decimal
            d = Decimal(v)
            if d in seen:
                continue
            seen.add(d)
            out.append(v)
        return out

    def value(self, depth=0, scalar=False):
        r = self.rng.random()
        if scalar or depth >= 2:
            r = r * 0.6
        if r < 0.18:
            return {"S": self.pick(STRINGS)}
        if r < 0.36:
            return {"N": self.number()}
        if r < 0.42:
            return {"B": b64(bytes(self.rng.randrange(256) for _ in range(self.rng.randint(1, 4))))}
        if r < 0.48:
            return {"BOOL": self.chance(0.5)}
        if r < 0.52:
            return {"NULL": True}
        if r < 0.56:
            return {"SS": self.rng.sample(STRINGS, self.rng.randint(1, 3))}
        if r < 0.60:
            return {"NS": self.nset(self.rng.randint(1, 3))}
        if r < 0.70:
            return {"BS": [b64(x) for x in self.rng.sample([b"\x00", b"\x01", b"ab", b"\xff\xfe"],
                                                           self.rng.randint(1, 3))]}
        if r < 0.85:
            return {"L": [self.value(depth + 1) for _ in range(self.rng.randint(0, 3))]}
        return {"M": {self.pick(["a", "b", "c", "d"]): self.value(depth + 1)
                      for _ in range(self.rng.randint(0, 3))}}

    def doc_map(self):
        """The 'm' attribute: a map with a known shape so update paths hit it often."""
        m = {"a": {"N": self.number()}}
        if self.chance(0.7):
            m["b"] = {"L": [self.value(1) for _ in range(self.rng.randint(0, 3))]}
        if self.chance(0.6):
            m["c"] = {"M": {"d": self.value(1, scalar=True)}}
        return {"M": m}

    def item(self, t):
        item = self.key(t)
        for _ in range(self.rng.randint(0, 5)):
            a = self.pick(ATTRS)
            if a == "m":
                item[a] = self.doc_map()
            elif a == "l":
                item[a] = {"L": [self.value(1) for _ in range(self.rng.randint(0, 4))]}
            elif a == "ss":
                item[a] = {"SS": self.rng.sample(STRINGS, self.rng.randint(1, 3))}
            elif a == "ns":
                item[a] = {"NS": self.nset(self.rng.randint(1, 3))}
            elif a == "n":
                item[a] = {"N": self.number()}
            elif a == "s":
                item[a] = {"S": self.pick(STRINGS)}
            else:
                item[a] = self.value()
        for _, h, r, _ in t.gsis:
            if self.chance(0.6):
                item[h[0]] = self.key_value(h[1], True)
            if r and self.chance(0.6):
                item[r[0]] = self.key_value(r[1], True)
        return item

    # -- expressions ---------------------------------------------------------------------
    class Ctx:
        def __init__(self):
            self.names = {}
            self.values = {}

        def name(self, attr, force=False):
            if not force and attr not in RESERVED and attr not in UNSAFE:
                return attr
            ph = "#" + "".join(c for c in attr if c.isalnum())
            self.names[ph] = attr
            return ph

        def val(self, v):
            ph = ":v%d" % len(self.values)
            self.values[ph] = v
            return ph

        def apply(self, req, allow_values=True):
            if self.names:
                req["ExpressionAttributeNames"] = self.names
            if self.values and allow_values:
                req["ExpressionAttributeValues"] = self.values

    def path(self, ctx, update=False):
        r = self.rng.random()
        if r < 0.3:
            return ctx.name(self.pick(ATTRS), force=self.chance(0.2))
        choices = ["m.a", "m.b", "m.b[0]", "m.b[1]", "m.c.d", "m.c", "l[0]", "l[2]", "l[0].a",
                   "m.zz", "zz.q", "ss", "ns", "n", "a", "s"]
        p = self.pick(choices)
        parts = []
        for seg in p.split("."):
            idx = ""
            if "[" in seg:
                seg, idx = seg.split("[", 1)
                idx = "[" + idx
            parts.append(ctx.name(seg, force=self.chance(0.15)) + idx)
        return ".".join(parts)

    def condition(self, ctx, depth=0, t=None):
        r = self.rng.random()
        if depth < 2 and r < 0.15:
            op = self.pick(["AND", "OR"])
            return "%s %s %s" % (self.condition(ctx, depth + 1, t), op, self.condition(ctx, depth + 1, t))
        if depth < 2 and r < 0.2:
            return "NOT (%s)" % self.condition(ctx, depth + 1, t)
        if depth < 2 and r < 0.24:
            return "(%s)" % self.condition(ctx, depth + 1, t)
        p = self.path(ctx)
        if t is not None and self.chance(0.25):
            p = ctx.name(self.pick(t.key_attrs())[0])
        r = self.rng.random()
        if r < 0.2:
            return "attribute_exists(%s)" % p
        if r < 0.35:
            return "attribute_not_exists(%s)" % p
        if r < 0.42:
            return "attribute_type(%s, %s)" % (p, ctx.val({"S": self.pick(["S", "N", "M", "L", "SS", "NULL", "BOOL"])}))
        if r < 0.5:
            return "begins_with(%s, %s)" % (p, ctx.val({"S": self.pick(["a", "h", "H", "x"])}))
        if r < 0.56:
            return "contains(%s, %s)" % (p, ctx.val(self.value(2, scalar=True)))
        if r < 0.62:
            return "size(%s) %s %s" % (p, self.pick(["<", ">", "=", ">="]), ctx.val({"N": str(self.rng.randint(0, 4))}))
        if r < 0.7:
            lo, hi = sorted([self.rng.randint(-50, 50), self.rng.randint(-50, 50)])
            return "%s BETWEEN %s AND %s" % (p, ctx.val({"N": str(lo)}), ctx.val({"N": str(hi)}))
        if r < 0.76:
            return "%s IN (%s, %s)" % (p, ctx.val(self.value(2, scalar=True)), ctx.val(self.value(2, scalar=True)))
        v = self.value(2, scalar=True) if self.chance(0.5) else {"N": self.pick(["0", "1", "42", "7"])}
        return "%s %s %s" % (p, self.pick(["=", "<>", "<", "<=", ">", ">="]), ctx.val(v))

    def projection(self, ctx, t=None):
        paths = [self.path(ctx) for _ in range(self.rng.randint(1, 3))]
        if t is not None and self.chance(0.5):
            paths.append(ctx.name(t.hash[0]))
        return ", ".join(paths)

    def update_expression(self, ctx):
        sections = []
        kinds = self.rng.sample(["SET", "REMOVE", "ADD", "DELETE"], self.rng.randint(1, 3))
        for k in kinds:
            actions = []
            for _ in range(self.rng.randint(1, 2)):
                if k == "SET":
                    p = self.path(ctx, True)
                    r = self.rng.random()
                    if r < 0.35:
                        v = ctx.val(self.value(1))
                    elif r < 0.5:
                        v = "%s + %s" % (self.pick(["n", "m.a", p]), ctx.val({"N": self.pick(["1", "-2", "0.5", "1e2"])}))
                    elif r < 0.6:
                        v = "%s - %s" % (self.pick(["n", "m.a", p]), ctx.val({"N": self.pick(["1", "3"])}))
                    elif r < 0.75:
                        v = "if_not_exists(%s, %s)" % (self.pick(["n", "m.a", p]), ctx.val(self.value(1)))
                    elif r < 0.9:
                        lst = ctx.val({"L": [self.value(2) for _ in range(self.rng.randint(0, 2))]})
                        other = self.pick(["l", "m.b", p])
                        v = "list_append(%s, %s)" % ((other, lst) if self.chance(0.5) else (lst, other))
                    else:
                        v = self.path(ctx)
                    actions.append("%s = %s" % (p, v))
                elif k == "REMOVE":
                    actions.append(self.path(ctx, True))
                elif k == "ADD":
                    if self.chance(0.5):
                        actions.append("%s %s" % (self.pick(["n", "m.a", "cnt"]), ctx.val({"N": self.pick(["1", "-1", "2.5"])})))
                    else:
                        target = self.pick(["ss", "ns", "newset"])
                        v = {"SS": self.rng.sample(STRINGS, 2)} if target != "ns" else {"NS": self.nset(2)}
                        if self.chance(0.2):
                            v = {"NS": self.nset(1)}
                        actions.append("%s %s" % (target, ctx.val(v)))
                else:
                    target = self.pick(["ss", "ns", "bs"])
                    v = {"SS": self.rng.sample(STRINGS, 2)} if target == "ss" else (
                        {"NS": self.nset(2)} if target == "ns" else {"BS": [b64(b"\x00"), b64(b"ab")]})
                    actions.append("%s %s" % (target, ctx.val(v)))
            sections.append(k + " " + ", ".join(actions))
        return " ".join(sections)

    # -- operations ----------------------------------------------------------------------
    def with_capacity(self, req, write=False):
        if self.capacity and self.chance(0.35):
            req["ReturnConsumedCapacity"] = self.pick(["TOTAL", "INDEXES", "NONE"])
            if write and self.chance(0.4):
                req["ReturnItemCollectionMetrics"] = self.pick(["SIZE", "NONE"])
        return req

    def gen_put(self):
        t = self.table()
        req = {"TableName": t.name, "Item": self.item(t)}
        if self.chance(0.3):
            req["ReturnValues"] = self.pick(["NONE", "ALL_OLD"])
        if self.chance(0.4):
            ctx = self.Ctx()
            if self.chance(0.5):
                req["ConditionExpression"] = "attribute_not_exists(%s)" % ctx.name(t.hash[0])
            else:
                req["ConditionExpression"] = self.condition(ctx)
            ctx.apply(req)
            if self.chance(0.3):
                req["ReturnValuesOnConditionCheckFailure"] = self.pick(["ALL_OLD", "NONE"])
        return {"op": "PutItem", "body": self.with_capacity(req, True)}

    def gen_get(self):
        t = self.table()
        req = {"TableName": t.name, "Key": self.key(t)}
        if self.chance(0.3):
            req["ConsistentRead"] = self.chance(0.5)
        if self.chance(0.4):
            ctx = self.Ctx()
            req["ProjectionExpression"] = self.projection(ctx, t)
            ctx.apply(req)
        return {"op": "GetItem", "body": self.with_capacity(req)}

    def gen_delete(self):
        t = self.table()
        req = {"TableName": t.name, "Key": self.key(t)}
        if self.chance(0.4):
            req["ReturnValues"] = self.pick(["NONE", "ALL_OLD"])
        if self.chance(0.4):
            ctx = self.Ctx()
            req["ConditionExpression"] = self.condition(ctx)
            ctx.apply(req)
            if self.chance(0.3):
                req["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
        return {"op": "DeleteItem", "body": self.with_capacity(req, True)}

    def gen_update(self):
        t = self.table()
        req = {"TableName": t.name, "Key": self.key(t)}
        ctx = self.Ctx()
        req["UpdateExpression"] = self.update_expression(ctx)
        if self.chance(0.3):
            req["ConditionExpression"] = self.condition(ctx)
            if self.chance(0.3):
                req["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
        if self.chance(0.6):
            req["ReturnValues"] = self.pick(["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"])
        ctx.apply(req)
        return {"op": "UpdateItem", "body": self.with_capacity(req, True)}

    def gen_query(self):
        t = self.table()
        ctx = self.Ctx()
        req = {"TableName": t.name}
        index = None
        if t.gsis and self.chance(0.4):
            index = self.pick(t.gsis)
            req["IndexName"] = index[0]
            h, r = index[1], index[2]
        else:
            h, r = t.hash, t.range
        cond = "%s = %s" % (ctx.name(h[0], self.chance(0.3)), ctx.val(self.key_value(h[1], index is not None)))
        if r and self.chance(0.6):
            rn = ctx.name(r[0], self.chance(0.3))
            op = self.pick(["=", "<", "<=", ">", ">=", "BETWEEN", "begins_with"] if r[1] != "N" else
                           ["=", "<", "<=", ">", ">=", "BETWEEN"])
            if op == "BETWEEN":
                a, b = sorted([self.key_value(r[1], True), self.key_value(r[1], True)],
                              key=lambda v: _sort_key(v))
                cond += " AND %s BETWEEN %s AND %s" % (rn, ctx.val(a), ctx.val(b))
            elif op == "begins_with":
                cond += " AND begins_with(%s, %s)" % (rn, ctx.val(self.key_value(r[1], True)))
            else:
                cond += " AND %s %s %s" % (rn, op, ctx.val(self.key_value(r[1], True)))
        req["KeyConditionExpression"] = cond
        if self.chance(0.3):
            req["FilterExpression"] = self.condition(ctx)
        if self.chance(0.3):
            req["ProjectionExpression"] = self.projection(ctx, t)
        elif self.chance(0.15):
            req["Select"] = "COUNT"
        if self.chance(0.5):
            req["Limit"] = self.rng.randint(1, 4)
        if self.chance(0.4):
            req["ScanIndexForward"] = self.chance(0.5)
        ctx.apply(req)
        return {"op": "Query", "body": self.with_capacity(req),
                "paginate": "pages" if index is None else "union"}

    def gen_scan(self):
        t = self.table()
        ctx = self.Ctx()
        req = {"TableName": t.name}
        if t.gsis and self.chance(0.3):
            req["IndexName"] = self.pick(t.gsis)[0]
        if self.chance(0.4):
            req["FilterExpression"] = self.condition(ctx, t=t)
        if self.chance(0.3):
            req["ProjectionExpression"] = self.projection(ctx, t)
        elif self.chance(0.15):
            req["Select"] = "COUNT"
        if self.chance(0.5):
            req["Limit"] = self.rng.randint(1, 7)
        ctx.apply(req)
        op = {"op": "Scan", "body": self.with_capacity(req), "paginate": "union"}
        if self.chance(0.15):
            op["segments"] = self.rng.randint(1, 4)
        return op

    def distinct_keys(self, t, n):
        out, seen = [], set()
        from decimal import Decimal
        for _ in range(n * 3):
            k = self.key(t)
            sig = tuple(sorted((a, str(Decimal(v["N"])) if "N" in v else repr(v)) for a, v in k.items()))
            if sig in seen:
                continue
            seen.add(sig)
            out.append(k)
            if len(out) == n:
                break
        return out

    def gen_batch_write(self):
        items = {}
        for t in self.rng.sample(self.tables, self.rng.randint(1, 2)):
            reqs = []
            for k in self.distinct_keys(t, self.rng.randint(1, 4)):
                if self.chance(0.7):
                    it = self.item(t)
                    it.update(k)
                    reqs.append({"PutRequest": {"Item": it}})
                else:
                    reqs.append({"DeleteRequest": {"Key": k}})
            items[t.name] = reqs
        return {"op": "BatchWriteItem", "body": self.with_capacity({"RequestItems": items}, True)}

    def gen_batch_get(self):
        items = {}
        for t in self.rng.sample(self.tables, self.rng.randint(1, 2)):
            entry = {"Keys": self.distinct_keys(t, self.rng.randint(1, 5))}
            if self.chance(0.3):
                ctx = self.Ctx()
                entry["ProjectionExpression"] = self.projection(ctx, t)
                if ctx.names:
                    entry["ExpressionAttributeNames"] = ctx.names
            if self.chance(0.3):
                entry["ConsistentRead"] = True
            items[t.name] = entry
        return {"op": "BatchGetItem", "body": self.with_capacity({"RequestItems": items})}

    def next(self):
        kind = self.pick(self.kinds)
        op = getattr(self, "gen_" + kind)()
        op["kind"] = kind
        op.setdefault("paginate", None)
        return op
