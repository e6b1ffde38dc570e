"""Generate a benchmark corpus from the example articles: `generate.py OUT_DIR --n 1000 --seed 0`.

Every article is an example article with its show titles, people, dates and season number
substituted, so it still reads like an article. Shows get 5-20 articles each; cast, crew and
dates stay consistent within a show, while bylines, commenters and "related stories" people
change per article (so reprints of one example differ). A few articles are written as HTML
and a handful go into one JSONL file. Deterministic for a seed."""
from __future__ import annotations

import argparse
import calendar
import html
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

from wordlists import (ADJ, FAMILIES, FIRST_F, FIRST_M, KO_NOT_ALONE, KO_ORIG_SURNAMES, KO_SURNAME_VARIANTS,
                       KO_SURNAMES, KO_SYLLABLES, KO_WORDS, LAST, LONG_SHORT, NOUN, ORIG_FEMALE, ORIG_MALE,
                       SIDE_TITLES, STAGE_NAMES, WEST_CAST, WEST_DEBRIS)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MONTHS = list(calendar.month_name)[1:]
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
DATES = re.compile(rf"\b(?P<m1>{_MON}) (?P<d1>\d{{1,2}}), (?P<y1>\d{{4}})\b"
                   rf"|\b(?:(?P<wd>Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?(?P<d2>\d{{1,2}}) (?P<m2>{_MON}) (?P<y2>\d{{4}})\b"
                   r"|\b(?P<iso>\d{4}-\d{2}-\d{2})\b|\b(?P<year>19[5-9]\d|20\d\d)\b")
ORDINALS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
SEASONS = re.compile(r"\b(?P<s>[Ss]eason) (?:(?P<n>\d)|(?P<w>one|two|three|four|five))\b"
                     r"|\b(?P<o>[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]ifth)(?=[ -](?:season|run)\b| in [A-Z]| asks)")
_by_len = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
_LITERAL = SIDE_TITLES + [t for pair in FAMILIES.values() for t in pair] + WEST_CAST + WEST_DEBRIS + list(STAGE_NAMES)
NAMES = re.compile(rf"(?<![\w-])(?:(?P<lit>{_by_len(_LITERAL)})|(?P<s>{_by_len(KO_ORIG_SURNAMES)}) "
                   rf"(?P<g>[A-Z][a-z]+-[a-z]+)|(?P<g2>[A-Z][a-z]+-[a-z]+)"
                   rf"|(?P<s2>{_by_len(KO_ORIG_SURNAMES - KO_NOT_ALONE)}))(?![\w-])")


def ko_key(given: str) -> str:
    """One key for every romanization of a Korean given name: Ji-hoon/Ji-hun, Min-kyu/Min-gyu."""
    return "-".join(re.sub(r"^k", "g", s).replace("eo", "u").replace("oo", "u") for s in given.lower().split("-"))


def name_pool(orig: str) -> list[str]:
    """Where a replacement for a Western name in the examples comes from."""
    return FIRST_F if orig in ORIG_FEMALE else FIRST_M if orig in ORIG_MALE else LAST


