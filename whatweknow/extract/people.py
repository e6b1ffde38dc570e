"""Cast (with characters and the season they belong to) and crew (with their role).

Every pattern that reads a casting, a character or a crew role is a named rule below, with
sentences of our own it must and must not match (tests/test_rules.py runs them)."""
from __future__ import annotations

import re

from .context import Ctx, claimable
from ..annotate import KOREAN_NAME, NICKNAMED, Name, ner_people, person_names
from ..lexicon import (AWARD_WORDS, CHARACTER_NOUNS, CREW_BY, CREW_NOUNS, CREW_ROLE_PHRASES, CREW_VERBS, NEG_RE,
                       ORGANISATION_WORDS, PLATFORM_NAMES, PUBLISHERS, RANKS, STUDIOS, alt)
from ..names import KOREAN_SURNAMES, same_person
from ..records import Sentence
from ..rules import rule, veto, folded
from ..titles import SEASON_ANY, norm, season_number
from .certainty import ANNOUNCEMENT, DENIAL, OFFICIAL, OFFICIAL_PARTY, certainty_of
from .status import TRAILER_OUT

# --- cast: is this sentence a casting, and of which season ---------------------------------
CAST_LIST = rule(
    "cast.list", "cast",
    folded(r"\b(stars|starring|starred|co-stars|(lead|leads|head|heads|round out|rounds out|round up|rounds up) the (cast|ensemble)|(cast|ensemble|line-?up)\b[^.]{0,60}?\b(includes?|included|features?|featured|consists? of|comprises?|are|were|is led by)|"
               r"cast members? (include|are)|features? (actors?|actress(es)?)|led by|alongside|joined by|"
               r"(actors?|actress(es)?|stars) (include|includes|like|such as)|named the returning)\b"),
    matches=["The thriller stars Mara Quill and Tobias Wren.",
             "The ensemble cast includes Ines Calloway, Dev Arden and Ruth Okoro.",
             "Rounding out the newcomers, Ama Boateng is joined by Felix Marr."],
    rejects=["The director thanked the crew.", "Tobias Wren wrote the score."],
    why="a list of the people in a show; a name after it is a cast member even when weakly shaped")
CAST_LINE = rule(
    "cast.line", "cast",
    folded(r"\b(cast\w*|star\w*|return\w*|reprise\w*|(?:is|are|be|was|were|come|comes|coming|'s) back\b|back (?:for|as|in)\b|comeback|join\w*|roles?|play\w*|"
               r"portray\w*|appear\w*|cameo|lead\w*|actor|actress|recast|casting|newcomer|addition|adds|featur\w*)\b"),
    matches=["Mara Quill plays the lighthouse keeper.", "Tobias Wren has joined the drama.",
             "Ines Calloway will reprise her role."],
    rejects=["Mara Quill was born in Leeds.", "Filming moved to Cardiff in May.",
             "Producer Ama Boateng said the delays pushed the date back."],
    why="a sentence with a casting word makes its people cast members (when no other rule decides)")
RETURNING = rule(
    "cast.returning", "cast",
    folded(r"\b(return\w*|reprise\w*|back for|back in|be back|is back|are back|expected back|comeback|"
               r"come back|coming back|reunite\w*)\b"),
    matches=["Mara Quill returns as the keeper.", "Tobias Wren is back for the new run.",
             "Ines Calloway will reprise her role."],
    rejects=["Mara Quill joins the cast.", "Tobias Wren left the series."],
    why="a returning actor is cast in the new season (which earlier season they were in is not said)")
LEAVING = rule(
    "cast.leaving", "cast",
    folded(r"\b(won't|will not|not|never|unlikely to|isn't|aren't|no longer)\b[^.]{0,25}\b(return\w*|be back|"
               r"come back|reprise|appear\w*)|\b(left|exited|departed|quit|leaving|exiting) the (show|series|cast)\b|"
               r"\b(the last we'll see|seen the last) of\b|"
               r"\b(absent|dropped|missing|left out|written out) (from|of) the (show|series|cast|line-?up|list|season)\b"),
    matches=["Mara Quill will not return for the new season.", "Tobias Wren has exited the series.",
             "Dev Arden is absent from the cast list.",
             "We have seen the last of Ines Calloway."],
    rejects=["Mara Quill will return for the new season.", "Tobias Wren left the party early."],
    why="an actor stated not to come back: a negative casting of the new season")
UPCOMING_CUE = rule(
    "cast.upcoming", "cast",
    folded(r"\bjoin\w*|\bnewcomer|\baddition|\badds\b|\bin talks\b|\boffered\b|\bnewly\b|"
               r"\bspotted\b|\bon (?:set|location)\b|\bcurrently\b|\b(?:is|are|was|were) (?:now )?(?:filming|shooting)\b|"
               r"\bnew (?:cast|players?|members?|faces|stars?|characters?|recruits?|additions?)\b|"
               r"\bspeculated\b|\brumou?red\b|\bconsidering\b|\breviewing\b"),
    matches=["Dev Arden joins the cast.", "Newcomer Ruth Okoro plays the mayor.",
             "Felix Marr is in talks to star.", "New cast members include Dev Arden and Ruth Okoro.",
             "Dev Arden and Ruth Okoro were spotted on set in costume."],
    rejects=["Felix Marr starred in the first run.", "The new school hires Dev Arden."],
    why="words that place a casting in the coming season even without naming it")
EARLIER_SEASON = rule(
    "cast.earlier_season", "cast",
    folded(r"\b(starred|co-starred|played|portrayed|was cast|were cast|featured)\b"),
    matches=["Mara Quill played the keeper in the first run.", "Tobias Wren starred alongside her.",
             "The first run also featured Ines Calloway."],
    rejects=["Mara Quill plays the keeper.", "Tobias Wren will star alongside her."],
    why="a past-tense casting verb: what someone did in an earlier season (historical)")
CAST_ROSTER = rule(
    "cast.roster", "cast",
    folded(r"(?:^|\b)(?:cast|starring|line-?up)\s*:|\b(?:(?:cast|ensemble|line-?up|roster)\b[^.]{0,60}?\b(?:includes?|included|features?|consists? of|comprises?|"
               r"are|is led by)|cast members? (?:include|are)|(?:actors?|actress(?:es)?|stars) (?:include|includes|like|such as))\b"),
    matches=["The cast includes Mara Quill and Tobias Wren.", "Guest stars include Ines Calloway.",
             "Cast: Mara Quill, Tobias Wren, Ines Calloway"],
    rejects=["Mara Quill plays the keeper.", "The show stars Mara Quill."],
    why="a cast list with no season cue belongs to the article's season")
PLAIN_DESCRIPTION = rule(
    "cast.show_description", "cast",
    folded(r"\b(?:the|this) (?:show|series|drama|k-drama|programme|program|original(?: series)?)\s+"
               r"(?:also\s+)?(?:stars|starred|starring|features|featured|is led by|was led by)\b"),
    matches=["The show stars Mara Quill, Tobias Wren and Ines Calloway.",
             "The series also featured Dev Arden as the mayor."],
    rejects=["The new season stars Mara Quill.", "Mara Quill stars in the show."],
    why="a description of who is in the show (not of the coming season) is history, not a casting")
TITLE_CAST = rule(
    "cast.title_cast_description", "cast",
    folded(r"\bthe (?:main |original |core |ensemble )?cast of\s+[“\"‘']?(?P<t>[^.,;:“”\"]{2,60}?)[”\"’']?\s+"
           r"(?:includes|included|features|featured|comprises|consists of)\b"),
    matches=["The cast of Paper Crown includes Mara Quill and Tobias Wren."],
    rejects=["The cast includes Mara Quill."],
    why="'the cast of <the show>' with no season named describes who is in the show: history, not a casting "
        "(the caller checks that <the show> is the subject's bare title)")
ALSO_HEDGED = rule(
    "cast.also_after_a_hedge", "cast",
    folded(r"\b(?:also|too|as well)\b"),
    matches=["Tobias Wren will also reprise his role as the keeper."],
    rejects=["Tobias Wren will reprise his role as the keeper."],
    why="'A will also return' right after a hedged cast line in the same paragraph shares its hedge "
        "(the caller checks the sentence before)")
HEDGED = rule(
    "cast.hedged", "cast",
    folded(r"\b(will|'ll|would|could|may|might|expected|expect|likely|set to|going to|hope\w*|should|"
               r"probably|possibly|perhaps|predict\w*|guess\w*)\b"),
    matches=["Mara Quill is expected to return.", "Tobias Wren could play the villain."],
    rejects=["Mara Quill played the keeper."],
    why="a forward-looking or hedged casting is about the coming season")
