"""Serving, ingesting and reading one store at the same time, as separate processes (DuckDB lets one process
write a file at a time; communique's processes take turns, see store.py). Takes about half a minute."""

import json
import socket
import subprocess
import sys
import time
import urllib.request

LEADERS = [
    ("Vietnamese Prime Minister Pham Minh Chinh", "Thai Prime Minister Paetongtarn Shinawatra", "Hanoi"),
    ("Indonesian President Prabowo Subianto", "Malaysian Prime Minister Anwar Ibrahim", "Jakarta"),
    ("French President Emmanuel Macron", "Vietnamese General Secretary To Lam", "Paris"),
    ("Japanese Prime Minister Ishiba Shigeru", "Korean President Lee Jae Myung", "Tokyo"),
]


def communique(db, *args):
    return [sys.executable, "-m", "communique", "--db", str(db), *args]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.status, json.loads(response.read())


def test_the_dashboard_and_cli_reads_go_on_while_an_ingest_runs(tmp_path):
    db = tmp_path / "shared.duckdb"
    rows = []
    for i in range(400):
        a, b, city = LEADERS[i % len(LEADERS)]
        text = f"On {i % 28 + 1} March, {a} held talks with {b} in {city}. Report number {i}. " * 3
        rows.append(json.dumps({"id": f"r{i}", "text": text, "published": f"2025-03-{i % 28 + 2:02d}"}))
    (tmp_path / "first.jsonl").write_text("\n".join(rows[:20]) + "\n")
    (tmp_path / "rest.jsonl").write_text("\n".join(rows[20:]) + "\n")
    assert subprocess.run(communique(db, "ingest", str(tmp_path / "first.jsonl")), capture_output=True).returncode == 0

    port = free_port()
    server = subprocess.Popen(communique(db, "serve", "--port", str(port)), stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                get(f"http://127.0.0.1:{port}/api/countries")
                break
            except OSError:
                time.sleep(0.2)
        ingest = subprocess.Popen(
            communique(db, "ingest", "--batch-size", "20", str(tmp_path / "rest.jsonl")),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        answers, reads = 0, 0
        while ingest.poll() is None:
            status, page = get(f"http://127.0.0.1:{port}/api/documents?limit=1")
            assert status == 200 and page["total"] >= 20
            answers += 1
            if answers % 10 == 0:
                summary = subprocess.run(communique(db, "summary"), capture_output=True, text=True)
                assert summary.returncode == 0, summary.stderr
                assert "lock" not in summary.stderr.lower()
                reads += 1
        _, err = ingest.communicate()
        assert ingest.returncode == 0, err.decode()
        assert "lock" not in err.decode().lower()
        assert answers >= 5 and reads >= 1
        assert get(f"http://127.0.0.1:{port}/api/documents?limit=1")[1]["total"] == 400
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_an_ingest_killed_midway_leaves_a_store_that_a_rerun_completes_to_the_uninterrupted_result(tmp_path):
    import os
    import signal

    rows = []
    for i in range(240):
        a, b, city = LEADERS[i % len(LEADERS)]
        text = f"On {i % 28 + 1} March, {a} held talks with {b} in {city}. Both sides discussed trade. Item {i}."
        rows.append(json.dumps({"id": f"k{i}", "text": text, "published": f"2025-03-{i % 28 + 2:02d}"}))
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(rows) + "\n")

    killed, whole = tmp_path / "killed.duckdb", tmp_path / "whole.duckdb"
    run = subprocess.Popen(communique(killed, "ingest", "--batch-size", "20", str(source)), stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline and run.poll() is None:  # wait until some batches are stored, then kill
        count = subprocess.run(communique(killed, "summary"), capture_output=True, text=True).stdout
        if count.split(" ", 1)[0].isdigit() and 40 <= int(count.split(" ", 1)[0]) < 200:
            os.kill(run.pid, signal.SIGKILL)
            break
        time.sleep(0.2)
    run.wait()
    assert run.returncode == -signal.SIGKILL, "the ingest ended before it could be killed midway"
    partial = subprocess.run(communique(killed, "summary"), capture_output=True, text=True)
    assert partial.returncode == 0 and int(partial.stdout.split(" ", 1)[0]) % 20 == 0  # whole batches only

    assert subprocess.run(communique(killed, "ingest", str(source)), capture_output=True).returncode == 0
    assert (
        subprocess.run(communique(whole, "ingest", "--batch-size", "20", str(source)), capture_output=True).returncode
        == 0
    )

    def facts(db):
        out = subprocess.run(communique(db, "events", "--mentions", "--json", "--limit", "1000"), capture_output=True)
        return sorted((e["event_id"], e["event"], e["date"]) for e in map(json.loads, out.stdout.splitlines()))

    assert facts(killed) == facts(whole) and len(facts(whole)) == 240
