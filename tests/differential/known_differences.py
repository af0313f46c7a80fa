"""Where dynalite is known to answer differently from Amazon DynamoDB.

For a request that falls under one of these cases the differential test does not compare
xrouting with dynalite: it checks xrouting against what the DynamoDB documentation cited in
`doc` says, and reports the case apart (never as a match).

Each case: id, doc (the documentation that decides it), applies(op, ref) -> bool on the
generated operation and dynalite's outcome, check(op, ref, got) -> (followed, why).
"""

import json
import re

# Thresholds of the ctest run (the driver's DEFAULT_KINDS: every kind), set just under what
# the engine achieved (seeds 1-5, 2000 operations, all kinds: message 99.2-100%, content
# 99.8-100%; the message misses are the order of checks between two errors, e.g. an unused
# #name against an operand type, and the content misses ScanFilter with ConditionalOperator
# OR, where dynalite decides on the first condition alone); raise them as the engine converges.
MIN_MESSAGE_RATE = 99.0
MIN_CONTENT_RATE = 99.7


import known_base
from known_base import Case
from known_base import body as _body
from known_legacy import EXPECTED_OPERAND_TYPE, LEGACY_OR


# --- ReturnValuesOnConditionCheckFailure ---------------------------------------------------
# dynalite 4.0 does not know the parameter (it ignores it): its ConditionalCheckFailedException
# never carries the item.


def _rvcf_applies(op, ref):
    b = _body(op)
    return (b.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD"
            and ref.error_type == "ConditionalCheckFailedException")


def _rvcf_check(op, ref, got):
    if got.error_type != "ConditionalCheckFailedException":
        return False, "expected ConditionalCheckFailedException, got %s %s" % (got.status, got.error_type)
    if got.message != ref.message:
        return False, "message %r, expected %r" % (got.message, ref.message)
    body = got.last.json or {}
    item = body.get("Item")
    if item is not None:
        key = _body(op).get("Key") or {}
        for k in key:
            if k not in item:
                return False, "Item in the error lacks key attribute %s" % k
    # Whether the item existed is not known to the test (dynalite does not say): an absent
    # Item is right for a missing item, so only the shape is checked.
    return True, ""


RVCF = Case(
    "return-values-on-condition-check-failure",
    "API Reference, PutItem/UpdateItem/DeleteItem, ReturnValuesOnConditionCheckFailure: "
    "'Use ReturnValuesOnConditionCheckFailure to get the item attributes if the "
    "ConditionExpression condition fails. For ALL_OLD, the entire old item is returned'; "
    "ConditionalCheckFailedException: 'Item: Item which caused the ConditionalCheckFailedException'",
    _rvcf_applies, _rvcf_check)


# --- Consumed capacity of writes on tables with global secondary indexes --------------------
# dynalite reports only the table's units for writes; DynamoDB also charges (and with INDEXES
# reports) every GSI the write touches.


def _gsi_cap_applies(op, ref):
    b = _body(op)
    if op["op"] == "BatchWriteItem":
        return (ref.ok and b.get("ReturnConsumedCapacity") in ("TOTAL", "INDEXES")
                and any(str(t).endswith("_gs") for t in (b.get("RequestItems") or {})))
    return (op["op"] in ("PutItem", "UpdateItem", "DeleteItem") and ref.ok
            and b.get("ReturnConsumedCapacity") in ("TOTAL", "INDEXES")
            and str(b.get("TableName", "")).endswith("_gs"))


def _batch_gsi_cap_check(op, ref, got):
    # Every table's entry is there; tables without a GSI are charged as dynalite charges
    # them, the GSI table at least its own units.
    if (got.last.json or {}).get("UnprocessedItems") != (ref.last.json or {}).get("UnprocessedItems"):
        return False, "UnprocessedItems differ"
    mine = {c.get("TableName"): c for c in (got.last.json or {}).get("ConsumedCapacity") or []}
    theirs = {c.get("TableName"): c for c in (ref.last.json or {}).get("ConsumedCapacity") or []}
    if set(mine) != set(theirs):
        return False, "ConsumedCapacity tables %s, expected %s" % (sorted(mine), sorted(theirs))
    for table, cc in theirs.items():
        got_units = mine[table].get("CapacityUnits", 0)
        if str(table).endswith("_gs"):
            if got_units < cc.get("CapacityUnits", 0):
                return False, "%s: CapacityUnits %s below the table's own %s" % (table, got_units, cc.get("CapacityUnits"))
        elif json.dumps(mine[table], sort_keys=True) != json.dumps(cc, sort_keys=True) and \
                float(got_units) != float(cc.get("CapacityUnits", 0)):
            return False, "%s: ConsumedCapacity %s, expected %s" % (table, mine[table], cc)
    return True, ""