QUESTIONING = rule(
    "cast.questioning", "cast",
    folded(r"\b(whether|asked if|asked about|wonder\w*)\b"),
    matches=["Fans wonder whether Mara Quill will return.", "Tobias Wren was asked if he would be back."],
    rejects=["Mara Quill will return."],
    why="a question about a casting states nothing (unless it is a denial)")
DENIED = rule(
    "cast.denied", "cast",
    folded(r"\b(cast\w*|role|join\w*|appear\w*|star\w*|leav\w*|exit\w*|offer\w*|involved|signed)\b"),
    gate=DENIAL.pattern,
    matches=["Her agency denied that Mara Quill had joined the cast.",
             "Nothing has been decided about the role, a spokesperson said."],
    rejects=["Her agency denied the dating reports.", "Mara Quill joined the cast."],
    why="a denial about a casting: the person is not (yet) cast")
TITLE_ROLE = rule(
    "cast.title_role", "cast",
    folded(r"\b(?:in the (?:title|titular) role|(?:the )?(?:titular|title) (?:character|role|heroine|hero))\b"),
    matches=["Mara Quill leads the cast in the title role.", "The actress behind the titular character, Mara Quill, said so."],
    rejects=["The title of the finale is a secret."],
    why="the person in the title role plays the character the show is named after")
CAST_LIST_INTRO = rule(
    "cast.list_intro", "cast",
    folded(r"\b(?:cast|stars|line-?up|roster|ensemble|joining|returning|players|newcomers|actors|characters)\b[^.]{0,80}:\s*$"),
    matches=["The cast members joining her in the new season are:", "Returning stars:"],
    rejects=["The cast members joining her in the new season are Mara Quill and Dev Arden.", "Release date:"],
    why="a line ending in a colon that opens a cast list: the short lines after it are cast members")
CAST_HEADING = rule(
    "cast.section_heading", "cast",
    folded(r"\b(?:cast|who(?:'s| is| will be)? (?:in|starring|back|returning)|who (?:will )?(?:return|star)s?|"
           r"returning (?:characters|stars|faces))\b"),
    matches=["Who is in the cast of the new season?", "The cast of Harbour Lights season 2", "Who will return?"],
    rejects=["When does the new season come out?"],
    why="a heading or question about the cast: the paragraph under it lists the cast even when a line names "
        "no casting verb ('we expect that Juno (Mara Quill) and Ansel (Tobias Wren) will...')")
CAST_ANNOUNCED = rule(
    "cast.announced", "cast",
    folded(r"\b(?:announc\w*|confirm\w*|reveal\w*|unveil\w*|introduc\w*|released|shared|dropped)\b[^.;]{0,80}?"
               r"\b(?:cast|casting|line-?up|roster|ensemble|guest stars|new (?:faces|players|members|stars))\b|"
               r"\b(?:cast|casting|line-?up|roster)\b[^.;]{0,30}?\b(?:was|were|has been|have been|is|are|officially|been)\s+"
               r"(?:officially\s+)?(?:announced|confirmed|revealed|unveiled)\b|\bconfirmed (?:cast|line-?up)\b"),
    gate=r"announc|confirm|reveal|unveil|introduc|released|shared|dropped",
    vetoes=[veto(rf"\b{NEG_RE}\b|\b(?:may|might|could|would|rumou?r\w*|reportedly|expected|hope\w*|wait\w*|until|once|when)\b",
                 "before", 40),
            veto(rf"\b{NEG_RE}\b|\b(?:may|might|could|would|rumou?r\w*|yet)\b", "match")],
    matches=["At its fan event the streamer revealed the full cast of the new season.",
             "A short clip confirmed the line-up on Tuesday.",
             "The confirmed cast includes Mara Quill."],
    rejects=["The cast has not been announced yet.", "Fans are waiting until the streamer reveals the cast.",
             "The network confirmed the premiere date."],
    why="a report that the cast was announced makes the plain cast lines after it official")
STAND_IN_HINT = folded(r"\b(she|he|her|him|his|the (singer|actor|actress|star|newcomer|idol))\b")
STAND_IN = rule(
    "cast.stand_in", "cast",
    folded(r"\b(?:(?:the|this|that)\s+(?:singer|actor|actress|star|newcomer|idol|rapper|performer|model)|she|he)"
               r"\s+(?:has been |had been |was |is |will be |is set to |will )?(?:cast|play|plays|playing|portray)"),
    matches=["The singer has been cast as Juno Vale.", "She will play the ferryman's daughter."],
    rejects=["The singer released an album."],
    why="a pronoun or 'the singer' casting: it is the person named in the sentence before")
PRONOUN_BACK = rule(
    "cast.pronoun_back", "cast",
    folded(r"\bbring(?:s|ing)? (?:him|her) back\b|\b(?:he|she) (?:will|would|could|might|may|is set to|is going to) "
           r"(?:return|be back|come back)\b"),
    matches=["We think the writers will find a way to bring him back.", "She could return for the finale."],
    rejects=["They brought the show back.", "The show could return."],
    why="'bring him back', 'she could return': the one person named in the sentence before returns")
VERB_BEFORE = rule(
    "cast.verb_before", "cast",
    re.compile(r"\b(added|adds|cast|casts|signed|tapped|recruited|welcom\w*)\s+$"),
    matches=["The streamer has added ", "Producers tapped "],
    rejects=["The streamer has added Dabi to"],
    why="a one-word (stage) name right after a casting verb is a person: 'added Dabi to the cast'")
VERB_AFTER = rule(
    "cast.verb_after", "cast",
    re.compile(r"^\s+(?:has\s+|have\s+|will\s+|is\s+)?(joined|joins|join|joining|returns|return|stars|reprises)\b"),
    matches=[" has joined the cast", " returns as the keeper"],
    rejects=[" is a singer"],
    why="a one-word (stage) name right before a casting verb is a person: 'Dabi has joined'")

# --- who plays whom ------------------------------------------------------------------------
PLAYS = rule(
    "cast.plays", "cast",
    folded(r"^\s*,\s*who\s+(?:is|was|will be)\s+(?=[A-Z][^,.;]{0,40}\s+(?:in|on) the (?:show|series|drama|film)\b)|"
               r"^\s*(?:,[^,.;]{1,40},\s*)?(?:\s*[,–—-]\s*who\s+)?(?:(?:is|are|was|were|will|would|'ll|be|been|has|have|to|also|expected|likely|set|"
               r"going|returning|return|returns|reprise|reprises|reprising|his|her|their|role|roles|s|back|as well|"
               r"again|cast|takes|take|took|taking|on|the|of|in|stepping|step|into|shoes|appears|appear|appearing|"
               r"stars|star|starring)\s+)*"
               r"(?:as|playing|plays|played|play|portraying|portrays|portrayed|portray|role of|shoes of)\s+|"
               r"^[^.;()]{0,60}?\b(?:reprising|reprise|reprises|playing|in)\s+(?:their|his|her|the)\s+(?:[\w-]+\s+){0,3}?"
               r"(?:characters?|roles?)\s+(?:of|as)\s+"),
    matches=[" as Juno Vale", ", who plays the ferryman", " will reprise her role as Juno", " - who played Juno Vale -",
             " will appear as guests, reprising their first-season characters of Juno and Ansel",
             ", who is Juno Vale in the show", " takes on the role of Juno Vale", " appears as Private Juno Vale",
             " will portray the characters Juno and Ansel", " stepping back into the shoes of Juno Vale"],
    rejects=[" said on Monday", " and Tobias Wren", " on Monday"],
    why="the words after a name (or a list of names) that introduce the character(s) played")
CHARACTER = rule(
    "cast.character_name", "cast",
    re.compile(r"(?:(?:the|a|an|his|her|their)\s+)?(?:[A-Z][\w-]*(?:'s|’s)\s+)?"
               r"(?:(?!(?:of|at|in|from|for|with|on|to|by|but|yet|while|though|although|because|so|whereas)\s)[a-z][\w-]*,?\s+){0,5}?"
               rf"(?P<c>(?:(?:Mr|Mrs|Ms|St)\.\s*|{alt(RANKS)}\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){{0,2}})"),
    matches=["the reclusive inventor Juno Vale", "Juno's brother Ansel", "Dr. Ansel Roe", "Private Ansel Roe Min"],
    rejects=["the reclusive inventor"],
    why="a character name after 'as': a few lower-case description words, then capitalised words")
