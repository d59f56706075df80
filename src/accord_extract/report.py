"""Views of records and evaluation reports: rich tables for terminals, displaCy HTML for people."""

from __future__ import annotations

import html

from rich.console import Console
from rich.table import Table

LABELS = {"persons": "PER", "organizations": "ORG", "locations": "LOC", "dates": "DATE", "sectors": "SECTOR"}
COLORS = {
    "PER": "#aa9cfc",
    "ORG": "#7aecec",
    "LOC": "#feca74",
    "DATE": "#bfe1d9",
    "SECTOR": "#e4e7d2",
    "MISS": "#ff8a80",
    "FP": "#ffd54f",
}


def print_report(report: dict, console: Console | None = None, errors: bool = True) -> None:
    console = console or Console()
    held = report.get("kept_aside")
    title = f"accord-extract evaluation — micro-F1 {report['micro_f1']:.3f}"
    if held:
        title += f" (kept aside, {held['n_documents']} documents in {held['folder']}: {held['micro_f1']:.3f})"
    table = Table(title=title)
    for column in ("field", "P", "R", "F1", "tp", "fp", "fn", *(("kept-aside F1",) if held else ())):
        table.add_column(column, justify="left" if column == "field" else "right")
    for name, s in report["fields"].items():
        extra = (f"{held['fields'][name]['f1']:.3f}",) if held else ()
        table.add_row(
            name,
            f"{s['p']:.3f}",
            f"{s['r']:.3f}",
            f"{s['f1']:.3f}",
            str(s["tp"]),
            str(s["fp"]),
            str(s["fn"]),
            *extra,
        )
    m = report["micro"]
    table.add_row(
        "[bold]micro[/bold]",
        f"{m['p']:.3f}",
        f"{m['r']:.3f}",
        f"[bold]{m['f1']:.3f}[/bold]",
        str(m["tp"]),
        str(m["fp"]),
        str(m["fn"]),
        *((f"[bold]{held['micro_f1']:.3f}[/bold]",) if held else ()),
    )
    console.print(table)
    mentions = Table(title="mentions (nervaluate schemes)")
    for column in ("scheme", "P", "R", "F1"):
        mentions.add_column(column)
    for scheme, s in report["mentions"].items():
        mentions.add_row(scheme, f"{s['p']:.3f}", f"{s['r']:.3f}", f"{s['f1']:.3f}")
    console.print(mentions)
    docs = Table(title="per document")
    for column in ("document", "micro-F1", "tp", "fp", "fn"):
        docs.add_column(column, justify="left" if column == "document" else "right")
    for doc in report["documents"]:
        docs.add_row(
            doc["id"],
            f"{doc['micro_f1']:.3f}",
            str(doc["micro"]["tp"]),
            str(doc["micro"]["fp"]),
            str(doc["micro"]["fn"]),
        )
    console.print(docs)
    if not errors:
        return
    for doc in report["documents"]:
        lines = []
        for name, s in doc["fields"].items():
            lines += [f"  [yellow]FP[/yellow] {name}: {x}" for x in s["false_positives"]]
            lines += [f"  [red]MISS[/red] {name}: {x}" for x in s["misses"]]
        if lines:
            console.print(f"[bold]{doc['id']}[/bold]")
            for line in lines:
                console.print(line, highlight=False, markup=True)


def print_register_report(report: dict, console: Console | None = None) -> None:
    """The scores of `evaluate-register`, then every split and merged cluster."""
    console = console or Console()
    table = Table(title="accord-extract register evaluation")
    for column in ("clusters of", "measure", "P", "R", "F1", "items", "gold", "predicted"):
        table.add_column(column, justify="left" if column in ("clusters of", "measure") else "right")
    for name in ("agreements", "events"):
        part = report[name]
        for measure in ("pairwise", "bcubed"):
            s = part[measure]
            table.add_row(
                name,
                "B-cubed" if measure == "bcubed" else measure,
                f"{s['p']:.3f}",
                f"{s['r']:.3f}",
                f"{s['f1']:.3f}",
                str(part["items"]),
                str(part["gold_clusters"]),
                str(part["predicted_clusters"]),
            )
    console.print(table)
    alignment = report["alignment"]
    console.print(
        f"reports: {alignment['found']} of {alignment['gold_reports']} gold agreement reports found by the extraction;"
        f" {len(alignment['unaligned_predictions'])} predicted reports without a gold counterpart",
        highlight=False,
    )
    for name in ("agreements", "events"):
        for split in report[name]["errors"]["split"]:
            parts = " | ".join(", ".join(p) for p in split["parts"])
            console.print(f"  [red]SPLIT[/red] {name} {split['gold']}: {parts}", highlight=False)
        for merged in report[name]["errors"]["merged"]:
            console.print(
                f"  [yellow]MERGED[/yellow] {name} {', '.join(merged['gold'])}: {', '.join(merged['items'])}",
                highlight=False,
            )


