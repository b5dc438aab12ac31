"""Command line: a thin layer over the library (ingest, store, export).

Data goes to stdout, messages and progress to stderr. Exit codes: 0 success, 1 when some input was skipped
or ingestion aborted, 2 for usage errors (click's), 3 when the database cannot be opened.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from communique import __version__, arguments, languages, queries
from communique import export as exporter
from communique.ingest import DEFAULT_MAX_BYTES, IngestReport, InputProblem, ingest, iter_files
from communique.languages import AREAS
from communique.store import ENV_VAR, Store, StoreError

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class Checked(click.ParamType):
    """A value checked by one of ``arguments``' functions: a usage error (exit 2) that names it."""

    def __init__(self, check, name: str):
        self.check, self.name = check, name

    def convert(self, value, param, ctx):
        try:
            return self.check(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


STATE = Checked(arguments.state, "state")
DATE = Checked(arguments.iso_date, "date")
TYPE = Checked(arguments.event_type, "type")
LANGUAGE = Checked(arguments.language, "language")


def _open(ctx: click.Context, read_only: bool = True) -> Store:
    try:
        return Store(ctx.obj["db"], read_only=read_only)
    except StoreError as exc:
        err.print(f"[red]error:[/] {exc}")
        ctx.exit(3)
        raise  # unreachable; ctx.exit raises


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=ENV_VAR,
    default=None,
    help=f"DuckDB file (default: ${ENV_VAR} or ~/.local/share/communique/communique.duckdb).",
)
@click.version_option(__version__, prog_name="communique")
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """Read diplomatic news in many languages; build a database of what states did together."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--on-error",
    type=click.Choice(["skip", "abort"]),
    default="skip",
    show_default=True,
    help="On a bad file or line: report it and go on, or stop there (what was stored stays).",
)
@click.option(
    "--language", type=LANGUAGE, help="Language of documents that do not say (vi, or Vietnamese); default: detect."
)
@click.option(
    "--max-bytes",
    type=click.IntRange(1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest document accepted.",
)
@click.option("--batch-size", type=click.IntRange(1), default=200, show_default=True, help="Documents per transaction.")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=min(os.cpu_count() or 1, 8),
    show_default="the machine's cores, at most 8",
    help="Processes running the pipeline (used when a batch has enough new documents).",
)
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@click.pass_context
def ingest_command(
    ctx: click.Context,
    paths: tuple[Path, ...],
    on_error: str,
    language: str | None,
    max_bytes: int,
    batch_size: int,
    workers: int,
    progress: bool | None,
) -> None:
    """Read .txt, .md, .html and .jsonl files (or folders of them) into the database."""
    store = _open(ctx, read_only=False)
    show = err.is_terminal if progress is None else progress
    total = _count_inputs(paths) if show else None
    with (
        store,
        Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            disable=not show,
        ) as bar,
    ):
        task = bar.add_task("ingest", total=total)
        report = ingest(
            list(paths),
            store,
            on_error=on_error,
            batch_size=batch_size,
            max_bytes=max_bytes,
            language=language,
            progress=lambda n: bar.advance(task, n),
            workers=workers,
        )
    _print_report(report)
    if report.problems or report.aborted:
        ctx.exit(1)


def _count_inputs(paths: tuple[Path, ...]) -> int:
    total = 0
    for found in iter_files(paths):
        item = found if isinstance(found, InputProblem) else found[0]
        if isinstance(item, Path) and item.suffix.lower() == ".jsonl":
            with item.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def _print_report(report: IngestReport) -> None:
    for problem in report.warnings:
        err.print(f"[yellow]warning[/] {problem}", highlight=False)
    for problem in report.problems:
        err.print(f"[yellow]skipped[/] {problem}", highlight=False)
    if report.aborted:
        err.print("[red]aborted[/] at the first problem (--on-error abort); documents stored before it are kept")
    err.print(
        f"documents read {report.read}, stored {report.stored} ({report.replaced} replacing an older version), "
        f"unchanged {report.unchanged}, skipped {report.skipped}; "
        f"facts found: {report.events} events, {report.agreements} agreements, {report.targets} targets",
        highlight=False,
    )


def _print_rows(rows: list[dict[str, Any]], as_json: bool, what: str, limit: int, plural: str | None = None) -> None:
    """A table of ``rows`` (or JSON lines); ``what`` is the singular noun of one row, ``plural`` its plural
    where adding "s" is wrong."""
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    grid = Table(show_lines=False)
    cells = [
        ["" if v is None else ", ".join(map(str, v)) if isinstance(v, list) else str(v) for v in row.values()]
        for row in rows
    ]
    for i, name in enumerate(rows[0] if rows else []):
        if name in WHOLE_COLUMNS:  # what 'communique event ID' needs is never cut: the other columns wrap
            grid.add_column(name, no_wrap=True, min_width=max(len(c[i]) for c in cells))
        else:
            grid.add_column(name)
    for row_cells in cells:
        grid.add_row(*row_cells)
    out.print(grid)
    noun = what if len(rows) == 1 else plural or f"{what}s"
    err.print(f"{len(rows)} {noun} shown (--limit {limit})", highlight=False)


WHOLE_COLUMNS = {"event_id", "agreement_id", "target_id", "event", "agreement", "target", "date", "person_id"}


def _listing(kind: str):
    def command(ctx: click.Context, country, partner, since, until, area, type_, limit, as_json, mentions) -> None:
        filters = queries.Filters(country, partner, since, until, area, type_)
        with _open(ctx) as store:
            rows = queries.listing(store.con, kind, filters, mentions, limit)
            if kind == "events" and not mentions:  # one canonical name per person; reports keep their spelling
                for row in queries.with_people(store.con, rows):
                    del row["persons"]
        thing = kind.removesuffix("s")  # event, agreement, target
        _print_rows(rows, as_json, f"{thing} report" if mentions else thing, limit)

    return command


def _listing_options(fn):
    options = [
        click.option("--country", type=STATE, help="Only facts involving this state (VNM, vn, Vietnam, Việt Nam)."),
        click.option("--partner", type=STATE, help="... and this one too (e.g. KOR)."),
        click.option("--since", type=DATE, help="Only dated on or after this ISO date (YYYY, YYYY-MM, YYYY-MM-DD)."),
        click.option("--until", type=DATE, help="Only dated on or before this ISO date."),
        click.option("--area", type=click.Choice(AREAS), help="Only events discussing this cooperation area."),
        click.option("--type", "type_", type=TYPE, help="Only events of this PLOVER type (CONSULT)."),
        click.option("--limit", type=click.IntRange(1), default=50, show_default=True),
        click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table."),
        click.option("--mentions", is_flag=True, help="Every report of each fact instead of one row per fact."),
        click.pass_context,
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


cli.command("events", help="List events (who met whom, when, where, about what), one per real encounter.")(
    _listing_options(_listing("events"))
)
cli.command("agreements", help="List agreements signed or adopted, one per document signed.")(
    _listing_options(_listing("agreements"))
)
cli.command("targets", help="List quantitative targets pledged.")(_listing_options(_listing("targets")))


@cli.command("people")
@click.option("--country", type=STATE, help="Only people of this state (VNM, vn, Vietnam).")
@click.option("--name", "q", help="A name in any spelling or script: 'To Lam', 'Tô Lâm', 'Tập Cận Bình'.")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table.")
@click.pass_context
def people_command(ctx: click.Context, country: str | None, q: str | None, limit: int, as_json: bool) -> None:
    """List people, one per person under all their spellings, most events first."""
    with _open(ctx) as store:
        rows = queries.persons(store.con, country, q, limit)["items"]
    if not as_json:  # the table keeps what fits: the id to look a person up by, the name, a few other spellings
        rows = [
            {
                "person_id": r["person_id"],
                "name": r["name"],
                "country": r["country"],
                "events": r["events"],
                "also written": ", ".join(r["aliases"][:3]) + (" …" if len(r["aliases"]) > 3 else ""),
            }
            for r in rows
        ]
    _print_rows(rows, as_json, "person", limit, plural="people")


@cli.command("event")
@click.argument("event_id")
@click.option("--json", "as_json", is_flag=True, help="The event and its sources as JSON.")
@click.pass_context
def event_command(ctx: click.Context, event_id: str, as_json: bool) -> None:
    """One event with every report of it: source, language, what each says, and its evidence sentence."""
    with _open(ctx) as store:
        event = queries.event(store.con, event_id)
    if event is None:
        err.print(f"[red]error:[/] no event with id {event_id!r} (see 'communique events')")
        ctx.exit(1)
    sources = event["sources"]
    if as_json:
        click.echo(json.dumps(event, ensure_ascii=False, indent=2, default=str))
        return
    out.print(
        f"[bold]{event['event_id']}[/]  {event['type']} {event['mode'] or ''}  {event['date'] or 'undated'}  "
        f"{event['place'] or ''}  {'–'.join(event['countries'])}",
        highlight=False,
    )
    out.print(f"people: {', '.join(event['people'])}\nareas: {', '.join(event['areas'])}", highlight=False)
    out.print(
        f"{event['documents']} documents from {event['source_count']} sources in {', '.join(event['languages'])}, "
        f"reported {event['first_report'] or '?'} to {event['last_report'] or '?'}",
        highlight=False,
    )
    if event["disagreements"]:
        out.print(f"reports disagree on: {json.dumps(event['disagreements'], ensure_ascii=False)}", highlight=False)
    for source in sources:
        out.print(f"\n[cyan]{source['doc_id']}[/] ({source['language']}) {source['url'] or ''}", highlight=False)
        out.print(f"  {source['evidence']}", highlight=False)


@cli.command("resolve")
@click.option("--rebuild", is_flag=True, help="Forget all events and resolve every report again, in ingest order.")
@click.pass_context
def resolve_command(ctx: click.Context, rebuild: bool) -> None:
    """Cross-document resolution (it runs at every ingest; --rebuild recomputes it from scratch)."""
    from communique import people, resolve

    store = _open(ctx, read_only=not rebuild)
    with store:
        if rebuild:
            resolve.rebuild(store.con)
            with store.transaction():
                people.refresh(store.con)
        counts = store.resolved_counts()
        reports = store.counts()
    err.print(
        f"{counts['event']} events from {reports['events']} reports, {counts['agreement']} agreements from "
        f"{reports['agreements']}, {counts['target']} targets from {reports['targets']}",
        highlight=False,
    )


@cli.command("show")
@click.argument("doc_id")
@click.option("--json", "as_json", is_flag=True, help="The document's facts with provenance as JSON.")
@click.pass_context
def show(ctx: click.Context, doc_id: str, as_json: bool) -> None:
    """A document's cleaned text with its facts and the evidence sentence of each."""
    store = _open(ctx)
    with store:
        meta = queries.document_row(store.con, doc_id)
        if meta is None:
            err.print(f"[red]error:[/] no document with id {doc_id!r}")
            ctx.exit(1)
        doc = next(exporter.documents(store, provenance=True, doc_id=doc_id))
    if as_json:
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    out.print(f"[bold]{meta['doc_id']}[/]  {meta['language']}  {meta['doc_date'] or ''}  {meta['url'] or ''}")
    out.print(meta["text"], highlight=False)
    for kind in ("events", "agreements", "targets"):
        for fact in doc[kind]:
            where = fact.pop("provenance")
            out.print(f"\n[bold cyan]{kind[:-1]}[/] {json.dumps(fact, ensure_ascii=False)}", highlight=False)
            out.print(
                f"  [dim]sentence {where['sentence']} [{where['start']}:{where['end']}][/] {where['evidence']}",
                highlight=False,
            )


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(exporter.FORMATS), default="eval", show_default=True)
@click.option(
    "--table",
    type=click.Choice(list(queries.EXPORT_TABLES)),
    default="events",
    show_default=True,
    help="Which facts, for csv and parquet.",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
@click.pass_context
def export_command(ctx: click.Context, fmt: str, table: str, out: Path | None) -> None:
    """Write the stored facts (eval = the evaluation kit's SCHEMA.md, one line per document)."""
    if fmt == "parquet" and out is None:
        raise click.UsageError("parquet needs --out FILE (it is a binary format)")
    store = _open(ctx)
    with store:
        try:
            n = exporter.write(store, fmt, out, table)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
    err.print(f"{n} records written{f' to {out}' if out else ''}", highlight=False)


@cli.command("summary")
@click.pass_context
def summary(ctx: click.Context) -> None:
    """What the database holds: counts, languages, the most frequent pairs of states."""
    store = _open(ctx)
    with store:
        counts = store.counts()
        resolved = store.resolved_counts()
        by_language, pairs, latest = queries.summary(store.con)
    out.print(
        f"[bold]{counts['documents']}[/] documents: [bold]{resolved['event']}[/] events "
        f"({counts['events']} reports), [bold]{resolved['agreement']}[/] agreements ({counts['agreements']} reports), "
        f"[bold]{resolved['target']}[/] targets ({counts['targets']} reports)"
    )
    out.print("languages: " + ", ".join(f"{r['language']} {r['n']}" for r in by_language))
    for title, rows in (("Most frequent pairs of states", pairs), ("Latest dated events", latest)):
        grid = Table(title=title)
        for name in rows[0].keys() if rows else []:
            grid.add_column(name)
        for row in rows:
            grid.add_row(*["" if v is None else str(v) for v in row.values()])
        out.print(grid)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback unless told).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--token",
    envvar="COMMUNIQUE_TOKEN",
    help="Enables POST /api/documents for clients presenting it "
    "as a bearer token (also $COMMUNIQUE_TOKEN); without it the store is opened read-only.",
)
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int, token: str | None) -> None:
    """Web dashboard and HTTP API over the database (API reference at /api-docs, schema at /openapi.json)."""
    import uvicorn

    from communique.serve import create_app

    try:
        app = create_app(ctx.obj["db"], token)
    except StoreError as exc:
        err.print(f"[red]error:[/] {exc}")
        ctx.exit(3)
    err.print(
        f"serving {app.state.backend.store.path} on http://{host}:{port} "
        f"({'writes with token' if token else 'read-only'})",
        highlight=False,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.command("languages")
def languages_command() -> None:
    """Languages with a data file (others fall back to English triggers and CLDR names)."""
    for code in languages.available():
        data = languages.load(code)
        click.echo(f"{code}\t{data.name}")


def main() -> None:
    try:
        cli(obj={})
    except BrokenPipeError:  # `communique export | head`
        sys.stderr.close()


if __name__ == "__main__":
    main()
