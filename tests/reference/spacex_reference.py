#!/usr/bin/env python3
"""Independent reference for the xrouting pipeline's golden tests.

Recomputes, from the six SpaceX v4 JSON files and the rules of SPEC §5/§6 alone (Python
standard library only, none of the C++ code), what the transform and the analytics must
produce: entity counts, the deterministic maintenance costs, and every analytic's rows.
Numbers are exact decimals (json parsed with Decimal) written as DynamoDB canonical text.

  python3 tests/reference/spacex_reference.py data/spacex-v4 > tests/reference/spacex_golden.json

The C++ test (src/app/etl/golden_test.cc) compares the pipeline with the checked-in golden
file, and checks that this script still reproduces that file.
"""
import decimal
import hashlib
import json
import sys
import uuid
from collections import Counter, OrderedDict, defaultdict

# The project's fixed UUID namespace and natural keys, as documented in src/app/ids.h and
# SPEC §5 (ids are UUID v5 of natural keys; costs a hash of the maintenance id).
NAMESPACE = uuid.UUID("8c4f3a52-7d1e-4b6a-9f0c-2e5d81a7b3c9")
TYPES = ["rocket", "capsule", "core", "launchpad", "ship", "engine"]
STATUSES = ["active", "inactive", "damaged", "destroyed"]


def load(directory, name):
    with open(f"{directory}/{name}.json", encoding="utf-8") as f:
        return json.load(f, parse_float=decimal.Decimal, parse_int=decimal.Decimal)


def canon(d):
    """DynamoDB's canonical number text: plain notation, no trailing zeros."""
    d = decimal.Decimal(d)
    if d == 0:
        return "0"
    text = format(d.normalize(), "f")
    return text


def N(v):
    return {"N": canon(v)}


def S(v):
    return {"S": v}


def rate(part, total):
    if total == 0:
        return N(0)
    q = (decimal.Decimal(part) * 100 / decimal.Decimal(total)).quantize(
        decimal.Decimal("0.01"), rounding=decimal.ROUND_HALF_UP)
    return N(q)


def did(key):
    return str(uuid.uuid5(NAMESPACE, key))


def cost(maintenance_id, lo, hi):
    h = int.from_bytes(hashlib.sha1(maintenance_id.encode()).digest()[:8], "big")
    return lo + h % (hi - lo + 1)


def failure_type(reason):
    r = reason.lower()
    if any(w in r for w in ("heat", "fire", "temperature")):
        return "overheating"
    if any(w in r for w in ("vibration", "pogo", "oscillation")):
        return "vibrations"
    return "wear"