def _ents(record: dict, text_len: int, extra: list[dict] | None = None) -> list[dict]:
    ents = []
    for group, label in LABELS.items():
        for item in record.get(group, []):
            for m in item.get("mentions", []):
                if 0 <= m["start"] < m["end"] <= text_len:
                    ents.append({"start": m["start"], "end": m["end"], "label": label})
    ents += extra or []
    ents.sort(key=lambda e: (e["start"], -e["end"]))
    kept, last_end = [], -1
    for ent in ents:  # displaCy needs non-overlapping spans
        if ent["start"] >= last_end:
            kept.append(ent)
            last_end = ent["end"]
    return kept


def render_record(text: str, record: dict, title: str | None = None) -> str:
    """One article with its extracted entities highlighted (displaCy's entity renderer)."""
    from spacy import displacy

    parsed = {"text": text, "ents": _ents(record, len(text)), "title": title or record["document"]["id"]}
    body = displacy.render(parsed, style="ent", manual=True, page=False, options={"colors": COLORS})
    return _page(title or record["document"]["id"], body + _agreements_table(record))


def render_report(report: dict, texts: dict[str, str]) -> str:
    """Each article with predicted and gold entities side by side; misses and false positives marked."""
    from spacy import displacy

    sections = [
        f"<h1>accord-extract evaluation — micro-F1 {report['micro_f1']:.3f}</h1>",
        _fields_table(report),
    ]
    for doc in report["documents"]:
        text = texts.get(doc["id"], "")
        pred, gold = doc["record"], doc["gold"]
        pred_spans = {(e["start"], e["end"], e["label"]) for e in _ents(pred, len(text))}
        gold_spans = {(e["start"], e["end"], e["label"]) for e in _ents(gold, len(text))}
        pred_view = [
            {"start": s, "end": e, "label": lab if (s, e, lab) in gold_spans else "FP"}
            for s, e, lab in pred_spans
        ]
        gold_view = [
            {"start": s, "end": e, "label": lab if (s, e, lab) in pred_spans else "MISS"}
            for s, e, lab in gold_spans
        ]
        columns = []
        for heading, ents in (("predicted", pred_view), ("gold", gold_view)):
            ents = _ents({}, len(text), ents)
            rendered = displacy.render(
                {"text": text, "ents": ents}, style="ent", manual=True, page=False, options={"colors": COLORS}
            )
            columns.append(f"<div class='col'><h3>{heading}</h3>{rendered}</div>")
        errors = []
        for name, s in doc["fields"].items():
            errors += [
                f"<li class='fp'>FP {html.escape(name)}: {html.escape(str(x))}</li>"
                for x in s["false_positives"]
            ]
            errors += [
                f"<li class='miss'>MISS {html.escape(name)}: {html.escape(str(x))}</li>" for x in s["misses"]
            ]
        sections.append(
            f"<section><h2>{html.escape(doc['id'])} — micro-F1 {doc['micro_f1']:.3f}</h2>"
            f"<div class='row'>{''.join(columns)}</div><ul>{''.join(errors)}</ul></section>"
        )
    return _page("accord-extract evaluation", "".join(sections))


def _fields_table(report: dict) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(k)}</td><td>{v['p']:.3f}</td><td>{v['r']:.3f}</td><td>{v['f1']:.3f}</td>"
        f"<td>{v['tp']}</td><td>{v['fp']}</td><td>{v['fn']}</td></tr>"
        for k, v in report["fields"].items()
    )
    return f"<table><tr><th>field</th><th>P</th><th>R</th><th>F1</th><th>tp</th><th>fp</th><th>fn</th></tr>{rows}</table>"


def _agreements_table(record: dict) -> str:
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(a.get(k) if not isinstance(a.get(k), list) else ', '.join(a.get(k))))}</td>"
            for k in ("ordinal", "instrument", "title", "parties", "signatories", "date", "place", "sectors")
        )
        + "</tr>"
        for a in record.get("agreements", [])
    )
    head = "".join(
        f"<th>{k}</th>"
        for k in ("#", "instrument", "title", "parties", "signatories", "date", "place", "sectors")
    )
    return f"<h2>Agreements</h2><table><tr>{head}</tr>{rows}</table>"


def _page(title: str, body: str) -> str:
    return f"""<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif;margin:1.5em}} .row{{display:flex;gap:1.5em}} .col{{flex:1;min-width:0}}
table{{border-collapse:collapse;margin:1em 0}} td,th{{border:1px solid #ccc;padding:.25em .5em;font-size:90%}}
li.fp{{color:#8a6d00}} li.miss{{color:#b00020}}</style></head><body>{body}</body></html>"""