def _gsi_cap_check(op, ref, got):
    if not got.ok:
        return False, "expected success, got %s %s: %s" % (got.status, got.error_type, got.message)
    if op["op"] == "BatchWriteItem":
        return _batch_gsi_cap_check(op, ref, got)
    cc = (got.last.json or {}).get("ConsumedCapacity")
    if not isinstance(cc, dict) or cc.get("TableName") != _body(op)["TableName"]:
        return False, "no ConsumedCapacity for the table: %s" % json.dumps(cc)
    ref_cc = (ref.last.json or {}).get("ConsumedCapacity") or {}
    if cc.get("CapacityUnits", 0) < ref_cc.get("CapacityUnits", 0):
        return False, "CapacityUnits %s below the table's own %s" % (cc.get("CapacityUnits"), ref_cc.get("CapacityUnits"))
    return True, ""


GSI_CAPACITY = Case(
    "write-capacity-with-gsi",
    "Developer Guide, 'Provisioned throughput considerations for Global Secondary Indexes': "
    "'a write to a table also consumes write capacity on each GSI whose attributes it changes'; "
    "API Reference ConsumedCapacity.GlobalSecondaryIndexes (BatchWriteItem: 'ConsumedCapacity: "
    "The capacity units consumed by the entire BatchWriteItem operation', one entry per table)",
    _gsi_cap_applies, _gsi_cap_check)


# --- Expression syntax errors ---------------------------------------------------------------
# dynalite's expression parser is generated by PEG.js and reports 'Syntax error; Expected ...
# but "x" found.'; DynamoDB names the token it stopped at and its surroundings.


def _syntax_applies(op, ref):
    return ref.error_type == "ValidationException" and "Syntax error; Expected " in (ref.message or "")


def _syntax_check(op, ref, got):
    if got.error_type != "ValidationException":
        return False, "expected ValidationException, got %s %s" % (got.status, got.error_type)
    prefix = (ref.message or "").split("Syntax error;", 1)[0]  # "Invalid ConditionExpression: "
    want = prefix + "Syntax error; token: "
    if not (got.message or "").startswith(want) or ", near: " not in got.message:
        return False, "message %r does not start with %r ... near:" % (got.message, want)
    return True, ""


SYNTAX = Case(
    "expression-syntax-error-message",
    "DynamoDB answers a syntax error in an expression with 'Invalid <Parameter>: Syntax error; "
    "token: \"<token>\", near: \"<context>\"' (real DynamoDB responses quoted in "
    "github.com/getndazn/dazn-lambda-powertools/issues/242 and the captures in "
    "nubo-db/dynoxide tests/expression_syntax_errors.rs); the Developer Guide's expression "
    "grammar ('Condition expressions', 'Syntax for condition expressions') decides what is a syntax error",
    _syntax_applies, _syntax_check)


# --- Ordering comparisons with an operand of a type that has no order ------------------------
# dynalite evaluates `a < :v` with :v a BOOL, NULL, set, list or map (to false); DynamoDB
# refuses the expression: 'Incorrect operand type for operator or function; operator or
# function: <, operand type: BOOL'.

_ORDERING = re.compile(r"(<=|>=|<(?!>)|(?<!<)>)\s*(:[A-Za-z0-9_]+)")  # not <>
_EXPRESSIONS = ("ConditionExpression", "FilterExpression", "KeyConditionExpression")


def _unordered_operand(op):
    b = _body(op)
    values = b.get("ExpressionAttributeValues") or {}
    for member in _EXPRESSIONS:
        expr = b.get(member)
        if not isinstance(expr, str):
            continue
        for cmp, ph in _ORDERING.findall(expr):
            v = values.get(ph)
            if isinstance(v, dict) and len(v) == 1:
                (t,) = v.keys()
                if t not in ("N", "S", "B"):
                    return member, cmp, t
    return None


