"""Find the article inside a scraped page: web debris is left out of the passages.

Cleaning never rewrites the text; it returns spans of it. The cues are layout (short lines,
truncated teasers, where a block sits) and wording (plug, credit, prompt and bio phrasing),
never the lines of particular articles.
"""
from __future__ import annotations

import re

from .records import Document, Passage
from .rules import folded
from .segment import lines, sentences, words

# a line that opens a block of other stories or of reader comments: everything after it is debris
_BLOCK_HEADER = folded(
    r"^(more like this|related( stories| articles| posts| reading| news)?|you (may|might) also like"
    r"|recommended( for you| stories| reading)?|trending( now| stories)?|popular( now| stories)?"
    r"|more (stories|from|news)\b.*|latest( news| stories)?|also on .*|comments?\s*\(?\d*\)?|\d+ comments?|reader comments"
    r"|there (are|is) (\d+|no) comments?|leave a (reply|comment)|join the (discussion|conversation)"
    r"|please enter your comment!?|add yours|have your say.*)\W*$")
# link plugs, credits, share and comment prompts: one line each
_PLUG = folded(
    r"^\W{0,3}(read (more|also|next)|more|see also|also read|related|recommended|watch|listen"
    r"|check out|don't miss|do not miss|trending|must read|up next|next)\s*[:|–—-]\s*\S")
_CREDIT = folded(
    r"^\W{0,3}(photo|image|picture|video|credit|credits|source|courtesy|via|photo credit|image credit"
    r"|featured image|header image)s?\s*[:|–—-]|\b(getty images|shutterstock)\b\W*$|^©")
_PROMPT = folded(
    r"\b(share (this|on)|please enter your (comment|name)|leave a (comment|reply)|let us know"
    r"|in the comments|comment below|sign up (for|to)|subscribe (to|for|now)|follow us on"
    r"|got a tip|click here|tap here|what do you (make of|think)|are you looking forward"
    r"|tell us (what|in)|join the conversation|advertisement|newsletter|have your say"
    r"|read more of\b|more articles? (by|from)\b|wherever you get your podcasts)")
# "Spooky: The best haunted house films", "Chills! Best ghost stories"
_LISTICLE = folded(
    r"^[^.]{1,45}?[:!?]\s*(the |our )?(best|top|greatest|worst|scariest|every|all the|\d+ (best|great))\b")
# self-promotion inside a paragraph: "check out our ... guide", "we have guides on ..."
_PROMO = folded(
    r"\b((check out|take a look at|have a look at|see|read|head to|explore) our\b"
    r"|we (also )?have (guides?|explainers?|a guide|lists?|rankings?) (on|to|for)"
    r"|our guides? (on|to)\b)")
_BIO = folded(
    r"\b(is|was|has been) an? ([\w()/,-]+ ){0,6}(writer|reporter|journalist|editor|contributor|enthusiast"
    r"|author|freelancer|critic|blogger)\b|\b(he|she|they) (loves?|enjoys?|covers?|lives?)\b|"
    r"^[A-Z][\w'-]+(?: [A-Z][\w'-]+){1,2} (writes|reports|covers) (about|on|for)\b")
# "By Jane Doe", "Words: Jane Doe", "Written by Jane Doe | 5 min read"
_BYLINE = folded(r"^(by|words|words by|written by|story by|author|reporting by|text)\s*[:|]?\s+[A-Z][\w'.-]+(\s+[A-Z][\w'.-]+){0,3}"
                     r"(\s*[|·,].{0,40})?$")
_TEASER_END = re.compile(r"(\.\.\.|…)\s*$")
_BULLET = re.compile(r"^\s*([•·▪*–—-]|\d{1,2}[.)])\s+")


def clean(doc: Document) -> list[Passage]:
    """The passages of `doc` that are article text, in order."""
    text = doc.text
    spans = lines(text)
    keep = [True] * len(spans)
    for i, (s, e) in enumerate(spans):
        line = text[s:e]
        if _BLOCK_HEADER.match(_strip_bullet(line)) and i > len(spans) // 3:
            for j in range(i, len(spans)):
                keep[j] = False
            break
        if _is_debris_line(line):
            keep[i] = False
        elif _looks_like_byline_name(line) and i + 1 < len(spans) and _BIO.search(text[slice(*spans[i + 1])]):
            keep[i] = keep[i + 1] = False
    _trim_tail(text, spans, keep)
    passages = []
    for (s, e), k in zip(spans, keep):
        if not k:
            continue
        kind = _kind(text[s:e])
        for ps, pe in _drop_promo_sentences(text, s, e):
            passages.append(Passage(ps, pe, kind))
    return passages


