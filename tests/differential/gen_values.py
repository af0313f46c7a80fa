"""The value pools of the differential generator: keys, numbers (valid and invalid),
strings and attribute names, and the key order of DynamoDB's sort keys."""

import base64
from decimal import Decimal


def b64(data):
    return base64.b64encode(data).decode()


KEY_S = ["a", "b", "c", "d", "e", "key1", "Key1", "\u00fc", "x y", "zz"]
# "100" and "1e2", "2.5" and "2.50" are the same key: DynamoDB compares numbers numerically.
KEY_N = ["0", "1", "-1", "2.5", "2.50", "100", "1e2", "-0.5", "3.14159",
         "12345678901234567890123456789012345678"]
KEY_B = [b64(x) for x in (b"\x00", b"\x01", b"\xff", b"ab", b"\x00\x00", b"zz")]
RANGE_N = ["1", "2", "3", "10", "-5", "1.5"]
RANGE_S = ["a", "ab", "abc", "b", "ba", "c"]
RANGE_B = [b64(x) for x in (b"\x00", b"\x01", b"\x01\x02", b"\x02", b"\xfe")]

STRINGS = ["x", "hello", "Hello", "a b", "\u00fcml", "0", "abc", "ab", "zzz", "s" * 20]
NUMBERS = ["0", "-0", "1", "-1", "1.5", "1.50", "0.001", "1e-3", "1E+5", "42", "-42.25",
           "9.9999999999999999999999999999999999999E+125", "1e-130", "-1e-130",
           "12345678901234567890123456789012345678", "-12345678901234567890123456789012345678",
           "0.00000000000000000000000000000000000001", "00012", "1.0e2", "7", "3", "10"]
BAD_NUMBERS = ["+1", "1e126", "1e-131", "123456789012345678901234567890123456789", "abc", "",
               "1.2.3", "0x10", "Infinity", "NaN", " 1", "1 ", "--1", ".", "1e", "e5"]
ATTRS = ["a", "b", "n", "s", "l", "m", "ss", "ns", "bs", "t", "status", "x-y"]
RESERVED = {"status", "name", "size", "data", "value"}  # pool members that are reserved words
UNSAFE = {"x-y"}  # needs a #name in expressions


def sort_key(v):
    if "N" in v:
        return (0, Decimal(v["N"]), b"")
    if "S" in v:
        return (1, 0, v["S"].encode())
    return (2, 0, base64.b64decode(v["B"]))