POSSESSIVE_ROLE = rule(
    "cast.possessive_role", "cast",
    re.compile(r"^(?:'s|’s)\s+(?:[a-z][\w-]*\s+){0,3}?(?P<c>[A-Z][a-z]+-[a-z]+)\b"),
    matches=["'s Min-seo", "’s stubborn Ha-rin"],
    rejects=["'s agency said"],
    why="an actor's possessive before a hyphenated role: 'Choi Ye-won's Min-seo'")
CAST_AS = rule(
    "cast.as_character", "cast",
    re.compile(r"\b(?:cast as|plays|playing|played|role of|as)\s+(?!by\b)"),
    matches=["The singer has been cast as Juno Vale.", "Tobias Wren, in costume as the warden Ansel Roe"],
    rejects=["The role went to Tobias Wren."],
    why="'cast as', 'plays', 'as' before a name make that name a character")
RANK_BEFORE = rule(
    "cast.rank_title", "cast",
    re.compile(rf"\b{alt(RANKS)}\s+$"),
    matches=["as DCI ", "played by Dr ", "the villainous Mayor ", "as Sheriff ", "as Private "],
    rejects=["as the ", "the mayor "],
    why="a rank or title before a name makes it a character ('DCI Owen Sayer'), not a person")
DASH_PAIR = rule(
    "cast.dash_pair", "cast",
    re.compile(r"^\s+[–—-]\s+(?:[A-Z][\w.]*\s+)?\Z"),
    matches=[" – ", " — Dr. "],
    rejects=[" and ", " – the "],
    why="cast lists written 'Actor – Character (detail)'")
OFFSCREEN = rule(
    "cast.offscreen_job", "cast",
    re.compile(r"^\s*,\s*(?:the\s+|a\s+|an\s+)?(?:[A-Z]{2,4}\b|chief\b|head\b|president\b|founder\b|chairman\b|"
               r"spokes\w+|executive\b|boss\b|journalist\b|critic\b|reporter\b|editor\b|analyst\b|author\b)"),
    matches=[", CEO of the studio,", ", the head of drama at the network"],
    rejects=[", who plays the keeper", ", the lead actress,"],
    why="a name with an off-screen job in apposition is not a cast member")
MEDIA_BEFORE = rule(
    "cast.media_name", "cast",
    folded(r"\b(?:publications?|outlets?|newspapers?|portal|magazines?|tabloids?|websites?|dailies|daily|broadcaster)\s+$"),
    matches=["as the newspapers ", "according to the outlet "],
    rejects=["according to actress "],
    why="a name right after 'the outlet', 'newspapers' is a publication, not a person")
CHARACTER_APPOSITION = rule(
    "cast.character_apposition", "cast",
    re.compile(r"^\s*,\s*(?:my|his|her|their|the)\s+(?:[a-z-]+\s+)?(?:character|role)\b"),
    matches=[", my character", ", her new role"],
    rejects=[", my friend"],
    why="'X, my character': X is a character")
DESCRIBED_CHARACTER = rule(
    "cast.described_character", "cast",
    folded(rf"\b{alt(CHARACTER_NOUNS)},?\s+$"),
    matches=["Undercover cop ", "At least she has her roommate, "],
    rejects=["The cast includes ", "Actor "],
    why="a character noun right before 'X (Y)' says X is the character and Y the actor")
NAMED_CHARACTER = rule(
    "cast.named_character", "cast",
    re.compile(r"\b(?:a|an|the|his|her|their)\s+(?:[a-z-]+\s+){0,3}(?:named|called)\s+$|"
               r"\b(?:son|daughter|brother|sister|father|mother|wife|husband|uncle|aunt|niece|nephew|cousin|widow|heir|"
               r"grandson|granddaughter)\s+(?:of|to)\s+(?:(?:[A-Z][\w'-]*\s+){1,3}(?:star|actor|actress)\s+)?$"),
    matches=["she falls for a mysterious stranger named ", "the village is run by a man called ",
             "Dev Arden plays the eldest son of ", "the younger brother of Iron Coast star "],
    rejects=["Netflix has named "],
    why="'a founder named X' in a plot summary: X is a character")
SHOW_RETURNS = rule(
    "cast.show_returns", "cast",
    folded(r"\b(?:the (?:show|series|drama|programme|sequel)|it)\s+(?:will|would|is set to|is going to|'ll|is|are)?\s*"
               r"(?:officially\s+)?(?:return\w*|be back|come back|coming back)\b"),
    matches=["The studio boss says the show will return next year.", "It is coming back for a third run."],
    rejects=["Mara Quill will return next year."],
    why="the show coming back is a renewal, not a casting of the people named beside it")
PLAYED_BY = rule(
    "cast.played_by", "cast",
    re.compile(r"(?P<c>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})\s*(?:\(\s*(?:played by\s+|portrayed by\s+)?|,?\s+(?:the\s+(?:[\w-]+\s+){1,3})?"
               r"(?:is\s+|was\s+)?played by\s+)$"),
    matches=["Juno Vale, played by ", "Ansel (", "Juno, the young heiress played by ", "Ansel (played by "],
    rejects=["the daughter, played by "],
    why="a character before its actor: 'Juno, played by A', 'Ansel (A)'")
_CHARACTER_COMMA = re.compile(r"the character,\s")   # "the actor playing the character, A, said": A is the actor
_KNOWN_AS = re.compile(r"\bknown(?: to [^,.]{1,30})?\s*$")  # "better known as Dabi" is a stage name, no role
_LIST_SEP = re.compile(r"^\s*(,\s*(and\s+)?|\s+and\s+|\s*&\s*|,?\s+as well as\s+|"
                       r",\s*(?:who goes by|also known as|better known as|aka)[^,]{1,40},\s*(?:and\s+)?)$")
_CHAR_SEP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?=[A-Z])")
_POSSESSIVE_END = re.compile(r"(?:'s|’s)$")

# --- one person, two names ----------------------------------------------------------------
LINK_PAREN = rule(
    "name.parenthesis", "name",
    re.compile(r"^\s*\(\s*(?P<kw>(?:stage name|real name|born|aka|a\.k\.a\.|also known as|known as)\s+)?"
               r"(?P<alias>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})\s*\)"),
    matches=[" (stage name Dabi)", " (Juno Vale)"],
    rejects=[" (the villain)"],
    why="a name in brackets right after a name: a stage name or a character")
BRACKETED_ROLE = rule(
    "cast.bracketed_role", "cast",
    re.compile(r"^\s*\(\s*(?!(?:stage name|real name|born|aka|also known as|known as|formerly|played by|portrayed by|voiced by|"
               r"starring|with)\b)"
               r"(?:(?:the|a|an|his|her|their)\s+)?(?:[A-Z][\w-]*(?:'s|’s)\s+)?(?:[a-z][\w-]*\s+){1,3}"
               r"(?P<c>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})\s*\)"),
    matches=[" (Juno's younger brother Ansel Vale)", " (the keeper Juno)"],
    rejects=[" (Juno Vale)", " (stage name Dabi)", " (2019)", " (played by Mara Quill)"],
    why="a described character in brackets after an actor: 'A (the heroine's dad Ansel Vale)'")
LINK_WORDS = rule(
    "name.also_known_as", "name",
    re.compile(r"^\s*,?\s*(?:also known as|better known(?: to [^,.]{1,30})? as|known professionally as|"
               r"a\.k\.a\.?|aka|who goes by)\s+(?P<alias>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})"),
    matches=[", better known as Dabi", ", who goes by Peggy", " aka DJ Volt"],
    rejects=[", who plays Dabi"],
    why="'A, better known as B': B is the same person")
STAGE_NAME = rule(
    "name.stage_name", "name",
    folded(r"\b(stage|professional|screen|real|legal|birth) name\b"),
    matches=[" is the stage name of "],
    rejects=[" is the sister of "],
    why="'Dabi is the stage name of A': the two names are one person")

# --- crew: which role a name is given ------------------------------------------------------
ROLE_WORDS = "|".join(CREW_ROLE_PHRASES)
_CREW_ADJECTIVES = r"(?:original|former|longtime|acclaimed|award-winning|returning|new|veteran)\s+"
_ROLE_RUN = rf"(?:co-|executive\s+|head\s+|{_CREW_ADJECTIVES})*{alt(CREW_NOUNS)}"
CREW_BY_RULE = rule(
    "crew.by", "crew",
    folded(r"\b(" + "|".join(CREW_BY) + r")\s+by\s*$"),
    matches=["The drama was created by ", "an adaptation written by "],
    rejects=["The drama was watched by millions"],
    why="'created by A', 'written by A' give A that role")
