"""The `lawie` command line: extract, corpus (validate, stats), in the spaCy style.

    lawie extract --example
    lawie extract reports/ -o out.jsonl --workers 2
    lawie corpus validate corpus/annotations
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import List, Optional

import typer

from .errors import CorpusError, LawieError

app = typer.Typer(
    name="lawie",
    help="Read Chinese rule-of-law government annual reports (法治政府建设年度报告) into data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
corpus_app = typer.Typer(help="Check and describe the annotated corpus.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _version(value: bool) -> None:
    if value:
        from .about import __version__

        typer.echo(f"lawie {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print lawie's version and exit."),
) -> None:
    """Read Chinese rule-of-law government annual reports (法治政府建设年度报告) into data."""


@app.command()
def extract(
    inputs: List[str] = typer.Argument(None, help="Files, folders (recursive) or glob patterns."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file: .jsonl, .json, .csv or .parquet (default: JSON lines to stdout)."),
    table: str = typer.Option("quantities", "--table", "-t", help="Rows of a .csv/.parquet output: quantities, items or reports (one per quantity, item or report)."),
    per: Optional[str] = typer.Option(None, "--per", help="The same as --table, in the singular: quantity, item or report."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Model directory, or 'rules' (default: the packaged model)."),
    example: bool = typer.Option(False, "--example", help="Run on the report bundled with lawie."),
    resume: bool = typer.Option(False, "--resume", help="Skip inputs already extracted into the output (same file, same content); retry failures."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
) -> None:
    """Extract achievements, problems, plans and their figures from reports.

    Records are written as the run goes: to stdout as JSON lines, to a .jsonl output, or to a
    JSONL kept beside a .json/.csv/.parquet output, which is written from it at the end.
    """
    from .batch import RecordWriter, check_output, gather_inputs, iter_records, log_path
    from .batch import resume as resume_log

    specs = list(inputs or [])
    if example:
        from importlib import resources

        specs.append(str(resources.files("lawie").joinpath("examples").joinpath("nanhu_2025.txt")))
    if not specs:
        _err("Give files, folders or patterns to read, or --example.")
        raise typer.Exit(2)
    if resume and output is None:
        _err("--resume needs an output file (-o out.jsonl, .json, .csv or .parquet).")
        raise typer.Exit(2)
    try:
        if per is not None:
            table = {"quantity": "quantities", "item": "items", "report": "reports"}.get(per, per)
        if table != "quantities" and (output is None or output.suffix.lower() not in (".csv", ".parquet")):
            raise LawieError(f"--table {table} writes a table: use a .csv or .parquet output")
        check_output(output, table)
    except LawieError as error:
        _err(str(error))
        raise typer.Exit(2)
    own = [] if output is None else [output, log_path(output), output.with_name(output.name + ".part")]
    found = gather_inputs(specs, exclude=own)
    paths, missing = found.files, found.errors
    if found.skipped and not quiet:
        _err(_skipped_summary(found.skipped))
    if resume:
        paths, counts = resume_log(log_path(output), paths)
        if not quiet and any(counts.values()):
            _err(
                f"resume: {counts['done']} input(s) already done; {counts['retried']} failed before and "
                f"{counts['changed']} changed since, run again; {counts['cut']} cut record(s) dropped"
            )
    writer = RecordWriter(output, append=resume, table=table)
    total = len(paths) + len(missing)
    show = not quiet and total > 1
    failed = done_count = chars = 0
    started = time.perf_counter()
    for record in missing:
        writer.write(record)
        failed += 1
        _err(f"error: {record['source']['path']}: {record['error']}")
    progress = _progress(len(paths), show)
    try:
        for finished in iter_records(paths, model=model, workers=workers, progress=None if quiet or total > 1 else _large_file_progress):
            writer.write(finished)
            if finished.error:
                failed += 1
                if not show:
                    _err(f"error: {finished.error}")
                else:
                    progress.write(f"error: {finished.error}", file=sys.stderr)
            else:
                done_count += 1
                chars += finished.chars
            progress.update(1)
    except LawieError as error:
        progress.close()
        writer.close()
        _err(str(error))
        raise typer.Exit(2)
    progress.close()
    writer.close()
    elapsed = time.perf_counter() - started
    if not quiet and (total > 1 or output is not None):
        speed = chars / elapsed if elapsed > 0 else 0.0
        _err(f"done {done_count}, failed {failed}, {chars} chars in {elapsed:.1f}s ({speed:,.0f} chars/s)")
    raise typer.Exit(1 if failed else 0)


def _skipped_summary(skipped: list) -> str:
    """One line on the files a folder or glob held that were not read, by reason."""
    reasons: dict[str, list[str]] = {}
    for path, reason in skipped:
        reasons.setdefault(reason, []).append(path.name)
    parts = []
    for reason, names in reasons.items():
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        parts.append(f"{len(names)} {reason}: {shown}")
    return f"skipped {len(skipped)} file(s) that are not reports — " + "; ".join(parts)


LARGE_FILE = 1_000_000  # bytes: a single input this large shows its steps as it goes


def _large_file_progress(path: Path):
    """A step display for one large input (a 20 MB report takes about a minute), else None."""
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if size < LARGE_FILE:
        return None
    from tqdm import tqdm

    bar = tqdm(total=4, file=sys.stderr, unit="step", desc=f"{path.name} ({size / 1e6:.1f} MB): reading", dynamic_ncols=True)
    started = [False]

    def step(name: str) -> None:
        if name == "done":
            bar.update(bar.total - bar.n)
            bar.close()
            return
        if started[0]:
            bar.update(1)
        started[0] = True
        bar.set_description(f"{path.name} ({size / 1e6:.1f} MB): {name}")

    return step


@app.command()
def check(
    inputs: List[str] = typer.Argument(..., help="Files, folders (recursive) or glob patterns."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Also write the table: .csv or .parquet, one row per report."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Model directory, or 'rules' (default: the packaged model)."),
) -> None:
    """Check reports against art. 25 and 26 of the 2019 督察工作规定: each part present, thin or
    missing, or not reached in an incomplete text; exit 1 when an input cannot be read."""
    from .batch import RecordWriter, check_output, gather_inputs, iter_records, log_path
    from .rows import check_columns

    found = gather_inputs(inputs, exclude=[] if output is None else [output, log_path(output)])
    paths, missing = found.files, found.errors
    try:
        if output is not None:
            if output.suffix.lower() not in (".csv", ".parquet"):
                raise LawieError(f"{output}: the check's table is a .csv or .parquet file")
            check_output(output, "reports")
        writer = RecordWriter(output, table="reports") if output is not None else None
    except LawieError as error:
        _err(str(error))
        raise typer.Exit(2)
    failed = 0
    verdicts = {"compliant": 0, "not compliant": 0, "incomplete text": 0}
    records = list(missing)
    try:
        records += [finished.record for finished in iter_records(paths, model=model, workers=workers)]
    except LawieError as error:
        _err(str(error))
        raise typer.Exit(2)
    for record in records:
        path = (record.get("source") or {}).get("path")
        if "error" in record:
            failed += 1
            typer.echo(f"{path}\terror: {record['error']}")
        else:
            row = check_columns(record["check"])
            parts = " ".join(f"{key[5:]}={value}" for key, value in row.items() if key.startswith("part_"))
            verdict = {True: "compliant", False: "not compliant", None: "incomplete text"}[row["compliant"]]
            verdicts[verdict] += 1
            published = f" published={row['published']} on_time={row['on_time']}" if row["published"] else ""
            typer.echo(f"{path}\t{verdict}\t{parts} causes={row['causes']}{published}")
        if writer is not None:
            writer.write(record)
    if writer is not None:
        writer.close()
        _err(f"wrote {output} ({len(records)} report(s))")
    _err(", ".join(f"{count} {verdict}" for verdict, count in verdicts.items()) + f", {failed} failed")
    raise typer.Exit(1 if failed else 0)


def _progress(total: int, show: bool):
    from tqdm import tqdm

    return tqdm(total=total, disable=not show, file=sys.stderr, unit="file", dynamic_ncols=True)


@corpus_app.command("validate")
def corpus_validate(
    path: Optional[Path] = typer.Argument(None, help="A corpus .jsonl file or folder (default: corpus/annotations)."),
) -> None:
    """Check offsets, labels, overlaps, roles, meta and the split; exit 1 on any problem."""
    from .corpus import default_split_path, read_records, read_split, split_problems, validate_path

    try:
        count, problems = validate_path(path)
        split_file = default_split_path(path)
        if split_file is not None and not problems:
            problems += split_problems(read_records(path), read_split(split_file), str(split_file))
    except LawieError as error:
        _err(str(error))
        raise typer.Exit(2)
    for problem in problems:
        _err(str(problem))
    if problems:
        _err(f"{len(problems)} problem(s) in {count} report(s)")
        raise typer.Exit(1)
    typer.echo(f"{count} report(s): valid")


@corpus_app.command("import")
def corpus_import(
    export: Path = typer.Argument(..., help="An annotation tool's export (JSON or JSONL)."),
    fmt: str = typer.Option(..., "--format", "-f", help="labelstudio, doccano or prodigy."),
    corpus: Path = typer.Option(Path("corpus/annotations"), "--corpus", help="The corpus folder to write into."),
) -> None:
    """Bring corrected annotations into the corpus (validated; re-importing a report replaces it)."""
    from .annotation import import_records, write_records

    try:
        records = import_records(export, fmt)
        written = write_records(records, corpus)
    except (LawieError, ValueError) as error:
        _err(str(error))
        raise typer.Exit(1)
    for path in written:
        typer.echo(f"wrote {path}")


@corpus_app.command("stats")
def corpus_stats(
    path: Optional[Path] = typer.Argument(None, help="A corpus .jsonl file or folder (default: corpus/annotations)."),
    by: List[str] = typer.Option(["split", "level", "province"], "--by", help="Group by report, level, province or split (repeatable)."),
) -> None:
    """Counts of reports, characters, labels and roles, per split, level and province."""
    from .corpus import default_split_path, read_records, read_split, stats
    from .report import LABELS, ROLES

    try:
        records = read_records(path)
        split_file = default_split_path(path)
        split = read_split(split_file) if split_file is not None else None
        tables = [(key, stats(records, by=key, split=split)) for key in by]
    except LawieError as error:
        _err(str(error))
        raise typer.Exit(2)
    columns = ["reports", "chars"] + list(LABELS) + list(ROLES)
    for key, table in tables:
        typer.echo(f"\n| {key} | " + " | ".join(columns) + " |")
        typer.echo("|" + " --- |" * (len(columns) + 1))
        for name, row in table.items():
            typer.echo(f"| {name} | " + " | ".join(str(row[c]) for c in columns) + " |")


@app.command()
def annotate(
    inputs: List[str] = typer.Argument(None, help="Files, folders or glob patterns of reports."),
    fmt: str = typer.Option("labelstudio", "--format", "-f", help="labelstudio, doccano or prodigy."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Where to write the tasks (JSON for Label Studio, else JSONL)."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Model directory, or 'rules' (default: the packaged model)."),
    config: bool = typer.Option(False, "--config", help="Print the Label Studio labelling config (XML) and stop."),
) -> None:
    """Pre-annotate reports with lawie's predictions, in an annotation tool's import format."""
    import json

    from .annotation import FORMATS, export_tasks, labelstudio_config, record_from_report, report_ids
    from .batch import gather_inputs
    from .extractor import Extractor
    from .io import read_file

    if config:
        typer.echo(labelstudio_config(), nl=False)
        return
    if fmt not in FORMATS:
        _err(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if not inputs or output is None:
        _err("Give the reports to pre-annotate and -o OUT.")
        raise typer.Exit(2)
    found = gather_inputs(inputs, exclude=[output])
    paths, missing = found.files, found.errors
    for record in missing:
        _err(f"error: {record['source']['path']}: {record['error']}")
    if found.skipped:
        _err(_skipped_summary(found.skipped))
    extractor = Extractor(model)
    records = []
    for path, report_id in zip(paths, report_ids(paths)):
        try:
            document = read_file(path)
        except LawieError as error:
            _err(f"error: {error}")
            missing.append({"source": {"path": str(path)}, "error": str(error)})
            continue
        records.append(record_from_report(report_id, extractor.extract(document.text), str(path)))
    tasks = export_tasks(records, fmt, model=extractor.model_name)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8") as handle:
        if fmt == "labelstudio":
            json.dump(tasks, handle, ensure_ascii=False, indent=1)
        else:
            for task in tasks:
                handle.write(json.dumps(task, ensure_ascii=False) + "\n")
    if fmt == "labelstudio":
        config_path = output.with_name(output.stem + ".labelconfig.xml")
        config_path.write_text(labelstudio_config(), encoding="utf-8")
        _err(f"wrote {len(tasks)} task(s) to {output} and the labelling config to {config_path}")
    else:
        _err(f"wrote {len(tasks)} task(s) to {output}")
    raise typer.Exit(1 if missing else 0)


@app.command()
def show(
    input_path: Path = typer.Argument(..., metavar="INPUT", help="A report file (.txt, .html, .docx, .pdf), a folder of reports, or a per-report table (.csv, .parquet)."),
    output: Path = typer.Option(..., "-o", "--output", help="The HTML page to write."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Model directory, or 'rules'."),
) -> None:
    """Write one self-contained HTML page: of a report (entities, item roles, quantities), or of a
    folder or per-report table (compliance per report, items per role and specificity by level)."""
    from .extractor import Extractor
    from .io import read_file
    from .show import render_html

    if input_path.is_dir() or input_path.suffix.lower() in (".csv", ".parquet"):
        _show_many(input_path, output, model)
        return
    try:
        document = read_file(input_path)
        report = Extractor(model).extract(document.text)
    except LawieError as error:
        _err(str(error))
        raise typer.Exit(1)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_html(report, title=input_path.name), encoding="utf-8")
    _err(f"wrote {output} ({len(report.items)} items, {len(report.entities)} entities)")


def _show_many(input_path: Path, output: Path, model: Optional[str]) -> None:
    from .batch import gather_inputs, iter_records
    from .overview import read_report_rows, render_overview
    from .rows import REPORT_FIELDS, report_row

    try:
        if input_path.is_dir():
            found = gather_inputs([str(input_path)], exclude=[output])
            paths, missing = found.files, found.errors
            records = missing + [finished.record for finished in iter_records(paths, model=model)]
            rows = [
                {f: None for f in REPORT_FIELDS} | {"source": r["source"]["path"], "error": r["error"]} if "error" in r else report_row(r)
                for r in records
            ]
        else:
            rows = read_report_rows(input_path)
    except (LawieError, OSError) as error:
        _err(str(error))
        raise typer.Exit(1)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_overview(rows, title=input_path.name), encoding="utf-8")
    _err(f"wrote {output} ({len(rows)} reports)")


@app.command()
def train(
    output: Path = typer.Option(Path("training/output/model"), "-o", "--output", help="Model directory to write."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="Corpus folder (default: corpus/annotations)."),
    ner_config: Optional[str] = typer.Option(None, "--config", help="The entity pipeline's spaCy config (default: configs/ner_rulefeats.cfg)."),
    roles_config: Optional[str] = typer.Option(None, "--roles-config", help="The role classifier's spaCy config (default: configs/roles.cfg)."),
    seed: int = typer.Option(42, "--seed"),
    ner: bool = typer.Option(True, "--ner/--no-ner", help="Train and cross-validate an NER for ORG and INITIATIVE (--no-ner: names from the rules only; the role classifier is still trained)."),
    quotes: bool = typer.Option(True, "--quotes/--no-quotes", help="Ship the quote model that decides which quoted phrases name programmes (--no-quotes: the rules decide)."),
    measures: bool = typer.Option(True, "--measures/--no-measures", help="Ship the measure model that reads what each number measures (--no-measures: the hand-written reader does)."),
    ship: bool = typer.Option(False, "--ship", help="Also replace the model packaged in lawie/model."),
) -> None:
    """Train the model from the corpus: cross-validate over the trained-on reports (train, dev and the spent test splits; folds of the split), train on them, write the model."""
    from .corpus import training_records
    from .training import Design, build_model, cross_validate
    from .scoring import format_span_table

    started = time.perf_counter()
    say = lambda message: _err(f"[{time.perf_counter() - started:6.0f}s] {message}")  # noqa: E731
    try:
        records, folds = training_records(corpus)
    except LawieError as error:
        _err(str(error))
        raise typer.Exit(2)
    from .training import DEFAULT_DESIGN

    design = Design(
        ner_labels=DEFAULT_DESIGN.ner_labels if ner else (),
        ner_config=ner_config or DEFAULT_DESIGN.ner_config,
        roles_config=roles_config or DEFAULT_DESIGN.roles_config,
        seed=seed,
        quote_judge=quotes,
        measure_model=measures,
    )
    scheme = f"{len(folds)} folds grouped by province" if folds else "leave one report out"
    say(f"{len(records)} reports (train, dev and the spent test splits; the held-out split is never trained on); {scheme}; design {design.to_dict()}")
    try:
        cv = cross_validate(records, design, folds=folds, progress=say)
    except ValueError as error:  # folds the design cannot use (too few reports)
        _err(f"cannot cross-validate {len(records)} report(s): {error}")
        raise typer.Exit(2)
    for name, table in cv["entities"].items():
        _err(format_span_table(table, name))
    for name, score in cv["roles"].items():
        _err(f"roles: {name}: accuracy {score['accuracy']:.3f}")
    if cv.get("measures"):
        m = cv["measures"]
        _err(f"measures, exact: model {m['model']:.3f} out of fold; hand-written reader {m['rules']:.3f} (in-sample) over {m['n']} numbers")
    model_dir = build_model(records, output, design, cv=cv, progress=say)
    if ship:
        import shutil

        from .model import PACKAGED_MODEL

        target = Path(__file__).resolve().parent / PACKAGED_MODEL
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(model_dir, target)
        say(f"shipped to {target}")
    say("done")


@app.command()
def evaluate(
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Model directory (default: the packaged model)."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="Corpus folder (default: corpus/annotations)."),
    split: List[str] = typer.Option([], "--split", help="Score these splits (train, dev, test, test2, test3, test4, test5, test6, test7, test8; repeatable). Default: every report but the held-out test8, which is for final figures only."),
    cv: bool = typer.Option(False, "--cv", help="Cross-validate the model's design over the trained-on reports (folds of the split)."),
) -> None:
    """Per-label P/R/F1 and item-role accuracy of a model on the corpus."""
    from .corpus import HELD_OUT, SPLITS, default_split_path, read_records, read_split, select, training_records
    from .evaluation import evaluate_model

    if cv and split:
        _err("--cv cross-validates over the trained-on reports; it takes no --split")
        raise typer.Exit(2)
    try:
        if cv:
            records, folds = training_records(corpus)
        else:
            records, folds = read_records(corpus), None
            split_file = default_split_path(corpus)
            if split and split_file is None:
                raise CorpusError("--split needs a corpus folder named annotations with splits.tsv beside it")
            if split_file is not None:  # the held-out split only when asked for by name
                records = select(records, split or [s for s in SPLITS if s not in HELD_OUT], read_split(split_file))
        typer.echo(evaluate_model(records, model=model, cv=cv, folds=folds, progress=_err))
    except LawieError as error:
        _err(str(error))
        raise typer.Exit(2)


def main() -> None:
    """Entry point of the `lawie` console script."""
    app()


if __name__ == "__main__":
    main()
