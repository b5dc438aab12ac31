"""Load check of the HTTP API on loopback: requests/s and latency percentiles of the main read endpoints.

Builds (or reuses, with --db) a store of at least 10,000 events from the synthetic corpus of
``ingest_speed.py``, starts ``communique serve`` on 127.0.0.1 in a subprocess, and sends requests from a
few concurrent clients for a bounded time per endpoint. Nothing leaves the machine; the run stops by itself.

    .venv/bin/python benchmarks/serve_load.py --seconds 10 --clients 4

With ``--while-ingesting N`` it then runs ``communique ingest`` of N new documents into the same store, in a
process of its own, while the clients keep asking for events: every answer must be a 200 (the processes
take turns with the file, see ``store.py``), and it reports the latencies and the ingest's speed.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_speed import make_document  # noqa: E402

from communique.ingest import ingest  # noqa: E402
from communique.store import Store  # noqa: E402

MAX_REQUESTS_PER_ENDPOINT = 100_000


def build_store(path: Path, documents: int) -> int:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            for i in range(documents):
                doc = make_document(i, rng)
                doc.pop("language")
                handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
        with Store(path) as store:
            ingest([corpus], store)
    with Store(path, read_only=True) as store:
        return store.con.execute("SELECT count(*) FROM event_clusters").fetchone()[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hammer(base: str, path: str, seconds: float, clients: int) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=30) as http:
            while time.perf_counter() < stop and len(latencies) < MAX_REQUESTS_PER_ENDPOINT:
                started = time.perf_counter()
                response = http.get(path)
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    errors += response.status_code >= 400

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    latencies.sort()
    return {
        "path": path,
        "requests": len(latencies),
        "rps": len(latencies) / wall,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
        "errors": errors,
    }


def while_ingesting(db: Path, base: str, documents: int, clients: int) -> None:
    rng = random.Random(97)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "news.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            for i in range(documents):
                doc = make_document(1_000_000 + i, rng)
                doc["id"] = f"new-{i}"
                handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
        started = time.perf_counter()
        ingest = subprocess.Popen(
            [sys.executable, "-m", "communique", "--db", str(db), "ingest", "--no-progress", str(corpus)],
            stderr=subprocess.PIPE,
            text=True,
        )
        results = []
        while ingest.poll() is None:
            results.append(hammer(base, "/api/events?limit=50", 5.0, clients))
        seconds = time.perf_counter() - started
        _, err = ingest.communicate()
    requests = sum(r["requests"] for r in results)
    print(
        f"\nwhile ingesting {documents} documents in another process ({seconds:.0f} s, "
        f"{documents / seconds:.1f} documents/s, exit {ingest.returncode}):"
    )
    print(
        f"  /api/events?limit=50: {requests} requests, {requests / seconds:.1f} req/s, "
        f"worst p50 {max(r['p50_ms'] for r in results):.0f} ms, worst p99 {max(r['p99_ms'] for r in results):.0f} ms, "
        f"errors {sum(r['errors'] for r in results)}"
    )
    print("  " + (err.strip().splitlines() or [""])[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="store to serve (built with --documents if it does not exist)")
    parser.add_argument("--documents", type=int, default=11_500, help="documents to ingest when building")
    parser.add_argument("--seconds", type=float, default=10.0, help="load time per endpoint")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--while-ingesting", type=int, default=0, metavar="N", help="then ingest N documents meanwhile")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "load.duckdb"
        if not db.exists():
            print(f"building a store from {args.documents} documents ...", file=sys.stderr)
            build_store(db, args.documents)
        with Store(db, read_only=True) as store:
            events = store.con.execute("SELECT count(*) FROM event_clusters").fetchone()[0]
            some_event = store.con.execute(
                "SELECT cluster_id FROM event_clusters ORDER BY cluster_id LIMIT 1"
            ).fetchone()[0]
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "communique", "--db", str(db), "serve", "--host", "127.0.0.1", "--port", str(port)],
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + 60
            while True:
                try:
                    httpx.get(f"{base}/api/countries", timeout=2)
                    break
                except httpx.TransportError:
                    if time.time() > deadline or server.poll() is not None:
                        raise SystemExit("the server did not start") from None
                    time.sleep(0.2)
            paths = [
                "/api/events?limit=50",
                "/api/events?country=VNM&partner=CHN&limit=50",
                "/api/events?area=trade&since=2022-03-01&limit=50",
                f"/api/events/{some_event.replace('#', '%23')}",
                "/api/dyads/VNM/JPN",
                "/api/search?q=Xi&limit=20",
                "/",
            ]
            print(f"store: {events} events; {args.clients} clients, {args.seconds:.0f} s per endpoint")
            print(f"{'endpoint':<52}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
            for path in paths:
                r = hammer(base, path, args.seconds, args.clients)
                print(
                    f"{path[:51]:<52}{r['requests']:>9}{r['rps']:>9.1f}{r['p50_ms']:>9.1f}{r['p99_ms']:>9.1f}"
                    f"{r['errors']:>8}"
                )
            if args.while_ingesting:
                while_ingesting(db, base, args.while_ingesting, args.clients)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
