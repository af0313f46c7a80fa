"""The legacy-parameter operations of the differential generator (Expected,
ConditionalOperator, AttributeUpdates, AttributesToGet, KeyConditions, QueryFilter,
ScanFilter): a mixin of generator.Generator."""

from gen_values import ATTRS, STRINGS, sort_key as _sort_key


class LegacyRequests:
    # -- legacy parameters ---------------------------------------------------------------
    def legacy_condition(self, key_attrs=()):
        attr = self.pick(["a", "n", "s", "ss", "l", "t"] + list(key_attrs))
        r = self.rng.random()
        if r < 0.15:
            return attr, {"Exists": False}
        if r < 0.3:
            return attr, {"Value": self.value(2, scalar=True)}
        op = self.pick(["EQ", "NE", "LT", "LE", "GT", "GE", "NOT_NULL", "NULL", "CONTAINS",
                        "NOT_CONTAINS", "BEGINS_WITH", "IN", "BETWEEN"])
        if op in ("NOT_NULL", "NULL"):
            return attr, {"ComparisonOperator": op}
        if op == "IN":
            return attr, {"ComparisonOperator": op,
                          "AttributeValueList": [self.value(2, scalar=True) for _ in range(self.rng.randint(1, 3))]}
        if op == "BETWEEN":
            lo, hi = sorted([self.rng.randint(-50, 50), self.rng.randint(-50, 50)])
            return attr, {"ComparisonOperator": op, "AttributeValueList": [{"N": str(lo)}, {"N": str(hi)}]}
        if op == "BEGINS_WITH":
            return attr, {"ComparisonOperator": op, "AttributeValueList": [{"S": self.pick(["a", "h", "x"])}]}
        return attr, {"ComparisonOperator": op,
                      "AttributeValueList": [self.value(2, scalar=True) if self.chance(0.5) else {"N": self.pick(["0", "1", "42"])}]}

    def legacy_conditions(self, n, key_attrs=()):
        out = {}
        for _ in range(n):
            a, c = self.legacy_condition(key_attrs)
            out[a] = c
        return out

    def gen_legacy(self):
        t = self.table()
        r = self.rng.random()
        if r < 0.2:
            req = {"TableName": t.name, "Item": self.item(t),
                   "Expected": self.legacy_conditions(self.rng.randint(1, 2))}
            if self.chance(0.3):
                req["ConditionalOperator"] = self.pick(["AND", "OR"])
            if self.chance(0.3):
                req["ReturnValues"] = "ALL_OLD"
            return {"op": "PutItem", "body": self.with_capacity(req, True)}
        if r < 0.3:
            req = {"TableName": t.name, "Key": self.key(t),
                   "Expected": self.legacy_conditions(self.rng.randint(1, 2))}
            return {"op": "DeleteItem", "body": self.with_capacity(req, True)}
        if r < 0.5:
            ups = {}
            for _ in range(self.rng.randint(1, 3)):
                a = self.pick(["a", "n", "s", "ss", "ns", "l", "t", "cnt"])
                action = self.pick(["PUT", "ADD", "DELETE"])
                if action == "PUT":
                    ups[a] = {"Action": "PUT", "Value": self.value(1)}
                elif action == "ADD":
                    v = {"N": self.pick(["1", "-2", "0.5"])} if a in ("n", "cnt", "a") else (
                        {"NS": self.nset(2)} if a == "ns" else {"SS": self.rng.sample(STRINGS, 2)})
                    if a == "l":
                        v = {"L": [self.value(2)]}
                    ups[a] = {"Action": "ADD", "Value": v}
                else:
                    ups[a] = {"Action": "DELETE"} if self.chance(0.5) else {
                        "Action": "DELETE", "Value": {"SS": self.rng.sample(STRINGS, 1)} if a != "ns" else {"NS": self.nset(1)}}
            req = {"TableName": t.name, "Key": self.key(t), "AttributeUpdates": ups}
            if self.chance(0.3):
                req["Expected"] = self.legacy_conditions(1)
            if self.chance(0.5):
                req["ReturnValues"] = self.pick(["ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"])
            return {"op": "UpdateItem", "body": self.with_capacity(req, True)}
        if r < 0.6:
            req = {"TableName": t.name, "Key": self.key(t),
                   "AttributesToGet": self.rng.sample(ATTRS + [t.hash[0]], self.rng.randint(1, 3))}
            return {"op": "GetItem", "body": self.with_capacity(req)}
        if r < 0.8:
            kc = {t.hash[0]: {"ComparisonOperator": "EQ", "AttributeValueList": [self.key_value(t.hash[1])]}}
            if t.range and self.chance(0.5):
                op = self.pick(["EQ", "LT", "LE", "GT", "GE", "BETWEEN"] + (["BEGINS_WITH"] if t.range[1] != "N" else []))
                if op == "BETWEEN":
                    vals = sorted([self.key_value(t.range[1], True), self.key_value(t.range[1], True)], key=_sort_key)
                else:
                    vals = [self.key_value(t.range[1], True)]
                kc[t.range[0]] = {"ComparisonOperator": op, "AttributeValueList": vals}
            req = {"TableName": t.name, "KeyConditions": kc}
            if self.chance(0.4):
                req["QueryFilter"] = self.legacy_conditions(self.rng.randint(1, 2))
                if self.chance(0.4):
                    req["ConditionalOperator"] = self.pick(["AND", "OR"])
            if self.chance(0.3):
                req["AttributesToGet"] = self.rng.sample(ATTRS, 2)
            if self.chance(0.4):
                req["Limit"] = self.rng.randint(1, 3)
            return {"op": "Query", "body": self.with_capacity(req), "paginate": "pages"}
        req = {"TableName": t.name, "ScanFilter": self.legacy_conditions(self.rng.randint(1, 2), [t.hash[0]])}
        if self.chance(0.4):
            req["ConditionalOperator"] = self.pick(["AND", "OR"])
        if self.chance(0.3):
            req["AttributesToGet"] = self.rng.sample(ATTRS, 2)
        if self.chance(0.3):
            req["Select"] = "COUNT"
        return {"op": "Scan", "body": self.with_capacity(req), "paginate": "union"}