CREW_ALONGSIDE = rule(
    "crew.alongside", "crew",
    folded(rf"\b(produces|directs|writes|wrote|directed|produced|created|{alt(CREW_NOUNS)})\s+(?:the show\s+|it\s+)?"
               r"(?:alongside|with)\s+$"),
    matches=["Mara Quill directs alongside ", "She wrote it with ", "remaining an executive producer alongside "],
    rejects=["She lives with "],
    why="'X directs alongside A': A shares the role")
CREW_VERB = rule(
    "crew.verb", "crew",
    folded(r"\b(?:also\s+|has\s+|had\s+|will\s+|is set to\s+|to\s+|executive\s+)?(wrote|writes|penned|scripted|"
               r"directed|directs|direct|write|helmed|created|produced|produces|developed|showran|adapted|adapts)\b(?!\s+by\b)"),
    matches=[" directed the pilot", ", who wrote the first episodes", " will direct the finale"],
    rejects=[" stars as the keeper", " and directed by Ruth Okoro"],
    why="'A directed', 'A will write', 'A, who wrote the pilot': the verb after a name gives its role")
_LISTED = (rf"(?:the\s+|an?\s+|its\s+|show's\s+|series'\s+|co-|lead\s+|{_CREW_ADJECTIVES})*({ROLE_WORDS})(?!\s+of\s+photography)"
           rf"(?:\s*(?:,|and|&)\s*(?:an?\s+)?(?:co-)?({ROLE_WORDS}))?")
CREW_AS_ROLE = rule(
    "crew.as_role", "crew",
    folded(rf"^\s*(?:,\s*)?(?:(?:who|is|was|will|returns?|returning|serves?|serving|stays?|remains?|remaining|be|back|also|"
               rf"once again|again|continues?|continuing|comes on board|signs? on|signed on|boards?|"
               rf"joins?|joined|joining)(?:\s+(?:the\s+)?(?:[a-z-]+\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)?\s+)*"
               rf"(?:as|remaining|remains|staying|stays|(?:takes?|took|taking) on the (?:role|job|position) of)\s+{_LISTED}\b"),
    matches=[" returns as director", " serves as co-showrunner and executive producer", " joins Ama Boateng as writer",
             " remaining an executive producer", " take on the role of producer"],
    rejects=[" returns as the keeper"],
    why="'A returns as director', 'A serves as showrunner'")
CREW_APPOSITIVE = rule(
    "crew.appositive", "crew",
    folded(rf"^\s*,\s*{_LISTED}\b"),
    matches=[", the show's creator", ", director and writer of the film"],
    rejects=[", the lead actor"],
    why="'A, the show's creator': an apposition after the name")
_ROLE_WORD = folded(rf"(?<![\w-]){alt(CREW_NOUNS)}\b")
_PARTICIPLE = re.compile(r"\s*(?:remaining|serving|staying|returning|continuing)\b")
CREW_OBJECT = folded(r"\b(joins?|joined|joining|alongside|with|replac\w*|succeed\w*)\s+(?:the\s+)?(?:[a-z-]+\s+)?$")
CREW_PLURAL = rule(
    "crew.plural", "crew",
    folded(r"\b(directors?|producers?|writers?|creators?|showrunners?)\s+(?:are|is|include|were|was)\s*$"),
    matches=["The show's producers are ", "Its writers include "],
    rejects=["The show's producers said "],
    why="'the writers are A and B'")
CREW_NOUN_BEFORE = rule(
    "crew.noun_before", "crew",
    folded(rf"(?:^|\s)(?:the\s+)?(?:show's\s+|series'\s+|its\s+|film's\s+)?(?P<roles>{_ROLE_RUN}(?:\s*(?:,\s*and|,|and|&)\s*{_ROLE_RUN})*)"
               r"\s*,?\s*$"),
    matches=["The drama comes from director ", "Creator and showrunner ", "the show's writer, ",
             "meet the director and executive producer, ", "co-creator, showrunner, and executive producer "],
    rejects=["The drama comes from the mind of"],
    why="'director A', 'Creator and showrunner A' (the noun must be a crew-role word)")
CREW_RUMOR = rule(
    "crew.rumored", "crew",
    folded(r"\b(rumou?red|reportedly|insiders?)\b"),
    matches=["Mara Quill is reportedly set to direct."],
    rejects=["Mara Quill will direct."],
    why="a crew line told by insiders is a rumour")
CREW_FUTURE = rule(
    "crew.future", "crew",
    folded(r"\b(will|set to|expected to|likely to|could|may|might)\s+(direct|write|helm|produce|create)"),
    matches=["Mara Quill will direct the finale.", "Tobias Wren is expected to write it."],
    rejects=["Mara Quill directed the finale."],
    why="a crew job still to come is speculation unless someone official states it")
_SOURCE_CONTEXT = folded(r"\b(based on|adapted from|webtoon|web comic|novel|manga|manhwa|comic)\b")
_SCRIPT_WORDS = folded(r"\b(script|screenplay|episodes|pilot)\b")  # a writer of the show, not the book
_TWO_CLAUSES = re.compile(r",\s*and\s+$")
_ED_VERB_NEXT = re.compile(r"\s+(?:also\s+|has\s+|had\s+)?[a-z]+ed\b")
_CLAUSE_AFTER = re.compile(r"^\s*(?:,\s*who\s+)?[^,;.]*")
_PAREN_AFTER = re.compile(r"^\s*\([^()]{0,80}\)")

# cheap looks before the costly patterns of a slot
_ROLE_HINT = re.compile(r"\bas\b|play|role|\(|cast|'s|’s|portray|character|named|called|who (?:is|was)|"
                        r"\b(?:son|daughter|brother|sister|father|mother|wife|husband|uncle|aunt|niece|nephew|cousin|widow|heir|"
                        r"grandson|granddaughter) (?:of|to)\b")
_CREW_HINT = re.compile(r"direct|writ|wrote|creat|produc|showr|helm|penn|script|adapt|develop|filmmaker")
_FIRST_WORD = re.compile(r"[\"'“‘(]?([A-Z][\w'-]+)\b")
_CAST_WORD = folded(r"\b(cast as|plays?|playing|role)\b")
_CAST_AS_HEAD = re.compile(r"\b(?:cast as|plays?|playing|role of)\s+")


def extract(ctx: Ctx) -> None:
    target = ctx.subject.season
    titles = [norm(t) for t in ctx.subject.names() + ctx.subject.others]
    full = _full_forms(ctx, titles)
    # one-word names (stage names) found mid-sentence count at a sentence's start too
    singles = {n.text for sent in ctx.sents for n in _candidates(ctx, sent) if " " not in n.text}
    previous: list[Name] = []
    section = -1                    # the passage under a heading or question about the cast
    intro, intro_passage = "", -1   # an open cast list: "The cast of the new season is:" and its short lines
    for i, sent in enumerate(ctx.sents):
        s = ctx.sentence_text(sent)
        if intro and sent.passage != intro_passage and (len(s.split()) > 14 and sent.kind != "list_item"):
            intro = ""
        names = _names(ctx, sent, titles, full)
        first = _FIRST_WORD.match(ctx.text[sent.start:sent.end])
        if first and first.group(1) in singles and not any(n.start <= sent.start + first.start(1) < n.end for n in names) \
                and not any(norm(first.group(1)) in t for t in titles):  # "Harbour stars A": the show, no one
            names.insert(0, Name(sent.start + first.start(1), sent.start + first.end(1), first.group(1), False))
        stand_in = not names and previous and STAND_IN_HINT.search(s)
        in_list = bool(intro) and sent.passage != intro_passage and bool(names)
        if sent.kind in ("heading", "question") or s.rstrip().endswith("?"):
            section = sent.passage + 1 if CAST_HEADING.search(s) else -1
        in_section = sent.passage == section
        if (names or stand_in) and (claimable(sent, s) or in_list) and ctx.about_subject(sent):
            low = s.lower()
            if "(" in s or " name" in low or "known" in low or "aka" in low or "goes by" in low or '"' in s or "“" in s:
                aliases = _links(ctx, names)
                names = [n for n in names if (n.start, n.end) not in aliases]  # "A, who goes by B," is one person
            pairs, as_character = _characters(ctx.text, names, sent) if _ROLE_HINT.search(low) else ({}, set())
            credits = _credit_spans(ctx, sent) if pairs else []
            if credits:  # "Ines Calloway (The Long Night)": a credit, no character
                pairs = {p: c for p, c in pairs.items()
                         if not any(f"({c})" in ctx.text[a:b] for a, b in credits)}
            people = [n for n in names if not any(a < n.end and n.start < b for a, b in as_character)]
            if "titl" in low and TITLE_ROLE.search(s):
                # "A leads the cast in the title role": the character shares the show's name
                lone = [n for n in people if (n.strong or " " in n.text) and n.text not in pairs]
                if len(lone) == 1 and ctx.subject.title:
                    pairs[lone[0].text] = ctx.subject.title
            crew = _crew(ctx, i, people) if _CREW_HINT.search(low) else set()
            _cast(ctx, i, [n for n in people if n.text not in crew], pairs, previous, target, intro if in_list else "",
                  section=in_section)
            names = people
        if s.rstrip().endswith(":") and CAST_LIST_INTRO.search(s):
            intro, intro_passage = s, sent.passage
        if names:
            previous = [n for n in names if n.strong] or [n for n in names if " " in n.text] or previous
        elif sent.kind == "heading":
            previous = []