def _strip_bullet(line: str) -> str:
    return _BULLET.sub("", line).strip()


def _is_debris_line(line: str) -> bool:
    bare = _strip_bullet(line)
    n = len(words(bare))
    if n > 80:
        return False  # every rule below is about short lines
    if n > 30:  # prose: only an author's bio can hide here
        return bool(_BIO.search(bare) and re.search(r"\b(he|she|they)\b", bare, re.I)
                    and not re.search(r"\b(season|series|show|film)\b", bare, re.I))
    if _PLUG.match(bare) or _CREDIT.search(bare) and n <= 12:
        return True
    if _PROMPT.search(bare) and n <= 30:
        return True
    if _LISTICLE.match(bare) and n <= 10 and not bare.endswith("."):
        return True
    if _TEASER_END.search(bare) and n <= 30:
        return True
    if _BYLINE.match(bare) and n <= 12:
        return True
    if _BIO.search(bare) and re.search(r"\b(he|she|they)\b", bare, re.I) and n <= 80 and not re.search(r"\b(season|series|show|film)\b", bare, re.I):
        return True
    return False


def _looks_like_byline_name(line: str) -> bool:
    ws = line.split()
    return 2 <= len(ws) <= 3 and all(w[:1].isupper() and w.isalpha() for w in ws)


def _trim_tail(text: str, spans: list[tuple[int, int]], keep: list[bool]) -> None:
    """Drop trailing lines that are not article prose: short label lines and teasers after the
    last real paragraph (author boxes, "Got a tip?", story cards about other subjects)."""
    for i in range(len(spans) - 1, -1, -1):
        if not keep[i]:
            continue
        line = text[slice(*spans[i])]
        n = len(words(line))
        prose = n >= 4 and re.search(r"[.!?\"”’)]\s*$", line)
        if prose and not _TEASER_END.search(line):
            break
        sents = sentences(text, *spans[i]) if n >= 12 else []
        if n > 30 or len(sents) > 1:  # a paragraph (or a whole article flattened onto one line)
            if len(sents) > 1 and _TEASER_END.search(line):
                spans[i] = (spans[i][0], sents[-2][1])  # a teaser: only its truncated last sentence goes
            break  # a page saved cut off mid-sentence keeps what it says
        if n >= 6 and line.rstrip().endswith("?") and i > 0:
            break  # an FAQ question near the end is article text
        if n >= 12 and spans[i][1] >= len(text.rstrip()) and _prose_words(line):
            # the text itself stops mid-sentence (a saved opening): keep its sentence up to the
            # last whole clause, never a cut-off word or name
            cut = max(line.rfind(";"), line.rfind(","), line.rfind(")"))
            if cut > 0:
                spans[i] = (spans[i][0], spans[i][0] + cut + (line[cut] == ")"))
            break
        keep[i] = False


def _prose_words(line: str) -> bool:
    """Mostly lower-case words, as a sentence has (a tag list or a row of links has few)."""
    ws = words(line)
    return sum(w[:1].islower() for w in ws) >= 0.25 * len(ws)


def _kind(line: str) -> str:
    if _BULLET.match(line):
        return "list_item"
    stripped = line.strip()
    if stripped.endswith("?"):
        return "question"
    n = len(words(stripped))
    if n <= 14 and not re.search(r"[.!\"”]\s*$", stripped):
        return "heading"
    return "paragraph"


def _drop_promo_sentences(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Split a kept line around self-promotion sentences."""
    if not _is_promo(text[s:e]):  # most lines: no sentence to look at
        return [(s, e)]
    sents = sentences(text, s, e)
    if not any(_is_promo(text[a:b]) for a, b in sents):
        return [(s, e)]
    out: list[tuple[int, int]] = []
    for a, b in sents:
        if _is_promo(text[a:b]):
            continue
        if out and text[out[-1][1]:a].strip() == "":
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _is_promo(sentence: str) -> bool:
    return bool(_PROMO.search(sentence) or _PROMPT.search(sentence))