class Show:
    """One generated show: a fixed substitution for titles, cast, crew, dates and season."""

    def __init__(self, rng: random.Random, literal: dict[str, str], primary: dict[str, str]):
        self.rng, self.literal = rng, literal
        self.primary = primary  # given-name key -> the spelling the examples use first (others are variants)
        self.year_shift, self.day_shift, self.season_shift = rng.randint(-8, 4), rng.randint(-9, 9), rng.randint(0, 3)
        canonical = sorted({KO_SURNAME_VARIANTS.get(s, s) for s in KO_ORIG_SURNAMES})
        self.surnames = dict(zip(canonical, rng.sample(KO_SURNAMES, len(canonical))))
        self.given: dict[str, tuple[str, str]] = {}
        pools = {id(p): rng.sample(p, len(p)) for p in (FIRST_F, FIRST_M, LAST)}  # no repeats within a show
        long, short = rng.choice(LONG_SHORT)
        self.cast = {"Samuel": long, "Sam": short}
        for orig in WEST_CAST:
            self.cast.setdefault(orig, pools[id(name_pool(orig))].pop())

    def given_name(self, key: str) -> tuple[str, str]:
        while key not in self.given:
            a, b = self.rng.sample(KO_SYLLABLES, 2)
            pair = (f"{a[0].capitalize()}-{b[0]}", f"{a[1].capitalize()}-{b[1]}")
            if pair not in self.given.values():
                self.given[key] = pair
        return self.given[key]

    def render(self, text: str) -> str:
        names = {**self.literal, **self.cast, **{w: self.rng.choice(name_pool(w)) for w in WEST_DEBRIS}}
        text = NAMES.sub(lambda m: self.name(m, names), text)
        text = DATES.sub(self.shift_date, text)
        return SEASONS.sub(self.shift_season, text)

    def name(self, m: re.Match, names: dict[str, str]) -> str:
        if m["lit"] in STAGE_NAMES:
            return self.given_name(ko_key(STAGE_NAMES[m["lit"]]))[0].split("-")[1].capitalize()
        if m["lit"]:
            return names[m["lit"]]
        surname, given = m["s"] or m["s2"], m["g"] or m["g2"]
        if given and ko_key(given) not in self.primary:
            return m[0]  # a hyphenated word that is not a name from the examples
        out = []
        if surname:
            out.append(self.surnames[KO_SURNAME_VARIANTS.get(surname, surname)][surname in KO_SURNAME_VARIANTS])
        if given:
            out.append(self.given_name(ko_key(given))[self.primary[ko_key(given)] != given])
        return " ".join(out)

    def shift_date(self, m: re.Match) -> str:
        if m["year"]:
            return str(int(m["year"]) + self.year_shift)
        if m["iso"]:
            return self.moved(date.fromisoformat(m["iso"])).isoformat()
        month = m["m1"] or m["m2"]
        number = [name[:3] for name in MONTHS].index(month[:3]) + 1
        d = self.moved(date(int(m["y1"] or m["y2"]), number, int(m["d1"] or m["d2"])))
        full = MONTHS[d.month - 1]
        mon = full if month in MONTHS else full[:3] + ("." if month.endswith(".") else "")
        if m["m1"]:
            return f"{mon} {d.day}, {d.year}"
        return (d.strftime("%a ") if m["wd"] else "") + f"{d.day} {mon} {d.year}"

    def moved(self, d: date) -> date:
        try:
            d = d.replace(year=d.year + self.year_shift)
        except ValueError:  # February 29
            d = d.replace(year=d.year + self.year_shift, day=28)
        return d + timedelta(days=self.day_shift)

    def shift_season(self, m: re.Match) -> str:
        if m["o"]:
            new = ORDINALS[ORDINALS.index(m["o"].lower()) + self.season_shift]
            return new.capitalize() if m["o"][0].isupper() else new
        if m["n"]:
            return f"{m['s']} {int(m['n']) + self.season_shift}"
        return f"{m['s']} {NUMBERS[NUMBERS.index(m['w']) + self.season_shift]}"


def make_titles(rng: random.Random, count: int, western: bool) -> list[tuple[str, str]]:
    """(title, variant) pairs: a mistranslated adjective, or '&' for 'and'."""
    titles: dict[str, str] = {}
    tries = 0
    while len(titles) < count:
        tries += 1
        (adj, var), n1, n2 = rng.choice(ADJ), *rng.sample(NOUN, 2)
        the = "The " if rng.random() < 0.25 else ""
        if western and tries > 20 * count:  # two nouns run out near 10,000 articles: a third one
            n3 = rng.choice([n for n in NOUN if n not in (n1, n2)])
            titles.setdefault(f"{the}{n1} and {n2} {n3}", f"{the}{n1} & {n2} {n3}")
        elif western:
            titles.setdefault(f"{the}{n1} and {n2}", f"{the}{n1} & {n2}")
        else:
            tail = f" {n2}" if rng.random() < 0.3 else ""
            titles.setdefault(f"{the}{adj} {n1}{tail}", f"{the}{var} {n1}{tail}")
    return list(titles.items())