def _operand_applies(op, ref):
    return _unordered_operand(op) is not None and ref.error_type != "ValidationException"


def _operand_check(op, ref, got):
    member, cmp, t = _unordered_operand(op)
    if got.error_type != "ValidationException":
        return False, "expected ValidationException, got %s %s" % (got.status, got.error_type)
    want = "Incorrect operand type for operator or function; operator or function: %s, operand type: %s" % (cmp, t)
    if want not in (got.message or ""):
        return False, "message %r lacks %r" % (got.message, want)
    return True, ""


OPERAND_TYPE = Case(
    "ordering-comparison-operand-type",
    "Developer Guide, 'Comparison operator and function reference': <, <=, >, >= and BETWEEN "
    "compare numbers, strings and binary only; real DynamoDB refuses another operand type with "
    "'Incorrect operand type for operator or function; operator or function: <, operand type: "
    "BOOL' (message pinned against eu-west-2 in a public conformance suite's PartiQL tests)",
    _operand_applies, _operand_check)


# --- Minimum read capacity of a Query or Scan page ---------------------------------------
# dynalite charges a page by the size of what it read, so an empty page costs 0; DynamoDB
# charges every read request at least one 4 KB unit (0.5 eventually consistent, 1 strongly).


def _capacity_values(content):
    """Every ConsumedCapacity string in a normalized response (any of the driver's shapes)."""
    out = []
    if isinstance(content, dict):
        for k, v in content.items():
            if k == "ConsumedCapacity":
                out.extend(v if isinstance(v, list) else [v])
            else:
                out.extend(_capacity_values(v))
    elif isinstance(content, list):
        for v in content:
            out.extend(_capacity_values(v))
    return [c for c in out if isinstance(c, str)]


def _raise_zero_units(x, minimum):
    if isinstance(x, dict):
        # A read of a global secondary index is charged to the index, not to the table.
        return {k: (minimum if k == "CapacityUnits" and v == 0 else
                    v if k == "Table" and "GlobalSecondaryIndexes" in x else
                    _raise_zero_units(v, minimum))
                for k, v in x.items()}
    return x


def _with_minimum(content, minimum):
    if isinstance(content, dict):
        out = {}
        for k, v in content.items():
            if k == "ConsumedCapacity":
                fix = lambda c: json.dumps(_raise_zero_units(json.loads(c), minimum), sort_keys=True) \
                    if isinstance(c, str) else c
                out[k] = [fix(c) for c in v] if isinstance(v, list) else fix(v)
            else:
                out[k] = _with_minimum(v, minimum)
        return out
    if isinstance(content, list):
        return [_with_minimum(v, minimum) for v in content]
    return content


def _min_read_applies(op, ref):
    if op["op"] not in ("Query", "Scan") or not ref.ok:
        return False
    return any(json.loads(c).get("CapacityUnits") == 0 for c in _capacity_values(ref.content))


def _min_read_check(op, ref, got):
    if not got.ok:
        return False, "expected success, got %s %s: %s" % (got.status, got.error_type, got.message)
    minimum = 1.0 if _body(op).get("ConsistentRead") is True else 0.5
    want = _with_minimum(ref.content, minimum)
    if got.content != want:
        return False, "content %s, expected dynalite's with a %.1f-unit minimum: %s" % (
            json.dumps(got.content, default=repr)[:300], minimum, json.dumps(want, default=repr)[:300])
    return True, ""


MIN_READ = Case(
    "minimum-read-capacity",
    "Developer Guide, 'Read/write capacity mode' (capacity unit consumption for reads): 'If "
    "you perform a read operation on an item that does not exist, DynamoDB still consumes "
    "provisioned read throughput: A strongly consistent read request consumes one read "
    "capacity unit, while an eventually consistent read request consumes 0.5 of a read "
    "capacity unit'; Query 'All items returned are treated as a single read operation' "
    "(rounded up to the next 4 KB), so an empty page is one minimal read",
    _min_read_applies, _min_read_check)


# --- Select with AttributesToGet / without a projection ------------------------------------
# dynalite accepts Select=COUNT (or ALL_ATTRIBUTES) with AttributesToGet, and
# Select=SPECIFIC_ATTRIBUTES with nothing to select; DynamoDB refuses both.


