"""What every known-difference case shares: the Case record, the request body of an
operation, and the driver's handles on dynalite (set by differential.py before the run)."""


class Case:
    def __init__(self, id, doc, applies, check, state_from_xrouting=False):
        self.id = id
        self.doc = doc
        self.applies = applies
        self.check = check
        # After a request of this case, the item DynamoDB holds is xrouting's (dynalite stored
        # something DynamoDB refuses, or refused what DynamoDB stores): the driver copies
        # xrouting's item to dynalite instead of dynalite's to xrouting.
        self.state_from_xrouting = state_from_xrouting


def body(op):
    return op["body"] if isinstance(op["body"], dict) else {}


# Set by the driver: peek(table, key) -> dynalite's item now (or None).
peek = None
# Set by the driver: probe(op) -> dynalite's Outcome for a generated-operation dict (used to
# ask dynalite questions whose answers it gets right, e.g. one legacy condition at a time).
probe = None
# Set by the driver: key_of(table, item) -> the item's primary key attributes.
key_of = None