def show_sizes(rng: random.Random, n: int) -> list[int]:
    sizes: list[int] = []
    while sum(sizes) < n:
        sizes.append(rng.randint(5, 20))
    for i in reversed(range(len(sizes))):  # trim the overflow, keeping every show at 5 or more
        sizes[i] -= min(sum(sizes) - n, sizes[i] - 5)
    return sizes


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def to_html(text: str) -> str:
    head, rest = text.split("\n", 1)
    body = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in rest.split("\n\n") if p.strip())
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(head)}</title></head>\n"
            f"<body><nav><a href=\"/\">Home</a> | <a href=\"/tv\">TV</a></nav>\n<article><h1>{html.escape(head)}</h1>\n"
            f"{body}\n</article><footer><p>Example Media. All rights reserved.</p></footer></body></html>\n")


def generate(out: Path, n: int = 1000, seed: int = 0) -> list[Path]:
    rng = random.Random(seed)
    templates = {fam: sorted((EXAMPLES / fam).glob("*.txt")) for fam in FAMILIES}
    primary: dict[str, str] = {}
    for path in [p for fam in FAMILIES for p in templates[fam]]:
        for m in NAMES.finditer(path.read_text(encoding="utf-8")):
            if m["g"]:
                primary.setdefault(ko_key(m["g"]), m["g"])
    sizes = show_sizes(rng, n)
    families = [rng.choice(list(FAMILIES)) for _ in sizes]
    pools = {fam: make_titles(rng, len(sizes), fam == "tide-and-ember") for fam in FAMILIES}
    shows = [pools[fam][i] for i, fam in enumerate(families)]
    sides = make_titles(rng, 4 * len(sizes), False) + make_titles(rng, 4 * len(sizes), True)
    out.mkdir(parents=True, exist_ok=True)
    jsonl, written, number = [], [], 0
    for s, (size, fam, (title, variant)) in enumerate(zip(sizes, families, shows)):
        other = shows[(s + 1 + rng.randrange(len(shows) - 1)) % len(shows)] if len(shows) > 1 else sides[0]
        literal = dict(zip(SIDE_TITLES, [t for t, _ in rng.sample(sides, 8)] + [" ".join(rng.sample(KO_WORDS, 2))]))
        for f, (main, var) in FAMILIES.items():  # the other family's show is mentioned in passing
            literal[main], literal[var] = (title, variant) if f == fam else other
        show = Show(rng, literal, primary)
        bylines = rng.sample([f"{first} {last}" for first in FIRST_F + FIRST_M for last in LAST], size)
        for k in range(size):
            template = templates[fam][k % len(templates[fam])]
            text = show.render(template.read_text(encoding="utf-8"))
            if not re.search(r"^By ", text[:400], re.M):
                head, rest = text.split("\n", 1)
                text = f"{head}\nBy {bylines[k]}\n{rest}"
            stem = f"{slug(title)}-{k + 1:02d}-{template.stem[:2]}"
            number += 1
            if number % 89 == 0 or (len(jsonl) < 5 and number > n - 5):  # ~1%, and at least 5, as JSONL
                record = {"id": stem, "title": text.split("\n", 1)[0], "url": f"https://example.com/tv/{stem}"}
                record.update({"html": to_html(text)} if not jsonl else {"text": text})
                jsonl.append(json.dumps(record, ensure_ascii=False))
                continue
            html_page = number % 97 == 0  # ~1% as HTML pages
            written.append(out / f"{stem}.{'html' if html_page else 'txt'}")
            written[-1].write_text(to_html(text) if html_page else text, encoding="utf-8")
    written.append(out / "feed.jsonl")
    written[-1].write_text("\n".join(jsonl) + "\n", encoding="utf-8")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    files = generate(args.out_dir, args.n, args.seed)
    print(f"{args.n} articles ({len(files)} files) under {args.out_dir}")


if __name__ == "__main__":
    main()