def _select_conflict(op):
    b = _body(op)
    if op["op"] not in ("Query", "Scan") or "Select" not in b:
        return False
    sel = b.get("Select")
    has_atg = b.get("AttributesToGet") is not None
    has_pe = b.get("ProjectionExpression") is not None
    if sel == "SPECIFIC_ATTRIBUTES":
        return not has_atg and not has_pe
    return has_atg


def _select_applies(op, ref):
    return ref.ok and _select_conflict(op)


def _select_check(op, ref, got):
    if got.error_type != "ValidationException":
        return False, "expected ValidationException, got %s %s" % (got.status, got.error_type)
    return True, ""


SELECT = Case(
    "select-with-attributes-to-get",
    "API Reference, Scan/Query Select: 'You cannot use both Select and AttributesToGet "
    "together in a single request, unless the value for Select is SPECIFIC_ATTRIBUTES'; "
    "Select=SPECIFIC_ATTRIBUTES without AttributesToGet or ProjectionExpression is a "
    "ValidationException on DynamoDB (scylladb test/alternator/test_query.py "
    "test_query_select, a suite run against AWS)",
    _select_applies, _select_check)


# --- Arithmetic whose exact result needs more than 38 digits -------------------------------
# dynalite stores a sum that needs more than 38 digits (9.99...9E+125 + 2.5, exactly);
# DynamoDB refuses the update with 'Number overflow. Attempting to store a number with
# magnitude larger than supported range'. Whether a sum was imprecise is read from dynalite's
# item after the update: dynalite keeps the exact sum (more than 38 digits) or rounds it (all
# 38 digits, or out of range).


_ADD_TARGET = re.compile(r"(?:\bADD\s+|,\s*)([#A-Za-z][#A-Za-z0-9_.]*)\s+(:[A-Za-z0-9_]+)")
_SET_ARITH = re.compile(r"([#A-Za-z][#A-Za-z0-9_.]*)\s*=\s*[#A-Za-z][#A-Za-z0-9_.]*\s*[-+]\s*:[A-Za-z0-9_]+")


def _arith_targets(op):
    b = _body(op)
    names = b.get("ExpressionAttributeNames") or {}
    values = b.get("ExpressionAttributeValues") or {}
    targets = []
    expr = b.get("UpdateExpression")
    if isinstance(expr, str):
        add = re.search(r"\bADD\b(.*?)(?=\b(?:SET|REMOVE|DELETE)\b|$)", expr)
        if add:
            for path, ph in _ADD_TARGET.findall("ADD " + add.group(1)):
                if isinstance(values.get(ph), dict) and "N" in values[ph]:
                    targets.append(path)
        targets.extend(_SET_ARITH.findall(expr))
    for name, up in (b.get("AttributeUpdates") or {}).items():
        if isinstance(up, dict) and up.get("Action") == "ADD" and "N" in (up.get("Value") or {}):
            targets.append(name)
    return [".".join(names.get(p, p) for p in t.split(".")) for t in targets]


def _rounded(n):
    from decimal import Decimal
    try:
        d = Decimal(n)
    except Exception:
        return False
    digits = len(str(int("".join(map(str, d.as_tuple().digits)) or "0")).rstrip("0"))
    return d != 0 and (digits >= 38 or abs(d) >= Decimal("1e126"))


def _arith_applies(op, ref):
    if op["op"] != "UpdateItem" or not ref.ok or known_base.peek is None:
        return False
    targets = _arith_targets(op)
    if not targets:
        return False
    item = known_base.peek(_body(op).get("TableName"), _body(op).get("Key"))
    for t in targets:
        v = {"M": item} if item else None
        for part in t.split("."):
            v = (v or {}).get("M", {}).get(part) if isinstance(v, dict) else None
        if isinstance(v, dict) and "N" in v and _rounded(v["N"]):
            return True
    return False


def _arith_check(op, ref, got):
    want = "Number overflow. Attempting to store a number with magnitude larger than supported range"
    if got.error_type != "ValidationException" or got.message != want:
        return False, "expected ValidationException %r, got %s %s: %s" % (want, got.status, got.error_type, got.message)
    return True, ""


