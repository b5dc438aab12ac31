"""End-to-end ingest benchmark: documents per second and peak memory.

Builds a corpus of distinct synthetic news articles (our own template sentences in Vietnamese,
Indonesian, Dutch and English, with varied leaders, dates, places, areas and targets, about 3 KB each like
real articles), writes it as JSONL, then times ``communique ingest`` on it through the library (read, clean,
detect language, extract, resolve, store in DuckDB). The corpus grows like an archive, 50 documents a day,
so 20,000 documents cover 400 days. The last ``--tail`` documents are ingested apart, into the store the others
made: their cost per document is the cost of news arriving at a store of that size, and comparing it at 2,000
and 20,000 documents shows whether it grows with the store. Run on demand:

    .venv/bin/python benchmarks/ingest_speed.py --documents 2000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--tail", type=int, default=1000, help="documents timed apart at the end (default 1000)")
    parser.add_argument("--no-resolve", action="store_true", help="store mentions without cross-document resolution")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tail = min(args.tail, args.documents)
    with tempfile.TemporaryDirectory() as tmp:
        head_file, tail_file = Path(tmp) / "head.jsonl", Path(tmp) / "tail.jsonl"
        with head_file.open("w", encoding="utf-8") as head, tail_file.open("w", encoding="utf-8") as end:
            for i in range(args.documents):
                doc = make_document(i, rng)
                doc.pop("language")
                (head if i < args.documents - tail else end).write(json.dumps(doc, ensure_ascii=False) + "\n")
        size = head_file.stat().st_size + tail_file.stat().st_size
        resolve = not args.no_resolve
        start = time.perf_counter()
        with Store(Path(tmp) / "bench.duckdb") as store:
            first = ingest([head_file], store, batch_size=args.batch_size, resolve=resolve)
            tail_start = time.perf_counter()
            last = ingest([tail_file], store, batch_size=args.batch_size, resolve=resolve)
            tail_elapsed = time.perf_counter() - tail_start
            counts = store.counts()
            resolved = store.resolved_counts()
        elapsed = time.perf_counter() - start
    stored = first.stored + last.stored
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    skipped = first.skipped + last.skipped
    print(f"documents: {stored} ({size / max(stored, 1) / 1024:.1f} KB on average), skipped {skipped}")
    print(f"reports: {counts['events']} events, {counts['agreements']} agreements, {counts['targets']} targets")
    print(f"resolved: {resolved['event']} events, {resolved['agreement']} agreements, {resolved['target']} targets")
    if stored:
        seconds = first.seconds_resolving + last.seconds_resolving
        print(f"resolution: {seconds:.1f} s in all, {1000 * seconds / stored:.2f} ms per document")
    print(f"time: {elapsed:.1f} s  ->  {stored / elapsed:.1f} documents/s end to end")
    if last.stored:
        print(
            f"last {last.stored} documents, into a store of {first.stored}: "
            f"{last.stored / tail_elapsed:.1f} documents/s, resolution {1000 * last.seconds_resolving / last.stored:.2f} ms per document"
        )
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