def _candidates(ctx: Ctx, sent: Sentence) -> list[Name]:
    return ctx.once(("names", sent.start), lambda: person_names(ctx.text, sent.start, sent.end))


CREDITS = rule(
    "name.credits_in_brackets", "name",
    re.compile(r"\((?:the\s+)?[A-Z0-9][^()]{0,80}?(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?[A-Z0-9][^()]{0,80}\)|"
               r"\((?:the\s+)?[^()]{0,60}\b(?:films|franchise|movies|series)\)|\([A-Z][^():]{0,40}:\s+[A-Z][^()]{0,60}\)"),
    matches=["Mara Quill (Harbour Lights, The Long Night) returns.", "Dev Arden (the Iron Coast films) joins.",
             "Ines Calloway (Harbour Lights: The Reckoning) returns."],
    rejects=["Mara Quill (Juno Vale) returns.", "Tobias Wren (the keeper's son Ansel) returns."],
    why="titles listed in brackets after an actor are their earlier work: no names of people or characters")


TITLE_BEFORE_ROLE = rule(
    "name.title_before_star", "name",
    re.compile(r"^\s+(?:star|stars|actor|actress|alum|alumna|alumnus|veteran|lead|breakout)\s+[A-Z]"),
    matches=[" star Mara Quill", " actor Tobias Wren"],
    rejects=[" stars in the show", ", the star"],
    why="'Iron Coast star Mara Quill': the words before 'star' are the title she is known for, not a person")
SHOW_NAMED_FOR = rule(
    "name.show_named_for", "name",
    re.compile(r"^\s+(?:Show|Podcast|Hour|Tonight)\b"),
    matches=[" Show on Monday"],
    rejects=[" shows up"],
    why="'The Ruth Okoro Show': a talk show named for its host is no casting")
_ORGANISATIONS = {norm(n) for n in (*STUDIOS, *PLATFORM_NAMES, *PUBLISHERS)}


_ORG_LAST, _AWARD_FIRST = frozenset(ORGANISATION_WORDS), frozenset(AWARD_WORDS)
_DATELINE = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?,\s*$")


def _organisation(name: str) -> bool:
    """"Gull Industries", "Outstanding Directing": a company or an award, not a person."""
    words = name.split()
    return len(words) > 1 and (words[-1] in _ORG_LAST or words[0] in _AWARD_FIRST)


_BRACKET = re.compile(r"\([^()]{1,80}\)")
_TITLE_IN_BRACKET = re.compile(r"^\((?:The|A|An)\s+[A-Z][^()]*\)$")


def _credit_spans(ctx: Ctx, sent: Sentence) -> list[tuple[int, int]]:
    """Brackets that hold an actor's earlier work; where one bracket of a list is plainly a title
    ("Ines Calloway (The Long Night)"), the others of that sentence are titles too ("(Wreckage)")."""
    return ctx.once(("credits", sent.start), lambda: _find_credit_spans(ctx, sent))


def _find_credit_spans(ctx: Ctx, sent: Sentence) -> list[tuple[int, int]]:
    s = ctx.sentence_text(sent)
    if "(" not in s:
        return []
    spans = [(m.start(), m.end()) for m in CREDITS.finditer(s)]
    brackets = [(m.start(), m.end()) for m in _BRACKET.finditer(s)]
    if len(brackets) > 1 and any(_TITLE_IN_BRACKET.match(s[a:b]) for a, b in brackets):
        spans = brackets
    return [(sent.start + a, sent.start + b) for a, b in spans]


def _names(ctx: Ctx, sent: Sentence, titles: list[str], full: dict[str, str]) -> list[Name]:
    out = []
    credits = _credit_spans(ctx, sent)
    for n in _candidates(ctx, sent):
        if not n.strong and any(norm(n.text) in t for t in titles):
            continue  # a word of a title
        if any(a < n.start and n.end < b for a, b in credits):
            continue  # "A (X, Y)": X and Y are A's earlier films
        after = ctx.text[n.end:n.end + 30]
        if norm(n.text) in _ORGANISATIONS or TITLE_BEFORE_ROLE.match(after) or SHOW_NAMED_FOR.match(after) \
                or _organisation(n.text):
            continue
        if " " in n.text and not n.strong and norm(n.text.split()[-1]) in titles:
            continue  # "Juno Harbour" in Harbour: a character of the family the show is named for
        if " " not in n.text and n.text.lower() in full:
            n = Name(n.start, n.end, full[n.text.lower()], True)  # "Choi" after "Choi Ye-won"
            if _organisation(n.text):
                continue  # "Gull" after "Gull Industries"
        elif " " not in n.text and n.text.isupper() and len(n.text) <= 3 and _DATELINE.search(ctx.text[max(0, n.start - 30):n.start]):
            continue  # "Portland, OR —": a state in a dateline
        elif " " not in n.text and n.text.lower() in KOREAN_SURNAMES:
            continue  # "Director Lee" with no full name in the article: nobody we can name
        out.append(n)
    return out


def _full_forms(ctx: Ctx, titles: list[str]) -> dict[str, str]:
    """Short references to people named in full elsewhere in the document: a Korean surname
    or a Western last name that belongs to exactly one full name."""
    by_short: dict[str, list[str]] = {}
    for sent in ctx.sents:
        for n in _candidates(ctx, sent):
            parts = n.text.split()
            if len(parts) < 2 or not (n.strong or KOREAN_NAME.fullmatch(n.text)):
                if len(parts) < 2 or any(norm(n.text) in t for t in titles):
                    continue
            korean = parts[0].lower() in KOREAN_SURNAMES
            for key in ([parts[0].lower()] if korean else [parts[-1].lower(), parts[0].lower()]):
                known = by_short.setdefault(key, [])
                if not any(same_person(k, n.text) for k in known):
                    known.append(n.text)
    return {k: v[0] for k, v in by_short.items() if len(v) == 1}


def _links(ctx: Ctx, names: list[Name]) -> set[tuple[int, int]]:
    """A stage name stated beside a legal name: "Han Da-bin (Dabi)", "X, better known as Y".
    Returns the spans of the second names."""
    text = ctx.text
    spans = set()
    if names:  # Margaret "Peggy" Hale: a nickname inside the full name
        sent_text = text[names[0].start - 200 if names[0].start > 200 else 0:names[-1].end + 200]
        for m in NICKNAMED.finditer(sent_text):
            ctx.links.append((f"{m.group(1)} {m.group(3)}", f"{m.group(2)} {m.group(3)}"))
    for a, b in zip(names, names[1:]):  # "Dabi is the stage name of Han Da-bin"
        between = text[a.end:b.start]
        if len(between) < 60 and STAGE_NAME.search(between):
            ctx.links.append((a.text, b.text))
    for n in names:
        after = text[n.end:n.end + 80]
        m = LINK_PAREN.match(after) or LINK_WORDS.match(after)
        if not m:
            continue
        alias = m.group("alias")
        given = n.text.split()[-1].lower() if " " in n.text else ""
        keyword = m.re is LINK_WORDS.pattern or m.group("kw")
        if keyword or (given and alias.lower() in given and alias.lower() != given):
            if alias != n.text:
                ctx.links.append((n.text, alias))
            start = n.end + m.start("alias")
            spans.add((start, start + len(alias)))
    return spans


