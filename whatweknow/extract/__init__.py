"""Claims from one document: each slot module reads the sentences and returns `Claim`s.

Everything here depends on the document alone, so it can run on any worker."""
from __future__ import annotations

from ..annotate import sentences as split_sentences
from ..records import Claim, Document, Passage, Sentence
from ..titles import Subject
from . import people, release, source, status
from .context import Ctx, claimable, off_topic_sections

__all__ = ["Ctx", "claimable", "extract"]

EXTRACTORS = (release, status, source, people)


def extract(doc: Document, passages: list[Passage], subject: Subject, ref: str | None,
            published: str | None, sentences: list[Sentence] | None = None) -> tuple[list[Claim], list[tuple[str, str]]]:
    ctx = Ctx(doc, passages, sentences if sentences is not None else split_sentences(doc, passages), subject, ref,
              published)
    ctx.off_topic = off_topic_sections(doc, passages, subject)
    for module in EXTRACTORS:
        module.extract(ctx)
    return ctx.claims, ctx.links
