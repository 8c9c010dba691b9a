#!/usr/bin/env python3
"""Load benchmark on loopback: starts `scrutiny serve` (release) on a fresh
data directory with the seed, picks its subjects from the graph itself, runs
wrk against /health and five GraphQL GET queries, and prints requests per
second and p50/p99 latency, each as a ratio to /health.

Usage: python3 bench/load.py [--duration 10] [--connections 32] [--threads 2]
       python3 bench/load.py --soak 60   # every case in turn for 60 s: errors, p99, RSS
       python3 bench/load.py --live-ingest DIR   # reads with and without POST /ingest of DIR's files
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


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        kib = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return kib / 1024


def soak(cases, args, pid):
    """Every case in turn, one request after another on each connection, for
    --soak seconds; the server's RSS sampled every 5 s."""
    paths = [urllib.parse.urlsplit(url) for _, url in cases]
    paths = [p.path + ("?" + p.query if p.query else "") for p in paths]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write("local paths = {" + ", ".join(json.dumps(p) for p in paths) + "}\n")
        script.write("local i = 0\n")
        script.write("request = function() i = i + 1; return wrk.format('GET', paths[(i % #paths) + 1]) end\n")
    start = rss_mib(pid)
    samples = [start]
    run = subprocess.Popen(
        ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.soak}s", "--latency",
         "-s", script.name, BASE],
        stdout=subprocess.PIPE, text=True,
    )
    while run.poll() is None:
        time.sleep(5)
        if run.poll() is None:
            samples.append(rss_mib(pid))
    out = run.stdout.read()
    os.unlink(script.name)
    end = rss_mib(pid)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
    p99_ms = float(p99[0]) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99[1]]
    print(f"soak: {args.soak} s, {len(cases)} cases in turn, -t{args.threads} -c{args.connections}")
    print(f"requests: {requests:,} ({requests / args.soak:,.0f}/s)")
    print(f"failed responses: {failed.group(1) if failed else 0}; socket errors: "
          + (sockets.group(0) if sockets else "none"))
    print(f"p99: {p99_ms:.2f} ms")
    print(f"server RSS: {start:.1f} MiB at start, {end:.1f} MiB at the end, "
          f"{max(samples + [end]):.1f} MiB at most ({len(samples)} samples)")


def live_ingest(cases, args, token, folder):
    """Reads alone, then the same reads while every file of `folder` is sent
    to POST /ingest, one after another, for as long as the reads run."""
    import threading
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder)
                   if os.path.isfile(os.path.join(folder, f)) and not f.startswith("."))
    name, url = cases[2]
    alone = wrk(url, args)
    done = {"files": 0, "failed": 0}
    stop = threading.Event()

    def send():
        while not stop.is_set():
            for path in files:
                if stop.is_set():
                    break
                result = subprocess.run(
                    ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", f"Authorization: Bearer {token}",
                     "-F", f"file=@{path}", f"{BASE}/ingest"], capture_output=True, text=True)
                done["files"] += 1
                if result.stdout != "200":
                    done["failed"] += 1

    sender = threading.Thread(target=send)
    sender.start()
    during = wrk(url, args)
    stop.set()
    sender.join()
    print(f"case: {name}; wrk -t{args.threads} -c{args.connections} -d{args.duration}s")
    print(f"| reads | req/s | p50 ms | p99 ms |\n|---|---:|---:|---:|")
    print(f"| alone | {alone[0]:,.0f} | {alone[1]:.2f} | {alone[2]:.2f} |")
    print(f"| during ingest | {during[0]:,.0f} | {during[1]:.2f} | {during[2]:.2f} |")
    print(f"ratio during/alone: {during[0] / alone[0]:.3f}; files ingested meanwhile: "
          f"{done['files']} ({done['failed']} refused)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--soak", type=int, default=0,
                        help="instead of the table: every case in turn for this many seconds")
    parser.add_argument("--live-ingest", metavar="DIR",
                        help="instead of the table: reads alone and during POST /ingest of DIR's files")
    args = parser.parse_args()

    binary = os.path.join(ROOT, "target", "release", "scrutiny")
    data_dir = tempfile.mkdtemp(prefix="scrutiny-bench-")
    token = "bench-" + os.urandom(8).hex()
    token_file = os.path.join(data_dir, "..", os.path.basename(data_dir) + ".token")
    with open(token_file, "w") as f:
        f.write(token + "\n")
    server = subprocess.Popen(
        [binary, "serve", "--data-dir", data_dir, "--bind", BIND, "--seed-dir", os.path.join(ROOT, "seed"),
         "--token-file", token_file],
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
        if args.soak:
            soak(cases, args, server.pid)
            return
        if args.live_ingest:
            live_ingest(cases, args, token, args.live_ingest)
            return
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
        os.unlink(token_file)


if __name__ == "__main__":
    main()