def _characters(text: str, names: list[Name], sent: Sentence) -> tuple[dict[str, str], set[tuple[int, int]]]:
    """Who plays whom ("A as X", "A and B as X and Y", "A (X)", "X (A)", "X, played by A"), and
    the spans of names that are characters, not people."""
    pairs: dict[str, str] = {}
    chars: set[tuple[int, int]] = set()
    by_start = {n.start: n for n in names}
    for group in _groups(text, names):
        if any((n.start, n.end) in chars for n in group):
            continue
        last = group[-1]
        m = PLAYS.match(text[last.end:sent.end])
        if m:
            found = _char_list(text, last.end + m.end(), sent.end, by_start)
            if len(found) == len(group) or (len(found) == 1 and len(group) > 1):
                targets = group if len(found) == len(group) else group[-1:]
                for n, (c, span) in zip(targets, found):
                    pairs[n.text] = c
                    chars.add(span)
            continue
        for n in group:  # "Choi Ye-won (Han Min-seo)": the actor outside, the role inside
            described = BRACKETED_ROLE.match(text[n.end:sent.end])
            if described and n.text not in pairs:  # "A (Juno's brother Ansel Vale)"
                pairs[n.text] = described.group("c")
                chars.add((n.end + described.start("c"), n.end + described.end("c")))
                continue
            paren = LINK_PAREN.match(text[n.end:sent.end])
            if paren and not paren.group("kw"):
                alias = paren.group("alias")
                given = n.text.split()[-1].lower() if " " in n.text else ""
                inner = next((x for x in names if x.text == alias), None)
                if inner is not None and (inner.strong or " " in inner.text) and inner.text not in pairs \
                        and DESCRIBED_CHARACTER.search(text[max(sent.start, n.start - 30):n.start]):
                    pairs[inner.text] = n.text  # "undercover cop Min-seo Han (Choi Ye-won)": the role outside
                    chars.add((n.start, n.end))
                    continue
                if inner is not None and (inner.strong and not n.strong
                                          or " " not in text[n.start:n.end] and " " in inner.text):
                    continue  # "Peggy (Margaret Hale)": the role outside, the actor inside (read below)
                if not (given and alias.lower() in given):
                    pairs[n.text] = alias
                    a = text.index(alias, n.end)
                    chars.add((a, a + len(alias)))
    for n in names:  # an actor's possessive before a role
        m = POSSESSIVE_ROLE.match(text[n.end:sent.end])
        if m and n.text not in pairs:
            pairs[n.text] = m.group("c")
            chars.add((n.end + m.start("c"), n.end + m.end("c")))
    for m in CAST_AS.finditer(text[sent.start:sent.end]):
        found = _char_list(text, sent.start + m.end(), sent.end, {})[:1]
        if not found or any(a <= found[0][1][0] < b for a, b in chars):
            continue
        c, span = found[0]
        if _CHARACTER_COMMA.match(text[sent.start + m.end():]):
            continue
        if _KNOWN_AS.search(text[max(sent.start, sent.start + m.start() - 40):sent.start + m.start()]):
            continue
        if not any(n.start == span[0] for n in names) and m.group(0).strip() == "as":
            continue  # a plain "as" counts only before a name ("as director" is no character)
        chars.add(span)
        people = [n for n in names if n.end <= span[0] and (n.start, n.end) not in chars and (n.strong or " " in n.text)]
        if len(people) == 1 and people[0].text not in pairs:
            pairs[people[0].text] = c
    for n in names:  # "a founder named Juno Vale"
        if NAMED_CHARACTER.search(text[max(sent.start, n.start - 50):n.start]):
            chars.add((n.start, n.end))
    for n in names:  # "Juno Vale, my character, ..."
        if CHARACTER_APPOSITION.match(text[n.end:sent.end]):
            chars.add((n.start, n.end))
    for n in names:  # "DCI Ansel Roe", "Dr Ruth Okoro": a rank or title before a name makes it a role
        if RANK_BEFORE.search(text[max(sent.start, n.start - 14):n.start]):
            chars.add((n.start, n.end))
    for k, n in enumerate(names[:-1]):  # cast lists written "Actor – Character (detail)"
        nxt = names[k + 1]
        if DASH_PAIR.search(text[n.end:nxt.start]) and n.text not in pairs \
                and (nxt.start, nxt.end) not in chars:
            pairs[n.text] = nxt.text
            chars.add((nxt.start, nxt.end))
    for n in names:  # "Min-seo (Choi Ye-won)", "Juno, played by Mara Quill"
        before = text[max(sent.start, n.start - 40):n.start]
        m = PLAYED_BY.search(before)
        c_start = n.start - len(before) + m.start("c") if m else -1
        outer = next((x for x in names if x.start <= c_start < x.end), None)
        bracket = m is not None and m.group(0).rstrip().endswith("(")  # "X (A)"; "X (played by A)" is plain
        role_outside = outer is not None and " " not in text[outer.start:outer.end] and " " in n.text
        if m and (n.start, n.end) in chars or (bracket and outer is not None and not role_outside
                                               and (outer.strong or not n.strong)):
            continue  # the outer name is itself a person: "A (X)" was read above
        if m and n.text not in pairs:
            pairs[n.text] = m.group("c")
            start = n.start - len(before) + m.start("c")
            chars.add((start, start + len(m.group("c"))))
    return pairs, chars


def _char_list(text: str, pos: int, end: int, people: dict[int, Name]) -> list[tuple[str, tuple[int, int]]]:
    """Character names from pos on, joined by commas or 'and'; a person's name ends the list
    ("A as X, B as Y") — except the first, which "as" makes a character."""
    out = []
    while pos < end:
        m = CHARACTER.match(text, pos, end)
        if not m:
            break
        c = _POSSESSIVE_END.sub("", m.group("c"))
        out.append((c, (m.start("c"), m.start("c") + len(c))))
        pos = m.end()
        sep = _CHAR_SEP.match(text[pos:end])
        nxt = people.get(pos + sep.end()) if sep else None
        if not sep or (nxt and PLAYS.match(text[nxt.end:end])):
            break  # "A as X, B as Y": B starts a new pair
        pos += sep.end()
    return out


def _groups(text: str, names: list[Name]) -> list[list[Name]]:
    """Names joined by commas and 'and' form one group ("A, B and C")."""
    groups: list[list[Name]] = []
    for n in names:
        if groups and _LIST_SEP.match(text[groups[-1][-1].end:n.start]):
            groups[-1].append(n)
        else:
            groups.append([n])
    return groups


def _crew(ctx: Ctx, i: int, names: list[Name]) -> set[str]:
    """Claims for names given a crew role; returns the names taken."""
    sent = ctx.sents[i]
    text = ctx.text
    s = ctx.sentence_text(sent)
    taken: set[str] = set()
    source = bool(_SOURCE_CONTEXT.search(s))
    for group in _crew_groups(text, names):
        first, last = group[0], group[-1]
        before = text[max(sent.start, first.start - 60):first.start]
        after = text[last.end:min(sent.end, last.end + 110)]
        roles = [(r, why) for r, why in _role(before, after)
                 if not (source and r == "writer" and not _SCRIPT_WORDS.search(s))]
        if not roles:
            continue
        if CREW_RUMOR.search(s):
            certainty = "rumor"
        elif CREW_FUTURE.search(s):
            certainty = "official" if OFFICIAL.search(s) else "speculation"
        else:
            certainty = "reported"
        for n in group:
            if n.strong or _name_like(ctx, sent, n):
                for role, why in roles:
                    ctx.add("crew", {"person": n.text, "role": role}, sent, certainty, season=ctx.subject.season, rule=why)
                taken.add(n.text)
    return taken


def _crew_groups(text: str, names: list[Name]) -> list[list[Name]]:
    """Name groups, with "created by A and B, and C directed" read as two clauses."""
    out = []
    for group in _groups(text, names):
        last = group[-1]
        if len(group) > 1 and _TWO_CLAUSES.match(text[group[-2].end:last.start]) and \
                _ED_VERB_NEXT.match(text[last.end:last.end + 30]):
            out += [group[:-1], [last]]
        else:
            out.append(group)
    return out


CREW_CO_WITH = rule(
    "crew.co_credit_with", "crew",
    folded(r"\bco-?(wr(?:ote|ites|iting|itten)|creat(?:ed|es|ing)|direct(?:ed|s|ing)|produc(?:ed|es|ing))\b"
           r"[^.;]{0,40}?\bwith\s+$"),
    matches=["The director co-wrote the screenplay with ", "She co-created the series with "],
    rejects=["The director wrote the screenplay with "],
    why="'co-wrote the screenplay with A': A shares the credit")
