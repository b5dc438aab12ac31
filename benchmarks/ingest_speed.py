"""End-to-end ingest benchmark: documents per second and peak memory.

Builds a corpus of distinct synthetic news articles (our own template sentences in Vietnamese,
Indonesian, Dutch and English, with varied leaders, dates, places, areas and targets, about 3 KB each like
real articles), writes it as JSONL, then times ``communique ingest`` on it through the library (read, clean,
detect language, extract, resolve, store in DuckDB). The corpus grows like an archive, 50 documents a day,
so 20,000 documents cover 400 days. All but the last ``--tail`` documents make the archive; the last ones are
the new day's news, ingested into a copy of the archive by a fresh process (as a daily ``communique ingest``
would), twice. The same news is then ingested into a store holding only the ``--tail`` documents before it:
same recent events to join, a store ten or a hundred times smaller, so the two figures differ by the size of
the store alone. Run on demand:

    .venv/bin/python benchmarks/ingest_speed.py --documents 2000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from communique.ingest import ingest  # noqa: E402
from communique.store import Store  # noqa: E402

LEADERS = {
    "VNM": ("Pham Minh Chinh", "To Lam", "Luong Cuong", "Tran Thanh Man", "Bui Thanh Son"),
    "JPN": ("Ishiba Shigeru", "Kishida Fumio", "Iwaya Takeshi"),
    "KOR": ("Lee Jae Myung", "Yoon Suk Yeol", "Cho Hyun"),
    "FRA": ("Emmanuel Macron", "Francois Bayrou", "Jean-Noel Barrot"),
    "CHN": ("Xi Jinping", "Li Qiang", "Wang Yi"),
    "RUS": ("Vladimir Putin", "Mikhail Mishustin", "Sergey Lavrov"),
    "IDN": ("Prabowo Subianto", "Sugiono"),
    "AUS": ("Anthony Albanese", "Penny Wong"),
}
CITIES = {
    "VNM": "Hanoi",
    "JPN": "Tokyo",
    "KOR": "Seoul",
    "FRA": "Paris",
    "CHN": "Beijing",
    "RUS": "Moscow",
    "IDN": "Jakarta",
    "AUS": "Canberra",
}

TEMPLATES = {
    "en": {
        "country": {
            "VNM": "Vietnamese",
            "JPN": "Japanese",
            "KOR": "South Korean",
            "FRA": "French",
            "CHN": "Chinese",
            "RUS": "Russian",
            "IDN": "Indonesian",
            "AUS": "Australian",
        },
        "lead": "On {day} {month_name}, {c1} Prime Minister {p1} held talks with {c2} President {p2} in {city}.",
        "months": [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        "body": [
            "The two leaders agreed to expand cooperation in trade, investment and renewable energy.",
            "They discussed education and training, and pledged more scholarships for students.",
            "Both sides stressed maritime security and freedom of navigation under international law.",
            "The leaders welcomed growing tourism and direct flights between the two countries.",
            "They agreed to coordinate closely at the United Nations and ASEAN forums.",
            "Cooperation in science, technology and digital transformation will be a new pillar.",
            "The two sides aim to raise bilateral trade to {value} billion dollars by {year}.",
            "After the talks, they witnessed the signing of a Memorandum of Understanding on {topic}.",
        ],
        "filler": "Officials from both governments attended the meeting, which lasted more than two hours and was "
        "followed by a joint press briefing for reporters from several countries.",
    },
    "id": {
        "country": {
            "VNM": "Vietnam",
            "JPN": "Jepang",
            "KOR": "Korea Selatan",
            "FRA": "Prancis",
            "CHN": "Tiongkok",
            "RUS": "Rusia",
            "IDN": "Indonesia",
            "AUS": "Australia",
        },
        "lead": (
            "Pada tanggal {day} {month_name}, Perdana Menteri {c1} {p1} bertemu dengan Presiden {c2} {p2} di {city}."
        ),
        "months": [
            "Januari",
            "Februari",
            "Maret",
            "April",
            "Mei",
            "Juni",
            "Juli",
            "Agustus",
            "September",
            "Oktober",
            "November",
            "Desember",
        ],
        "body": [
            "Kedua pemimpin sepakat memperluas kerja sama perdagangan, investasi, dan energi terbarukan.",
            "Mereka membahas pendidikan dan pelatihan sumber daya manusia.",
            "Kedua pihak menekankan keamanan maritim dan kebebasan navigasi.",
            "Kedua pemimpin menyambut pertumbuhan pariwisata dan penerbangan langsung.",
            "Kedua pihak menargetkan perdagangan bilateral sebesar {value} miliar dolar AS pada tahun {year}.",
            "Kedua pemimpin menyaksikan penandatanganan Nota Kesepahaman tentang {topic}.",
        ],
        "filler": "Pertemuan tersebut dihadiri oleh para pejabat dari kedua pemerintah dan berlangsung lebih dari "
        "dua jam, diikuti dengan konferensi pers bersama bagi wartawan.",
    },
    "vi": {
        "country": {
            "VNM": "Việt Nam",
            "JPN": "Nhật Bản",
            "KOR": "Hàn Quốc",
            "FRA": "Pháp",
            "CHN": "Trung Quốc",
            "RUS": "Nga",
            "IDN": "Indonesia",
            "AUS": "Australia",
        },
        "lead": "Ngày {day}/{month}, tại {city}, Thủ tướng {c1} {p1} đã hội đàm với Tổng thống {c2} {p2}.",
        "months": None,
        "body": [
            "Hai nhà lãnh đạo nhất trí mở rộng hợp tác thương mại, đầu tư và năng lượng tái tạo.",
            "Hai bên thảo luận về giáo dục, đào tạo nguồn nhân lực chất lượng cao.",
            "Hai bên nhấn mạnh an ninh hàng hải và tự do hàng hải trên biển.",
            "Hai nhà lãnh đạo hoan nghênh du lịch và các đường bay thẳng.",
            "Hai bên đặt mục tiêu kim ngạch thương mại song phương đạt {value} tỷ USD vào năm {year}.",
            "Hai nhà lãnh đạo chứng kiến lễ ký Bản ghi nhớ về hợp tác {topic}.",
        ],
        "filler": "Cuộc hội đàm diễn ra trong không khí thân mật, tin cậy với sự tham dự của đại diện các bộ, "
        "ngành của hai nước và kéo dài hơn hai giờ.",
    },
    "nl": {
        "country": {
            "VNM": "Vietnamese",
            "JPN": "Japanse",
            "KOR": "Zuid-Koreaanse",
            "FRA": "Franse",
            "CHN": "Chinese",
            "RUS": "Russische",
            "IDN": "Indonesische",
            "AUS": "Australische",
        },
        "lead": "Op {day} {month_name} voerde de {c1} premier {p1} in {city} gesprekken met de {c2} president {p2}.",
        "months": [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        "body": [
            "De twee leiders kwamen overeen de samenwerking op het gebied van handel en investeringen te versterken.",
            "Ze spraken over onderwijs, opleiding en beurzen voor studenten.",
            "Beide partijen benadrukten maritieme veiligheid en vrije scheepvaart.",
            "De leiders verwelkomden de groei van het toerisme tussen beide landen.",
            "Beide landen streven naar een bilaterale handel van {value} miljard dollar tegen {year}.",
            "Na afloop ondertekenden zij een memorandum van overeenstemming over {topic}.",
        ],
        "filler": "Ambtenaren van beide regeringen woonden de bijeenkomst bij, die meer dan twee uur duurde en werd "
        "gevolgd door een gezamenlijke persconferentie.",
    },
}
TOPICS = {
    "en": ["digital payments", "clean energy", "higher education", "fisheries", "railways"],
    "id": ["energi bersih", "pendidikan tinggi", "perikanan"],
    "vi": ["năng lượng sạch", "giáo dục đại học", "nghề cá"],
    "nl": ["schone energie", "hoger onderwijs", "visserij"],
}


DOCUMENTS_PER_DAY = 50  # the corpus grows like an archive: more documents cover more days
FIRST_DAY = dt.date(2022, 1, 1)


def make_document(i: int, rng: random.Random) -> dict:
    """Article ``i``: published on day ``i // DOCUMENTS_PER_DAY``, about a meeting up to two days before."""
    published = FIRST_DAY + dt.timedelta(days=i // DOCUMENTS_PER_DAY)
    happened = published - dt.timedelta(days=rng.randint(0, 2))
    language = rng.choice(list(TEMPLATES))
    t = TEMPLATES[language]
    home, partner = "VNM", rng.choice([c for c in LEADERS if c != "VNM"])
    if rng.random() < 0.3:
        home, partner = rng.sample(list(LEADERS), 2)
    month = happened.month
    fields = {
        "day": happened.day,
        "month": month,
        "month_name": t["months"][month - 1] if t["months"] else "",
        "c1": t["country"][home],
        "c2": t["country"][partner],
        "p1": rng.choice(LEADERS[home]),
        "p2": rng.choice(LEADERS[partner]),
        "city": CITIES[rng.choice([home, partner])],
        "value": rng.choice([5, 10, 20, 50, 100, 150]),
        "year": published.year + rng.choice([3, 5, 8]),
        "topic": rng.choice(TOPICS[language]),
    }
    sentences = [t["lead"].format(**fields)]
    for _ in range(rng.randint(8, 16)):
        sentences.append(rng.choice(t["body"]).format(**fields))
        sentences.append(t["filler"])
    text = f"Bericht {i}\n\n" + "\n\n".join(sentences)
    return {"id": f"bench-{i:06d}", "text": text, "published": published.isoformat(), "language": None}


def _ingest_in_fresh_process(db: str, corpus: str, resolve: bool, batch_size: int, results) -> None:
    """Ingest ``corpus`` into ``db`` as a new ``communique ingest`` run would: a process with no history."""
    with Store(db) as store:
        start = time.perf_counter()
        report = ingest([Path(corpus)], store, batch_size=batch_size, resolve=resolve)
        results.put((report.stored, time.perf_counter() - start, report.seconds_resolving))


def _new_documents(store: Path, corpus: Path, args, rounds: int = 2) -> tuple[float, float]:
    """(documents/s, ms of resolution per document) for ``corpus`` arriving at ``store``: mean of fresh runs."""
    context = multiprocessing.get_context("spawn")
    rates, costs = [], []
    for n in range(rounds):
        work = store.with_name(f"{store.stem}-run{n}.duckdb")
        shutil.copy(store, work)
        results = context.Queue()
        job = (str(work), str(corpus), not args.no_resolve, args.batch_size, results)
        child = context.Process(target=_ingest_in_fresh_process, args=job)
        child.start()
        stored, seconds, resolving = results.get()
        child.join()
        work.unlink()
        rates.append(stored / seconds)
        costs.append(1000 * resolving / stored)
    return sum(rates) / rounds, sum(costs) / rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--tail", type=int, default=1000, help="new documents timed apart (default 1000)")
    parser.add_argument("--no-resolve", action="store_true", help="store mentions without cross-document resolution")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tail = min(args.tail, args.documents // 2)
    with tempfile.TemporaryDirectory() as tmp:
        files = {name: Path(tmp) / f"{name}.jsonl" for name in ("head", "recent", "tail")}
        handles = {name: path.open("w", encoding="utf-8") for name, path in files.items()}
        for i in range(args.documents):
            doc = make_document(i, rng)
            doc.pop("language")
            line = json.dumps(doc, ensure_ascii=False) + "\n"
            handles["head" if i < args.documents - tail else "tail"].write(line)
            if args.documents - 2 * tail <= i < args.documents - tail:
                handles["recent"].write(line)  # the ``tail`` documents before the new ones
        for handle in handles.values():
            handle.close()
        size = sum(files[name].stat().st_size for name in ("head", "tail"))
        archive, recent = Path(tmp) / "archive.duckdb", Path(tmp) / "recent.duckdb"
        start = time.perf_counter()
        with Store(archive) as store:
            first = ingest([files["head"]], store, batch_size=args.batch_size, resolve=not args.no_resolve)
        elapsed = time.perf_counter() - start
        with Store(recent) as store:
            ingest([files["recent"]], store, batch_size=args.batch_size, resolve=not args.no_resolve)
        into_archive = _new_documents(archive, files["tail"], args)
        into_recent = _new_documents(recent, files["tail"], args)
        with Store(archive) as store:
            counts, resolved = store.counts(), store.resolved_counts()
    peak_mb = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    average_kb = size / args.documents / 1024
    print(f"archive: {first.stored} documents ({average_kb:.1f} KB on average), skipped {first.skipped}")
    print(f"reports: {counts['events']} events, {counts['agreements']} agreements, {counts['targets']} targets")
    print(f"resolved: {resolved['event']} events, {resolved['agreement']} agreements, {resolved['target']} targets")
    print(
        f"building it: {first.stored / elapsed:.1f} documents/s end to end, "
        f"resolution {1000 * first.seconds_resolving / max(first.stored, 1):.2f} ms per document"
    )
    print(
        f"{tail} new documents, into the archive of {first.stored} (fresh process, mean of 2): "
        f"{into_archive[0]:.1f} documents/s, resolution {into_archive[1]:.2f} ms per document"
    )
    print(
        f"the same {tail}, into a store of only the {tail} before them: "
        f"{into_recent[0]:.1f} documents/s, resolution {into_recent[1]:.2f} ms per document"
    )
    print(f"peak memory (max RSS of one process): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
