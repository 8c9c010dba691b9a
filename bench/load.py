#!/usr/bin/env python3
"""Load benchmark on loopback: starts `scrutiny serve` (release) on a fresh
data directory with the seed, picks its subjects from the graph itself, runs
wrk against /health and five GraphQL GET queries, and prints requests per
second and p50/p99 latency, each as a ratio to /health.

Usage: python3 bench/load.py [--duration 10] [--connections 32] [--threads 2]
Needs: wrk (Debian package `wrk`), a release build (`cargo build --release`).
"""

import argparse
import json
import os
import re
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIND = "127.0.0.1:18080"
BASE = f"http://{BIND}"


def graphql(query):
    url = f"{BASE}/graphql?" + urllib.parse.urlencode({"query": query})
    with urllib.request.urlopen(url) as response:
        body = json.load(response)
    if body.get("errors"):
        raise SystemExit(f"query failed: {body['errors']}\n{query}")
    return body["data"], url


def subjects():
    """The busiest speaker, a report they are linked to, a meeting."""
    data, _ = graphql(
        "{ people(first: 100) { edges { node { id statements { totalCount } } } } }"
    )
    people = [e["node"] for e in data["people"]["edges"]]
    speaker = max(people, key=lambda p: p["statements"]["totalCount"])["id"]
    data, _ = graphql("{ recommendations(first: 1) { edges { node { report { id } } } } }")
    report = data["recommendations"]["edges"][0]["node"]["report"]["id"]
    data, _ = graphql(f'{{ person(name: "{speaker}") {{ statements(first: 1) {{ edges {{ node {{ meeting {{ id }} }} }} }} }} }}')
    meeting = data["person"]["statements"]["edges"][0]["node"]["meeting"]["id"]
    return speaker, report, meeting


def wrk(url, args):
    out = subprocess.run(
        ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency", url],
        check=True, capture_output=True, text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def percentile(p):
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{errors.group(1)} failed responses for {url}")
    return rps, percentile(50), percentile(99)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    binary = os.path.join(ROOT, "target", "release", "scrutiny")
    data_dir = tempfile.mkdtemp(prefix="scrutiny-bench-")
    server = subprocess.Popen(
        [binary, "serve", "--data-dir", data_dir, "--bind", BIND, "--seed-dir", os.path.join(ROOT, "seed")],
        stderr=subprocess.DEVNULL,
        env={**os.environ, "RUST_LOG": "warn"},
    )
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{BASE}/health")
                break
            except OSError:
                time.sleep(0.05)
        speaker, report, meeting = subjects()
        cases = [
            ("/health", f"{BASE}/health"),
            ("{ __typename }", graphql("{ __typename }")[1]),
            ("person + 20 statements", graphql(
                f'{{ person(name: "{speaker}") {{ name statements(first: 20) {{ edges {{ node {{ id text date }} }} }} }} }}')[1]),
            ("search", graphql(
                '{ search(query: "police", first: 10) { totalCount edges { node { score snippetHtml node { id } } } } }')[1]),
            ("path person → report", graphql(
                f'{{ path(from: "{speaker}", to: "{report}", maxHops: 6) {{ length edges {{ kind source target }} }} }}')[1]),
            ("neighbourhood depth 2", graphql(
                f'{{ neighbourhood(id: "{meeting}", depth: 2, limit: 200) {{ truncated nodes {{ id label kind }} edges {{ source target kind }} }} }}')[1]),
        ]
        print(f"subjects: speaker {speaker}, report {report}, meeting {meeting}")
        print(f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --latency <url>\n")
        print(f"| case | req/s | p50 ms | p99 ms | req/s ÷ /health | p50 × /health |")
        print(f"|---|---:|---:|---:|---:|---:|")
        base = None
        for name, url in cases:
            rps, p50, p99 = wrk(url, args)
            base = base or (rps, p50, p99)
            print(f"| {name} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {rps / base[0]:.3f} | {p50 / base[1]:.1f} |")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