_CO_ROLE = {"wr": "writer", "cr": "creator", "di": "director", "pr": "producer"}


def _role(before: str, after: str) -> list[tuple[str, str]]:
    """Every crew role the words around a name (or a group of names) give it, with the rule
    that gave it."""
    roles = []
    co = CREW_CO_WITH.search(before)
    if co:
        roles.append((_CO_ROLE[co.group(1)[:2].lower()], CREW_CO_WITH.name))
    by = CREW_BY_RULE.search(before)
    if by:
        roles.append((CREW_BY[by.group(1).lower()], CREW_BY_RULE.name))
    alongside = CREW_ALONGSIDE.search(before)
    if alongside:
        word = alongside.group(1).lower()
        roles.append((CREW_NOUNS.get(word) or CREW_VERBS.get(word, "producer"), CREW_ALONGSIDE.name))
    clause = _CLAUSE_AFTER.match(after)
    for verb in CREW_VERB.finditer(clause.group(0) if clause else ""):
        if verb.start() < 40:
            roles.append((CREW_VERBS[verb.group(1).lower()], CREW_VERB.name))
    after = _PAREN_AFTER.sub("", after)  # "Ama Boateng (The Night Shift) joins ..."
    # "A joins creator B as co-showrunner": the role after B is A's
    if not CREW_OBJECT.search(before) or _PARTICIPLE.match(after):  # "with A remaining a producer": A's role
        for r in (CREW_AS_ROLE, CREW_APPOSITIVE):
            m = r.match(after)
            if m:
                roles += [(CREW_NOUNS.get(g.split()[-1].lower()), r.name) for g in m.groups() if g]
    plural = CREW_PLURAL.search(before)
    if plural:
        roles.append((CREW_NOUNS[plural.group(1).lower()], CREW_PLURAL.name))
    noun = CREW_NOUN_BEFORE.search(before)
    if noun:
        roles += [(CREW_NOUNS[w.lower()], CREW_NOUN_BEFORE.name) for w in _ROLE_WORD.findall(noun.group("roles"))]
    seen: dict[str, str] = {}
    for role, why in roles:
        if role and role not in seen:
            seen[role] = why
    return list(seen.items())


def _name_like(ctx: Ctx, sent: Sentence, n: Name) -> bool:
    """A weak candidate counts when the statistical NER agrees it is a person."""
    s = ctx.text[sent.start:sent.end]
    off = n.start - sent.start
    return any(a <= off and off + len(n.text) <= b + 1 for a, b in ner_people(s))


OTHER_WORK_STARRING = rule(
    "cast.other_work_starring", "cast",
    folded(r"^[\"”’']?,?\s+(?:which |that |who )?(?:stars|starring|starred|co-starring|features|featuring|led by)\b"),
    matches=[", starring Mara Quill", "” stars Tobias Wren"],
    rejects=[" is coming back"],
    why="'a spin-off titled X, starring A and B': the names after another work's title are that work's cast")


def _other_works_cast(ctx: Ctx, s: str) -> int | None:
    """Where, in sentence s, the cast of another work named in it begins (None: nowhere)."""
    low = s.lower()
    own = ctx.once(("own_titles",), lambda: {norm(t) for t in ctx.subject.names()})
    for title in ctx.subject.others:
        if len(title) < 4 or norm(title) in own:
            continue
        at = low.find(title.lower())
        while at >= 0:
            m = OTHER_WORK_STARRING.match(s, at + len(title))
            if m:
                return m.end()
            at = low.find(title.lower(), at + 1)
    return None


def _cast(ctx: Ctx, i: int, names: list[Name], pairs: dict[str, str], previous: list[Name],
          target: int | None, intro: str = "", section: bool = False) -> None:
    """Cast claims of one sentence; `intro` is the line that opened the cast list it is an item of."""
    sent = ctx.sents[i]
    text = ctx.text
    s = ctx.sentence_text(sent)
    if intro:
        for g in _groups(text, names):
            season = _season_of(ctx, intro + " " + s, intro, "", text[g[0].start:sent.end], intro, len(g) > 1, False)
            for n in g:
                _cast_one(ctx, i, n, pairs, season, target, False, False, True)
        return
    other = _other_works_cast(ctx, s)
    if other is not None:  # "a spin-off titled X, starring A and B": A and B are X's cast
        names = [n for n in names if n.start < sent.start + other]
        if not names:
            return
    listed, line = CAST_LIST.search(s), CAST_LINE.search(s) or PRONOUN_BACK.search(s)
    if not (listed or line) and section and len([n for n in names if n.text in pairs]) >= 2:
        line = CAST_HEADING  # under a cast heading, a line pairing actors with characters is a cast line
    if not (line or listed or DENIAL.search(s)):
        if PLOT_PAIR.search(s):
            _plot_pairs(ctx, i, names, target)
        return
    if not listed and _only_the_show_returns(ctx, s):
        return
    denial = bool(DENIED.search(s))
    if not [n for n in names if n.strong or " " in n.text] and previous and (
            denial or (STAND_IN.search(s) and _CAST_WORD.search(s)) or PRONOUN_BACK.search(s)):
        names = previous[-1:]  # "the singer has been cast as X", "her agency said nothing was decided"
        if not denial and PRONOUN_BACK.search(s) and not STAND_IN.search(s):
            if not QUESTIONING.search(s):  # "bring him back": the coming season
                _cast_one(ctx, i, names[0], {}, target, target, False, False, False)
            return
        if not denial:
            m = _CAST_AS_HEAD.search(s)
            found = _char_list(text, sent.start + m.end(), sent.end, {}) if m else []
            if found:
                pairs = {names[0].text: found[0][0]}
    if not names or not (denial or line or listed) or (QUESTIONING.search(s) and not denial):
        return
    cue = listed
    groups = _groups(text, names)
    passage = ctx.text[ctx.passages[sent.passage].start:ctx.passages[sent.passage].end]
    for g, group in enumerate(groups):
        # each group of names gets the words up to the next group: "A joins as X; not to be
        # confused with B, who played Y in season one and does not appear"
        window = text[group[0].start:groups[g + 1][0].start if g + 1 < len(groups) else sent.end]
        lead = text[groups[g - 1][-1].end if g else sent.start:group[0].start]
        season = _season_of(ctx, s, text[sent.start:group[0].start], lead, window, passage, len(groups) > 1, denial)
        leaving = bool(LEAVING.search(window) or LEAVING.search(lead)) and not denial
        if leaving and target:
            season = target  # "does not appear in the new episodes" is about the coming season
        for n in group:
            _cast_one(ctx, i, n, pairs, season, target, denial, leaving, cue is not None and n.start - sent.start >= cue.start()
                      and len(group) > 1)


def _only_the_show_returns(ctx: Ctx, s: str) -> bool:
    """Every casting word of the sentence is the show itself coming back ("A says the show
    will return", "A says Harbour Lights will be back")."""
    cues = list(CAST_LINE.finditer(s))
    if not cues or not all(RETURNING.match(c.group(0)) for c in cues):
        return False
    named = ctx.once(("show_returns",), lambda: _title_before_verb([t for t in ctx.subject.names() if t]))
    for c in cues:
        before = s[max(0, c.start() - 60):c.end()]
        if not (SHOW_RETURNS.search(before) or (named is not None and named.search(s[max(0, c.start() - 120):c.start()]))):
            return False
    return True


def _title_before_verb(titles: list[str]) -> re.Pattern | None:
    if not titles:
        return None
    return re.compile("(?:" + "|".join(map(re.escape, titles)) + r")[\"”’']?\s+"
                      r"(?:will|would|is set to|is going to|'ll|is)?\s*(?:officially\s+)?$", re.I)


def _sentence_cue(ctx: Ctx, s: str, kind: str) -> bool:
    """Sentence-wide cues, asked once per sentence however many name groups it has."""
    def look() -> bool:
        if kind == "upcoming":
            return bool(ctx.about_target(s) or UPCOMING_CUE.search(s) or RETURNING.search(s) or HEDGED.search(s))
        if kind == "description":
            m = TITLE_CAST.search(s)
            return bool(PLAIN_DESCRIPTION.search(s) or m and _bare_title(ctx, m.group("t")))
        return bool(CAST_ROSTER.search(s))
    return ctx.once(("cast_cue", kind, s), look)


