"""Known differences of the legacy conditional parameters (Expected, ConditionalOperator).

See known_differences.py for what a case is; these are listed in its CASES."""

import known_base
from comparison import canon_item
from known_base import Case
from known_base import body as _body


# --- Legacy Expected with a set operand for an operator that takes only scalars ------------
# dynalite applies the operand-type rule to QueryFilter/ScanFilter only; for Expected it
# evaluates the condition (to false). DynamoDB validates the operand types of every legacy
# condition before evaluating any of them.

_SCALAR_OPERATORS = {
    "EQ": ("S", "N", "B", "SS", "NS", "BS"), "NE": ("S", "N", "B", "SS", "NS", "BS"),
    "LE": ("S", "N", "B"), "LT": ("S", "N", "B"), "GE": ("S", "N", "B"), "GT": ("S", "N", "B"),
    "CONTAINS": ("S", "N", "B"), "NOT_CONTAINS": ("S", "N", "B"), "BEGINS_WITH": ("S", "B"),
    "IN": ("S", "N", "B"), "BETWEEN": ("S", "N", "B"),
}


def _bad_expected_operand(op):
    expected = _body(op).get("Expected")
    if not isinstance(expected, dict):
        return None
    for cond in expected.values():
        if not isinstance(cond, dict):
            continue
        allowed = _SCALAR_OPERATORS.get(cond.get("ComparisonOperator"))
        for v in cond.get("AttributeValueList") or []:
            if allowed and isinstance(v, dict) and len(v) == 1:
                (t,) = v.keys()
                if t not in allowed:
                    return cond["ComparisonOperator"], t
    return None


def _expected_type_applies(op, ref):
    return (op["op"] in ("PutItem", "UpdateItem", "DeleteItem")
            and ref.error_type != "ValidationException" and _bad_expected_operand(op) is not None)


def _expected_type_check(op, ref, got):
    if got.error_type != "ValidationException":
        return False, "expected ValidationException, got %s %s" % (got.status, got.error_type)
    if "is not valid for" not in (got.message or "") or "AttributeValue type" not in got.message:
        return False, "message %r does not name the operator and the operand type" % got.message
    return True, ""


EXPECTED_OPERAND_TYPE = Case(
    "legacy-expected-operand-type",
    "API Reference, ExpectedAttributeValue.ComparisonOperator (and Condition): 'NE : Not "
    "equal ... AttributeValueList can contain only one AttributeValue of type String, Number, "
    "Binary, String Set, Number Set, or Binary Set' (EQ likewise); 'LT : Less "
    "than. AttributeValueList can contain only one AttributeValue of type String, Number, or "
    "Binary (not a set type)' (likewise LE, GE, GT, CONTAINS, NOT_CONTAINS, IN, BETWEEN; "
    "BEGINS_WITH 'String or Binary (not a Number or a set type)'); dynalite enforces this "
    "for QueryFilter/ScanFilter but not for Expected",
    _expected_type_applies, _expected_type_check)



# --- ConditionalOperator OR in Expected --------------------------------------------------
# dynalite's matchesFilter (db/index.js) returns at the first condition in the map: false if
# it does not hold, true if it does and the operator is OR. So with OR it decides on the
# first condition alone and refuses a write whose first condition fails though a later one
# holds. Which conditions hold is asked of dynalite one condition at a time (a single
# condition it evaluates right), with requests that leave its item as it is: the item put
# back unchanged, or a delete of the missing item.


def _single_condition_holds(op, attr, cond):
    b = _body(op)
    table = b.get("TableName")
    key = b.get("Key") if op["op"] != "PutItem" else known_base.key_of(table, b.get("Item") or {})
    if not key:
        return None
    item = known_base.peek(table, key)
    if item:
        req = {"op": "PutItem", "body": {"TableName": table, "Item": item, "Expected": {attr: cond}}}
    else:
        req = {"op": "DeleteItem", "body": {"TableName": table, "Key": key, "Expected": {attr: cond}}}
    out = known_base.probe(dict(req, paginate=None))
    if out.ok:
        return True
    if out.error_type == "ConditionalCheckFailedException":
        return False
    return None  # refused for another reason: not this case


def _legacy_or_applies(op, ref):
    b = _body(op)
    expected = b.get("Expected")
    if (op["op"] not in ("PutItem", "UpdateItem", "DeleteItem") or b.get("ConditionalOperator") != "OR"
            or not isinstance(expected, dict) or len(expected) < 2
            or ref.error_type != "ConditionalCheckFailedException" or known_base.probe is None):
        return False
    return any(_single_condition_holds(op, a, c) for a, c in expected.items())


def _legacy_or_check(op, ref, got):
    if not got.ok:
        return False, "at least one condition holds: expected success, got %s %s: %s" % (
            got.status, got.error_type, got.message)
    b = _body(op)
    if b.get("ReturnValues") == "ALL_OLD":
        table = b.get("TableName")
        key = b.get("Key") if op["op"] != "PutItem" else known_base.key_of(table, b.get("Item") or {})
        old = known_base.peek(table, key)  # dynalite refused the write: its item is the old one
        attrs = (got.last.json or {}).get("Attributes")
        if canon_item(attrs or None) != canon_item(old or None):
            return False, "Attributes %s, expected the old item %s" % (attrs, old)
    return True, ""


LEGACY_OR = Case(
    "legacy-conditional-operator-or",
    "API Reference, PutItem/UpdateItem/DeleteItem ConditionalOperator: 'OR - At least one of "
    "the conditions must evaluate to true, rather than all of them'; Developer Guide, "
    "'ConditionalOperator (legacy)': 'OR - If at least one of the conditions evaluate to true, "
    "then the entire map evaluates to true'; dynalite's matchesFilter decides on the first "
    "condition alone",
    _legacy_or_applies, _legacy_or_check, state_from_xrouting=True)
