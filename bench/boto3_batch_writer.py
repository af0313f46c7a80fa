#!/usr/bin/env python3
"""The boto3 side of bench/http_batch.sh: BatchWriteItem throughput of boto3's
Table.batch_writer() to a DynamoDB-compatible endpoint.

  boto3_batch_writer.py --endpoint http://127.0.0.1:PORT [--items 5000] [--runs 3]
                        [--threads 1,8] [--server-pid PID] [--jsonl]

threads=1 is boto3 as it is used: one batch_writer, one request at a time. threads=N
splits the items into N slices, each written by its own thread with its own session,
resource and batch_writer (boto3 resources are not thread-safe), to compare with
xrouting's BatchWriter at max_in_flight N. Each run: a fresh table (create, wait ACTIVE),
the timed writes (first put to the last batch_writer flushed; sessions and items are built
before), the count verified by Scan Select COUNT, the table deleted. Items have the same
shape as http_batch_bench.cc's (~200 B). Fake credentials, region us-east-1, boto3's
default client configuration. --server-pid: also report the server's CPU use during the
timed writes (100% = one core busy).
"""
import argparse
import json
import os
import sys
import threading
import time

import boto3


def make_item(i):
    return {
        "pk": f"item-{i:07d}",
        "name": f"component-{i:08d}-abcde",
        "payload": "".join(chr(97 + (i + k) % 26) for k in range(120)),
        "count": i,
        "active": i % 2 == 0,
        "tag": "bench",
    }


def session_resource(endpoint):
    session = boto3.session.Session(
        aws_access_key_id="fake", aws_secret_access_key="fake", region_name="us-east-1"
    )
    return session.resource("dynamodb", endpoint_url=endpoint)


def cpu_seconds(pid):
    """User + system CPU seconds of a process so far (/proc/PID/stat), or None."""
    if not pid:
        return None
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def count_items(client, table):
    total, kwargs = 0, {"TableName": table, "Select": "COUNT", "ConsistentRead": True}
    while True:
        page = client.scan(**kwargs)
        total += page["Count"]
        if "LastEvaluatedKey" not in page:
            return total
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def write_slice(resource, table, items, barrier, errors):
    try:
        t = resource.Table(table)
        barrier.wait()
        with t.batch_writer() as writer:
            for item in items:
                writer.put_item(Item=item)
    except Exception as e:  # reported by the main thread
        errors.append(e)


def run_once(endpoint, table, items, threads, server_pid):
    main = session_resource(endpoint)
    client = main.meta.client
    client.create_table(
        TableName=table,
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )
    client.get_waiter("table_exists").wait(
        TableName=table, WaiterConfig={"Delay": 0.05, "MaxAttempts": 200}
    )
    try:
        if threads == 1:
            t = main.Table(table)
            cpu_start = cpu_seconds(server_pid)
            start = time.perf_counter()
            with t.batch_writer() as writer:
                for item in items:
                    writer.put_item(Item=item)
            seconds = time.perf_counter() - start
        else:
            resources = [session_resource(endpoint) for _ in range(threads)]
            slices = [items[k::threads] for k in range(threads)]
            barrier = threading.Barrier(threads + 1)
            errors = []
            workers = [
                threading.Thread(target=write_slice, args=(r, table, s, barrier, errors))
                for r, s in zip(resources, slices)
            ]
            for w in workers:
                w.start()
            cpu_start = cpu_seconds(server_pid)
            barrier.wait()
            start = time.perf_counter()
            for w in workers:
                w.join()
            seconds = time.perf_counter() - start
            if errors:
                raise errors[0]
        cpu_end = cpu_seconds(server_pid)
        server_cpu = None if cpu_start is None else (cpu_end - cpu_start) / seconds
        verified = count_items(client, table)
    finally:
        client.delete_table(TableName=table)
        client.get_waiter("table_not_exists").wait(
            TableName=table, WaiterConfig={"Delay": 0.05, "MaxAttempts": 200}
        )
    if verified != len(items):
        raise RuntimeError(f"table {table} holds {verified} items after writing {len(items)}")
    return seconds, verified, server_cpu


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--endpoint", required=True)
    p.add_argument("--items", type=int, default=5000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--threads", default="1,8", help="comma-separated thread counts")
    p.add_argument("--server-pid", type=int, default=0, help="report this process's CPU use")
    p.add_argument("--jsonl", action="store_true", help="one JSON line per run on stdout")
    args = p.parse_args()
    thread_counts = [int(t) for t in args.threads.split(",")]
    items = [make_item(i) for i in range(args.items)]
    stamp = time.time_ns()
    for run in range(1, args.runs + 1):
        for threads in thread_counts:
            table = f"xr-bench-boto3-t{threads}-{stamp}-{run}"
            seconds, verified, server_cpu = run_once(
                args.endpoint, table, items, threads, args.server_pid
            )
            rate = args.items / seconds
            print(
                f"boto3 batch_writer threads={threads} run {run}: {args.items} items in "
                f"{seconds:.3f} s = {rate:.0f} items/s"
                + (f" (server CPU {server_cpu * 100:.0f}%)" if server_cpu is not None else ""),
                file=sys.stderr,
            )
            if args.jsonl:
                print(
                    json.dumps(
                        {
                            "impl": "boto3",
                            "concurrency": threads,
                            "run": run,
                            "items": args.items,
                            "seconds": round(seconds, 6),
                            "items_per_s": round(rate, 1),
                            "verified": verified,
                            "server_cpu": None if server_cpu is None else round(server_cpu, 3),
                        }
                    ),
                    flush=True,
                )


if __name__ == "__main__":
    main()