def main(directory):
    decimal.getcontext().prec = 60
    rockets = load(directory, "rockets")
    launches = load(directory, "launches")
    pads = load(directory, "launchpads")
    cores = load(directory, "cores")
    capsules = load(directory, "capsules")
    ships = load(directory, "ships")
    past = [l for l in launches if not l["upcoming"]]

    # --- components (type, status, missions) per SPEC §5 ---
    comps = []  # (type, spacex id, status, missions)
    for r in rockets:
        missions = [l["id"] for l in launches if l["rocket"] == r["id"]]
        comps.append(("rocket", r["id"], "active" if r["active"] else "inactive", missions))
    cap_map = {"active": "active", "retired": "inactive", "unknown": "damaged",
               "destroyed": "destroyed"}
    for c in capsules:
        comps.append(("capsule", c["id"], cap_map[c["status"]], c["launches"]))
    core_map = {"active": "active", "lost": "destroyed", "expended": "damaged",
                "inactive": "inactive"}
    for c in cores:
        comps.append(("core", c["id"], core_map.get(c["status"], "inactive"), c["launches"]))
    for p in pads:
        comps.append(("launchpad", p["id"], "active" if p["status"] == "active" else "inactive",
                      p["launches"]))
    for s in ships:
        comps.append(("ship", s["id"], "active" if s["active"] else "inactive", s["launches"]))
    type_of = {c[1]: c[0] for c in comps}

    sub_components = [r for r in rockets if r["engines"]["number"] > 0]

    # --- comments: keyword substring match on the details, one per (launch, keyword) ---
    comments = {}
    for l in launches:
        if not l["details"]:
            continue
        text = l["details"].lower()
        candidates = OrderedDict([
            ("rocket", [l["rocket"]]), ("launchpad", [l["launchpad"]]),
            ("core", [c["core"] for c in l["cores"] if c["core"] is not None]),
            ("capsule", l["capsules"]), ("ship", l["ships"])])
        for kw, ids in candidates.items():
            if ids and kw in text:
                cid = did(f"comment:{l['id']}:{kw}")
                h = int.from_bytes(hashlib.sha1(cid.encode()).digest()[:8], "big")
                comments[cid] = ids[h % len(ids)]

    # --- maintenances and failures ---
    maint = []  # (id, component spacex id, cost)
    failure_types = Counter()
    for l in past:
        if l["success"] is None:
            continue
        if l["success"]:
            for cap in dict.fromkeys(l["capsules"]):
                mid = did(f"maintenance:{l['id']}:routine:{cap}")
                maint.append((mid, cap, cost(mid, 200000, 500000)))
            mid = did(f"maintenance:{l['id']}:routine:{l['rocket']}")
            maint.append((mid, l["rocket"], cost(mid, 50000, 200000)))
        else:
            mid = did(f"maintenance:{l['id']}:emergency:{l['rocket']}")
            maint.append((mid, l["rocket"], cost(mid, 500000, 1000000)))
            for f in l["failures"]:
                failure_types[failure_type(f["reason"])] += 1

    # --- analytics (SPEC §6) ---
    def tally(ls):
        total = len(ls)
        ok = sum(1 for l in ls if l["success"] is True)
        return total, ok

    cost_rows = []
    for r in rockets:
        total, ok = tally([l for l in past if l["rocket"] == r["id"]])
        cost_rows.append({"rocketId": S(r["id"]), "rocketName": S(r["name"]),
                          "costPerLaunch": N(r["cost_per_launch"]), "successRate": rate(ok, total),
                          "engineCount": N(r["engines"]["number"]),
                          "active": {"BOOL": r["active"]}, "totalLaunches": N(total)})

    rocket_cost = {r["id"]: r["cost_per_launch"] for r in rockets}
    pad_by_id = {p["id"]: p for p in pads}
    region_cost = defaultdict(decimal.Decimal)
    for l in past:
        region_cost[pad_by_id[l["launchpad"]]["region"]] += rocket_cost[l["rocket"]]
    region_rows = [{"region": S(k), "totalLaunchCost": N(v)} for k, v in sorted(region_cost.items())]

    years = defaultdict(list)
    for l in past:
        years[int(l["date_utc"][:4])].append(l)
    year_rows = []
    for y in sorted(years):
        total, ok = tally(years[y])
        year_rows.append({"year": N(y), "totalLaunches": N(total), "successfulLaunches": N(ok),
                          "failedLaunches": N(total - ok), "successRate": rate(ok, total)})

    missions = defaultdict(int)
    for t, _, _, m in comps:
        missions[t] += len(m)
    mission_rows = [{"componentType": S(t), "totalMissions": N(missions[t])}
                    for t in TYPES if t in missions]

    status_count = Counter(c[2] for c in comps)
    status_rows = [{"status": S(s), "count": N(status_count[s])} for s in STATUSES]

    pad_rows = []
    for p in pads:
        total, ok = tally([l for l in past if l["launchpad"] == p["id"]])
        if total == 0:
            continue
        pad_rows.append({"launchpad": S(p["name"]), "region": S(p["region"]),
                         "latitude": N(p["latitude"]), "longitude": N(p["longitude"]),
                         "totalLaunches": N(total), "successfulLaunches": N(ok),
                         "successRate": rate(ok, total)})

    freq = Counter(type_of.get(c, "unknown") for _, c, _ in maint)
    freq_rows = [{"componentType": S(t), "maintenanceCount": N(freq[t])}
                 for t in TYPES + ["unknown"] if t in freq]

    out = OrderedDict()
    out["counts"] = OrderedDict([
        ("components", len(comps)), ("subComponents", len(sub_components)),
        ("comments", len(comments)), ("maintenances", len(maint)),
        ("failures", sum(failure_types.values())), ("pastLaunches", len(past))])
    out["componentsByType"] = dict(Counter(c[0] for c in comps))
    out["failureTypes"] = dict(sorted(failure_types.items()))
    out["maintenanceTotalCost"] = sum(m[2] for m in maint)
    out["commentComponents"] = dict(sorted(comments.items()))
    out["analytics"] = OrderedDict([
        ("costSuccessRate", cost_rows), ("launchCostDistribution", region_rows),
        ("historicalSuccessFailure", year_rows), ("missionsPerComponentType", mission_rows),
        ("componentStatusDistribution", status_rows), ("regionSuccessRate", pad_rows),
        ("maintenanceFrequency", freq_rows)])
    json.dump(out, sys.stdout, indent=1, default=str)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/spacex-v4")
