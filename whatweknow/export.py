"""The sheet as JSON (the `whatweknow.factsheet/1` contract) and as Markdown."""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from .records import Document, Fact, Work
from .slots import SLOTS, describe as describe_fields
from .store import Store

SCHEMA = "whatweknow.factsheet/1"


def document_json(d: Document, with_text: bool = False) -> dict:
    out = {"id": d.id, "published": d.published,
           "published_range": list(d.published_range) if d.published_range else None,
           "title": d.title, "url": d.url, "language": d.language, "status": d.status, "source": d.source}
    if d.range_from:
        out["range_from"] = d.range_from  # its own text gives no date: other articles place it
    if d.reason:
        out["reason"] = d.reason
    if with_text or (d.status == "ok" and not _file_is_text(d)):
        out["text"] = d.text  # offsets index this text: a reader of the file alone could not check them
    return out


def _file_is_text(d: Document) -> bool:
    """Whether the source file, read as UTF-8, is the stored text (not so for HTML, JSONL lines,
    stdin or text in another encoding)."""
    path = Path(d.source)
    if path.suffix.lower() not in (".txt", ".md", ".text", ".markdown") or not path.is_file():
        return False
    try:
        return path.read_bytes().decode("utf-8", errors="replace") == d.text
    except OSError:
        return False


def fact_json(f: Fact) -> dict:
    return {"slot": f.slot, **SLOTS[f.slot].exported(f.fields), "status": f.status, "certainty": f.certainty, "sources": f.sources,
            "evidence": [asdict(e) for e in f.evidence]}


def work_json(w: Work) -> dict:
    return {"title": w.title, "aliases": w.aliases, "season": w.season,
            "people": [{"name": p.name, "aliases": p.aliases} for p in w.people],
            "characters": [{"name": c.name, "aliases": c.aliases} for c in w.characters],
            "facts": [fact_json(f) for f in w.facts], "timeline": w.timeline}


def sheet(store: Store, with_text: bool = False) -> dict:
    return {"schema": SCHEMA, "as_of": store.as_of(),
            "documents": [document_json(d, with_text) for d in store.documents(with_text=True, placed=True)],
            "works": [work_json(w) for w in store.works()]}


def describe(f: Fact) -> str:
    """One line of plain words for a fact (the slot registry says how)."""
    return describe_fields(f.slot, f.fields)


def markdown(data: dict) -> str:
    lines = [f"# What we know (as of {data.get('as_of') or 'unknown'})", ""]
    for w in data["works"]:
        season = f", season {w['season']}" if w.get("season") else ""
        lines += [f"## {w['title']}{season}", ""]
        if w["aliases"]:
            lines += [f"Also written: {', '.join(w['aliases'])}", ""]
        for f in w["facts"]:
            fields = {k: v for k, v in f.items() if k in _field_names(f["slot"])}
            ev = f["evidence"][0]
            lines.append(f"- **{f['slot']}**: {describe_fields(f['slot'], fields)} — {f['status']}, {f['certainty']}, "
                         f"{f.get('sources', 1)} source(s). “{ev['quote']}” ({ev['doc']}, {ev.get('published') or 'undated'})")
        lines.append("")
    lines += ["## Sources", ""]
    for d in data["documents"]:
        when = d.get("published") or ("~" + "…".join(d["published_range"]) if d.get("published_range") else "undated")
        lines.append(f"- {d['id']} ({when}): {d['status']}" + (f" — {d['reason']}" if d.get("reason") else ""))
    return "\n".join(lines) + "\n"


def _field_names(slot: str) -> tuple[str, ...]:
    return tuple(SLOTS[slot].fields.__dataclass_fields__)