def _bare_title(ctx: Ctx, words: str) -> bool:
    """The subject's title (or an alias) with no season after it: "the cast of X", not "of X season 2"."""
    titles = ctx.once(("bare_titles",), lambda: {norm(t) for t in (ctx.subject.title, *ctx.subject.aliases)})
    return norm(words) in titles


def _season_of(ctx: Ctx, s: str, head: str, lead: str, window: str, passage: str, several: bool,
               denial: bool) -> int | None:
    """The season a group of names in a cast line belongs to. `head` is the sentence up to the
    group, `lead` the words since the group before, `window` the words up to the next group."""
    target = ctx.subject.season
    if target is None:
        return None
    past = bool(EARLIER_SEASON.search(window)) and several
    # "The first season was led by A and B, ...": an earlier season named before the names wins
    before = ctx.season_in(head)
    if before and before < target and not (ctx.about_target(head) or UPCOMING_CUE.search(head) or RETURNING.search(head)
                                           or (ctx.season_in(window) or 0) >= target):
        return before  # ("Following season 1, A and B confirmed their parts in seasons 2 and 3": the later)
    if (ctx.about_target(window) or UPCOMING_CUE.search(window) or RETURNING.search(window) or denial
            or (not past and _sentence_cue(ctx, s, "upcoming"))):
        return target
    named = ctx.season_in(window if several else s)
    if named:
        return named
    # a past-tense line, or a description of who is in the show ("the series also featured A"), is history
    if EARLIER_SEASON.search(lead + window) or _sentence_cue(ctx, s, "description"):
        return target - 1 if target > 1 else target
    if ctx.about_target(passage) or UPCOMING_CUE.search(passage):
        return target
    # no cue either way: a cast list follows the article's season; "A plays the keeper" is history
    if not _sentence_cue(ctx, s, "roster"):
        return target - 1 if target > 1 else target
    return target


PLOT_PAIR = rule(
    "cast.plot_pair", "cast",
    re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}\s*\(\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}\s*\)"),
    matches=["At least she has her roommate, Juno Vale (Mara Quill)."],
    rejects=["She has a roommate (her cousin)."],
    why="a plot summary naming each character with its actor in brackets ('her roommate, Juno Vale (Mara "
        "Quill)') says who plays whom: in the season it names, else the one before the article's")


def _plot_pairs(ctx: Ctx, i: int, names: list[Name], target: int | None) -> None:
    """The actor is the name in brackets, the character the name just before them; the season is
    the last one named before the pair, the coming one for a forward-looking line, else the one
    before the article's."""
    sent = ctx.sents[i]
    text = ctx.text
    s = ctx.sentence_text(sent)
    ahead = bool(UPCOMING_CUE.search(s) or HEDGED.search(s))
    credits = _credit_spans(ctx, sent)
    # every name of the sentence: the bracket reading may have taken the actor for a character
    for n in _candidates(ctx, sent):
        if any(a < n.start and n.end < b for a, b in credits) or _organisation(n.text):
            continue
        role = _ROLE_BEFORE_BRACKET.search(text, max(sent.start, n.start - 50), n.start)
        if not (n.strong or " " in n.text) or not role or not text[n.end:n.end + 2].lstrip().startswith(")"):
            continue
        named = [season_number(m.group(1) or m.group(2)) for m in SEASON_ANY.finditer(text, sent.start, n.start)]
        season = named[-1] if named and named[-1] else (target if ahead else (target - 1 if target and target > 1 else target))
        _cast_one(ctx, i, n, {n.text: role.group(1)}, season, target, False, False, False, rule_name=PLOT_PAIR.name)


_ROLE_BEFORE_BRACKET = re.compile(r"\b([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})(?:'s|’s)?\s*\(\s*$")


def _cast_one(ctx: Ctx, i: int, n: Name, pairs: dict[str, str], season: int | None, target: int | None,
              denial: bool, leaving: bool, in_list: bool, rule_name: str | None = None) -> None:
    sent = ctx.sents[i]
    text = ctx.text
    s = ctx.sentence_text(sent)
    historical = bool(target and season and season < target)
    if not (n.strong or in_list or n.text in pairs or (" " in n.text and _name_like(ctx, sent, n)) or _cast_verb_next(text, n)):
        return
    if OFFSCREEN.match(text[n.end:n.end + 60]) or MEDIA_BEFORE.search(text[max(0, n.start - 30):n.start]):
        return  # "A, CEO of the studio, said": not a casting
    if text[n.end:n.end + 2] in ("'s", "’s") and n.text not in pairs:
        return  # "Choi Ye-won's character", "Han Da-bin's webtoon": not a casting
    character = pairs.get(n.text)
    fields = {"person": n.text, "character": character, "season": season}
    if denial:
        ctx.add("cast", fields, sent, "denied", season=season, polarity=False, rule=DENIED.name)
        return
    if leaving:
        ctx.add("cast", fields, sent, ctx.certainty(i, 0, len(s)), season=season, polarity=False, rule=LEAVING.name)
    elif historical:
        ctx.add("cast", fields, sent, "reported", season=season, historical=True, rule=rule_name or EARLIER_SEASON.name)
    else:
        certainty, why = _cast_certainty(ctx, i, s)
        ctx.add("cast", fields, sent, certainty, season=season, rule=rule_name or why)
    # "returns as X" says nothing about which earlier season X was in: no history is made up


def _cast_verb_next(text: str, n: Name) -> bool:
    """A one-word (stage) name counts next to a casting verb: "added Dabi to", "Dabi has joined"."""
    before = text[max(0, n.start - 25):n.start]
    after = text[n.end:n.end + 30]
    return bool(VERB_BEFORE.search(before) or VERB_AFTER.match(after))


def _cast_certainty(ctx: Ctx, i: int, s: str) -> tuple[str, str]:
    """The whole sentence speaks for each name in a list ("A, B and C are expected to return"),
    and an announcement reported earlier in the article stands behind the cast lines after it.
    Returns the certainty and the rule that decided it."""
    certainty = certainty_of(s, ctx.attribution_context(i))
    if certainty == "denied":
        certainty = "reported"
    # a plain future line ("A will play X") is reported; only hedges make it speculation
    if certainty == "reported" and i > 0 and ctx.sents[i - 1].passage == ctx.sents[i].passage and ALSO_HEDGED.search(s):
        before = ctx.sentence_text(ctx.sents[i - 1])
        if CAST_LINE.search(before) and certainty_of(before, ctx.attribution_context(i - 1)) == "speculation":
            return "speculation", ALSO_HEDGED.name
    if certainty == "reported" and _announced_by(ctx, i):
        return "official", CAST_ANNOUNCED.name
    return certainty, CAST_LINE.name


def _announced_by(ctx: Ctx, i: int) -> bool:
    """Some sentence up to i reports that the cast was announced ("Netflix revealed the cast at
    its fan event", "the clip confirmed the line-up"), or that a trailer is out."""
    first = ctx.once(("cast_announced",), lambda: next(
        (j for j, sent in enumerate(ctx.sents) if CAST_ANNOUNCED.search(ctx.sentence_text(sent))
         or TRAILER_OUT.search(ctx.sentence_text(sent))), None))  # a trailer out: its people are on screen
    if first is not None and first <= i:
        return True
    lead = ctx.once(("official_lead",), lambda: next((j for j in range(min(2, len(ctx.sents))) if _official_lead(ctx, j)), None))
    return lead is not None and lead <= i and not any(s.kind == "heading" for s in ctx.sents[lead + 1:i])


IT_IS_OFFICIAL = rule(
    "cast.it_is_official", "cast",
    folded(r"\bit(?:'s|’s| is) (?:now )?official\b"),
    matches=["It's official: Mara Quill joins the second season."],
    rejects=["The official account posted a photo."],
    why="an article that opens with 'it's official' reports an announcement")


def _official_lead(ctx: Ctx, j: int) -> bool:
    """An article that opens on the platform's own announcement ("the network revealed Tuesday
    that production has begun") reports that announcement: the plain cast lines after it, up to the
    next heading, are part of it."""
    sent = ctx.sents[j]
    s = ctx.sentence_text(sent)
    return (sent.kind != "heading" and (ANNOUNCEMENT.search(s) is not None or OFFICIAL_PARTY.search(s) is not None
                                        or IT_IS_OFFICIAL.search(s) is not None)
            and certainty_of(s, ctx.attribution_context(j)) == "official")

