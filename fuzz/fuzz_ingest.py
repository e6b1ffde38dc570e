#!/usr/bin/env python3
"""Fuzz target: arbitrary bytes through ingest (decode, HTML, JSONL, stdin sniffing) and then
`pipeline.process`, the per-document stages. Neither may raise, and what they return must keep
the store's promises (offsets inside the stored text, a status and a reason).

    python fuzz/fuzz_ingest.py -atheris_runs=2000          # a quick run
    python fuzz/fuzz_ingest.py -max_total_time=600 corpus/  # longer, keeping a corpus

See fuzz/README.md.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["whatweknow"]):
    from whatweknow import ingest
    from whatweknow.pipeline import process
    from whatweknow.records import STATUSES

SUFFIXES = [".txt", ".html", ".jsonl", ".md", ".htm"]
MAX_BYTES = 200_000
_TMP = Path(tempfile.mkdtemp(prefix="wwk-fuzz-"))


def check(doc) -> None:
    assert doc.status in STATUSES, doc.status
    if doc.status != "ok":
        assert doc.reason, f"{doc.status} without a reason"
        return
    assert doc.text.strip(), "an ok document without text"
    result = process(doc)
    d = result.document
    assert d.status in STATUSES and (d.status == "ok" or d.reason), (d.status, d.reason)
    for p in result.passages:
        assert 0 <= p.start <= p.end <= len(d.text), (p, len(d.text))
    for c in result.claims:
        assert 0 <= c.start <= c.end <= len(d.text), c
        assert d.text[c.start:c.end] == c.quote, c


def TestOneInput(data: bytes) -> None:
    if not data:
        return
    how, payload = data[0] % (len(SUFFIXES) + 1), data[1:]  # the last kind: stdin bytes, sniffed
    if how == len(SUFFIXES):
        docs = ingest._from_bytes(payload, None, "<stdin>", MAX_BYTES, sniff=True)
    else:
        path = _TMP / f"input{SUFFIXES[how]}"
        path.write_bytes(payload)
        docs = ingest.load(path, MAX_BYTES)
    assert docs, "an input produced no document at all"
    for doc in docs[:5]:
        check(doc)


def seed(folder: Path) -> None:
    """Fill an empty corpus folder with real inputs: the test fixtures and generated articles,
    each under every kind, so mutations start from article text rather than from noise."""
    root = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
    samples = [p.read_bytes() for p in sorted((root / "bad").glob("*")) if p.is_file()]
    sys.path.insert(0, str(root))
    try:
        import make_bad
        samples += [make_bad.article(i).encode() for i in range(3)]
        samples.append(b"\n".join(b'{"id": "s%d", "text": %s}' % (i, repr(make_bad.article(i)).replace("'", '"').encode())
                                  for i in range(2)))
    except Exception:  # noqa: BLE001 - seeds are a convenience
        pass
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for data in samples:
        for kind in range(len(SUFFIXES) + 1):
            (folder / f"seed-{n:04d}").write_bytes(bytes([kind]) + data[:MAX_BYTES])
            n += 1


def main() -> None:
    corpora = [Path(a) for a in sys.argv[1:] if not a.startswith("-")]
    if corpora and (not corpora[0].exists() or corpora[0].is_dir() and not any(corpora[0].iterdir())):
        seed(corpora[0])  # (a file argument is an input to re-run, e.g. a crash to reproduce)
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