ARITHMETIC = Case(
    "arithmetic-beyond-38-digits",
    "Developer Guide, 'Supported data types' (Number): 'Numbers can have up to 38 digits of "
    "precision. Exceeding this results in an exception'; DynamoDB refuses 1e50 + 1 with "
    "'Number overflow. Attempting to store a number with magnitude larger than supported "
    "range' (scylladb test/alternator/test_number.py test_update_expression_plus_imprecise, "
    "run against AWS)",
    _arith_applies, _arith_check, state_from_xrouting=True)


# --- UPDATED_OLD / UPDATED_NEW with nothing to return ---------------------------------------
# dynalite answers "Attributes": {} when the update touched no attribute the mode returns
# (a REMOVE or DELETE of what was not there); DynamoDB leaves Attributes out.


def _empty_attrs_applies(op, ref):
    return (op["op"] == "UpdateItem" and ref.ok and isinstance(ref.last.json, dict)
            and _body(op).get("ReturnValues") in ("UPDATED_OLD", "UPDATED_NEW")
            and ref.last.json.get("Attributes") == {})


def _empty_attrs_check(op, ref, got):
    if not got.ok:
        return False, "expected success, got %s %s: %s" % (got.status, got.error_type, got.message)
    if "Attributes" in (got.last.json or {}):
        return False, "Attributes present: %s" % json.dumps(got.last.json.get("Attributes"))[:200]
    want = {k: v for k, v in (ref.content or {}).items() if k != "Attributes"}
    if got.content != want:
        return False, "content %r, expected %r" % (got.content, want)
    return True, ""


EMPTY_ATTRIBUTES = Case(
    "updated-values-none-left",
    "API Reference UpdateItem, Attributes: 'A map of attribute values as they appear before "
    "or after the UpdateItem operation, as determined by the ReturnValues parameter. The "
    "Attributes map is only present if the update was successful and ReturnValues was "
    "specified as something other than NONE'; with nothing updated DynamoDB sends no "
    "Attributes (scylladb test/alternator/test_returnvalues.py "
    "test_update_item_returnvalues_updated_new: 'REMOVE b' -> 'not Attributes in ret', run "
    "against AWS)",
    _empty_attrs_applies, _empty_attrs_check)


# --- A number with a leading plus sign ------------------------------------------------------
# dynalite refuses {"N": "+1"} ('The parameter cannot be converted to a numeric value: +1');
# DynamoDB stores it.


def _has_plus_number(x):
    if isinstance(x, dict):
        if len(x) == 1 and isinstance(x.get("N"), str) and x["N"].startswith("+"):
            return True
        return any(_has_plus_number(v) for v in x.values())
    if isinstance(x, list):
        return any(_has_plus_number(v) for v in x)
    return False


def _plus_applies(op, ref):
    return (ref.error_type == "ValidationException" and "+" in (ref.message or "")
            and "cannot be converted to a numeric value" in (ref.message or "")
            and _has_plus_number(_body(op)))


def _plus_check(op, ref, got):
    if got.error_type == "ValidationException" and "numeric value" in (got.message or ""):
        return False, "refused the number: %s" % got.message
    return True, ""


PLUS_NUMBER = Case(
    "number-with-plus-sign",
    "DynamoDB accepts a number written with a leading '+' ('+3' among the allowed numbers of "
    "scylladb test/alternator/test_number.py test_invalid_numbers, run against AWS); API "
    "Reference AttributeValue N: 'Numbers are sent across the network to DynamoDB as strings'",
    _plus_applies, _plus_check)


CASES = [OPERAND_TYPE, RVCF, GSI_CAPACITY, SYNTAX, MIN_READ, EXPECTED_OPERAND_TYPE, SELECT,
         ARITHMETIC, EMPTY_ATTRIBUTES, PLUS_NUMBER, LEGACY_OR]

# Not a per-request case but a comparison rule of the driver: dynalite's parallel Scan is
# compared through its unsegmented Scan, because 'the union of all segments is the whole
# table' is all DynamoDB promises (Developer Guide, 'Parallel scan': "each segment ... the
# segments together cover the table"; API Reference Scan, Segment/TotalSegments), and every
# implementation splits the hash space its own way.
SEGMENTS_DOC = "Developer Guide, Working with scans, Parallel scan; API Reference Scan Segment/TotalSegments"

BY_ID = {c.id: c for c in CASES}


def classify(op, ref):
    for c in CASES:
        if c.applies(op, ref):
            return c
    return None
