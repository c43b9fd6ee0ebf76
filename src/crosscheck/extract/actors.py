"""Actors: people, organisations and places named in an article, unified across their mentions.

spaCy's entities are the starting point. Rules fix what the small model gets
wrong on news text: a "person" that the text puts in a place context ("in
Kursk", "the Kursk region") is a place, "Mr/Ms X" is a person, and a title
("President", "Gen.") is not part of a name. People are unified by surname
within an article ("Vladimir Putin" = "Putin" = "Mr Putin"), the fullest form
being canonical; :func:`unify_story` does the same across a story's articles.
Each person keeps the role the text gives them ("Kremlin spokesman", "the chief
of Russia's general staff") so that "the US president" can be resolved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..lexicon import AGENCIES, NOT_PLACES, ORG_HEADS, TIME_ZONES
from .. import lexicon
from ..model import Actor, ActorType, Span
from .nlp import doc_text

TITLES = lexicon.TITLES
_PLACE_BEFORE = lexicon.PLACE_BEFORE
_PLACE_AFTER = lexicon.PLACE_AFTER
_ORG_HINTS = re.compile(r"\b(?:" + "|".join(lexicon.ORG_HINT_WORDS) + r")\b", re.I)
_LABEL_TYPE = {
    "PERSON": ActorType.person,
    "ORG": ActorType.org,
    "GPE": ActorType.place,
    "LOC": ActorType.place,
    "FAC": ActorType.place,
    "NORP": None,  # adjectives of nationality are not actors
}
ALIASES = lexicon.ALIASES
_NOT_ROLE = re.compile(r"\b(?:will|would|has|had|is|was|were|are|whose|who|which|said|says)\b", re.I)
_ROLE_DEPS = {"compound", "amod", "nmod", "poss", "det"}
_ROLE_WORD = re.compile(r"\b(?:" + "|".join(lexicon.ROLE_WORDS) + r")\b", re.I)


def strip_title(name: str) -> str:
    words = name.replace("’", "'").split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    name = " ".join(words)
    return re.sub(r"'s$", "", name).strip(" ,.")


POSTNOMINALS = lexicon.POSTNOMINALS


def _strip_post(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in POSTNOMINALS:
        words = words[:-1]
    return " ".join(words)


def clean_name(name: str) -> str:
    """A name without titles or post-nominals: 'Prosecutor Daniel Okafor KC' -> 'Daniel Okafor'."""
    return _strip_post(strip_title(name))


def name_stem(word: str) -> str:
    """'Kordavian', 'Kordavia' -> '~kordav': a nation, its people and its forces as one side."""
    w = word.lower().replace("’", "'").removesuffix("'s")
    for suf in sorted(lexicon.DEMONYM_SUFFIXES, key=len, reverse=True):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            w = w[: -len(suf)]
            break
    return "~" + w.rstrip("aeiouy")


@lru_cache(maxsize=65536)
def surname(name: str) -> str:
    """The last word of a name without its titles (cached: alignment asks for the same few names thousands of times)."""
    stripped = strip_title(name)
    return stripped.split()[-1] if stripped else name


def _role_before(ent) -> bool:  # noqa: ANN001
    """A lower-case role noun ('commissioner', 'minister') right before the entity, as its compound."""
    doc = ent.doc
    i = ent.start - 1
    if i >= 1 and doc[i].text == "," and (i < 2 or doc[i - 2].lower_ not in ("the", "a", "an")):
        i -= 1  # "former ISRO chief, K Sivan": the role in apposition before the name
    return i >= 0 and doc[i].pos_ == "NOUN" and doc[i].text.islower() and bool(_ROLE_WORD.fullmatch(doc[i].text))


def _place_context(doc, text: str) -> bool:
    """True when the text puts this name where places go ('in Kursk', 'the Kursk region')."""
    pat = re.compile(r"(?:\b(" + "|".join(_PLACE_BEFORE) + r")\s+(?:the\s+)?" + re.escape(text) + r"\b)|(?:\b" + re.escape(text) + r"\s+(" + "|".join(_PLACE_AFTER) + r")\b)")
    return bool(pat.search(doc_text(doc)))


def _role(ent) -> str | None:
    """The role words the text attaches to a name: 'Kremlin spokesman Dmitry Peskov', 'X, the chief of ...'."""
    root = ent.root
    doc = ent.doc
    left = []
    taken = set(range(ent.start, ent.end))
    i = ent.start - 1
    while i >= 0 and not doc[i].is_punct and doc[i].dep_ in _ROLE_DEPS and doc[i].head.i in taken:
        left.append(doc[i])
        taken.add(doc[i].i)
        i -= 1
    role = " ".join(t.text for t in sorted(left, key=lambda t: t.i) if t.dep_ != "det" or t.i != min(x.i for x in left)).strip()
    if role and _ROLE_WORD.search(role) and not _NOT_ROLE.search(role):
        return role
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            sub = doc[child.left_edge.i : child.right_edge.i + 1].text
            if _ROLE_WORD.search(sub) and len(sub) < 120 and not _NOT_ROLE.search(sub):
                return re.sub(r"^(?:the|a|an)\s+", "", sub)
    # "Valery Gerasimov, the chief of ..." parsed with the role as a sibling
    nxt = doc[ent.end : ent.end + 12].text if ent.end < len(doc) else ""
    m = re.match(r"^,\s*(?:the\s+|a\s+)?([^,]{3,90}?),", nxt)
    if m and _ROLE_WORD.search(m.group(1)) and not _NOT_ROLE.search(m.group(1)):
        return m.group(1)
    return None


def extract_actors(doc, spans: Iterable[tuple[int, int]] | None = None) -> list[Actor]:
    """Actors of one parsed article; only entities inside ``spans`` (on-topic text) when given."""
    spans = list(spans) if spans is not None else [(0, len(doc_text(doc)))]
    inside = lambda e: any(a <= e.start_char and e.end_char <= b for a, b in spans)  # noqa: E731
    people: dict[str, Actor] = {}  # surname -> actor
    others: dict[str, Actor] = {}  # canonical lower -> actor
    mentions: list[tuple[str, object]] = []
    place_cache: dict[str, bool] = {}
    for ent in doc.ents:
        if not inside(ent):
            continue
        label = ent.label_
        text = ent.text.strip()
        if label in ("PERSON", "PRODUCT", "WORK_OF_ART", "ORG") and len(text.split()) == 1 and text[:1].isupper():
            if text not in place_cache:
                place_cache[text] = _place_context(doc, text)
            if place_cache[text] and label != "ORG":
                label = "GPE"
        if label == "PERSON" and _ORG_HINTS.search(text):
            label = "ORG"
        if label in ("ORG", "GPE", "NORP", "PRODUCT") and _role_before(ent) and not _ORG_HINTS.search(text) and len(text.split()) >= 2:
            label = "PERSON"  # "peace commissioner Álvaro Restrepo Lenis": a role noun before a name
        kind = _LABEL_TYPE.get(label)
        if kind is None or text.replace(".", "").upper() in TIME_ZONES and len(text) <= 6:
            continue  # "E.T.", "GMT": a time zone is not an actor
        if label in ("ORG", "PERSON") and text.lower() in AGENCIES | ORG_HEADS:
            kind = ActorType.org
        elif label == "PERSON" and text.split()[-1].lower() in ORG_HEADS:
            kind = ActorType.org  # "Sky News", "the tracking site": outlets and services are organisations
        elif kind == ActorType.place and text.lower().removeprefix("the ") in NOT_PLACES:
            continue  # "the West" is a bloc, not a place
        mentions.append((kind.value, ent))
    # "Mr Putin" / "Ms Leavitt" that the model missed or took for something else
    for m in re.finditer(r"\b(?:Mr|Mrs|Ms|Dr)\.?\s+([A-Z][\w'’-]+)", doc_text(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or not inside(span):
            continue
        mentions = [(k, e) for k, e in mentions if not (e.start_char <= m.start(1) < e.end_char and k != "person")]
        if not any(e.start_char <= m.start(1) < e.end_char for _k, e in mentions):
            mentions.append(("person", span))

    # people: fullest name per surname is canonical
    persons = [(e, clean_name(e.text)) for k, e in mentions if k == "person" and strip_title(e.text)]
    # people who share a surname ("Joe Biden", "Hunter Biden") stay apart: a bare surname joins a full
    # name only when exactly one person of that surname is named in full
    full_by_surname: dict[str, set[str]] = {}
    for _e, name in persons:
        if len(name.split()) > 1:
            full_by_surname.setdefault(surname(name), set()).add(name.split()[0])
    for e, name in sorted(persons, key=lambda x: -len(x[1].split())):
        key = surname(name)
        if len(name.split()) == 1 and not name[0].isupper():
            continue
        if len(full_by_surname.get(key, ())) > 1:
            key = name if len(name.split()) > 1 else "?" + name  # an ambiguous bare surname is its own entry
        actor = people.get(key)
        if actor is None:
            # a one-word name that is someone's first name ("Vladimir") joins that person
            actor = people.setdefault(key, Actor(name=name, type=ActorType.person))
        if name not in actor.aliases and name != actor.name:
            actor.aliases.append(name)
        if e.text != name and e.text not in actor.aliases:
            actor.aliases.append(e.text)
        actor.mentions.append(Span(start=e.start_char, end=e.end_char, text=e.text))
        if actor.role is None and hasattr(e, "root"):
            actor.role = _role(e)
    by_alias = {}
    for actor in people.values():
        for al in [actor.name, *actor.aliases]:
            by_alias[al] = actor
            by_alias[surname(al)] = actor
    for kind, e in mentions:
        if kind == "person":
            continue
        # a bare surname the model took for an organisation ("Dravetsky", "Adebayo-Clarke") is the person
        bare = clean_name(e.text.strip())
        if bare in by_alias and len(bare.split()) <= 2:
            by_alias[bare].mentions.append(Span(start=e.start_char, end=e.end_char, text=e.text))
            continue
        name = re.sub(r"[’']s$", "", re.sub(r"^the\s+", "", e.text.strip(), flags=re.I)).strip()
        canon = ALIASES.get(name.lower(), name)
        actor = others.setdefault(canon.lower(), Actor(name=canon, type=ActorType(kind)))
        if name != canon and name not in actor.aliases:
            actor.aliases.append(name)
        actor.mentions.append(Span(start=e.start_char, end=e.end_char, text=e.text))
    _complete_names(doc_text(doc), people)
    for key in list(people):
        actor = people[key]
        titled = re.search(r"\b(?:Mr|Mrs|Ms|Dr|Miss)\.?\s+" + re.escape(actor.name) + r"\b", doc_text(doc))
        if len(actor.name.split()) == 1 and not titled:
            # "Kyiv agreed ...": a single word the model called a person, never given a first name or a title
            del people[key]
            other = others.setdefault(actor.name.lower(), Actor(name=actor.name, type=ActorType.place if place_cache.get(actor.name) else ActorType.other))
            other.mentions.extend(actor.mentions)
    _join_variants(people)
    out = list(people.values()) + list(others.values())
    _all_mentions(doc_text(doc), out, spans)
    for a in out:
        a.mentions.sort(key=lambda s: s.start)
    return sorted(out, key=lambda a: (a.mentions[0].start if a.mentions else 0))


def dateline_place(text: str, actors: list[Actor]) -> list[Actor]:
    """The dateline's city is a place ('ZAGREB (Reuters) - ...'), never an organisation or a person, and
    the same city named in the body is that place."""
    from ..clean.metadata import parse_dateline

    city, _agency, n = parse_dateline(text.split("\n", 1)[0])
    if not city:
        return actors
    at = text.find(city, 0, n)
    name = city.title() if city.isupper() else city
    in_dateline = lambda a: all(m.end <= n for m in a.mentions)  # noqa: E731
    kept = [a for a in actors if not (in_dateline(a) and a.type != ActorType.place and a.name.lower() == city.lower())]
    place = next((a for a in kept if a.type == ActorType.place and a.name.lower() == city.lower()), None)
    if place is None:
        place = Actor(name=name, type=ActorType.place)
        kept.append(place)
    spans = [(at, at + len(city))] if at >= 0 else []
    spans += [(m.start(), m.end()) for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text) if m.start() >= n]
    taken = {(m.start, m.end) for a in kept for m in a.mentions}
    for a0, a1 in spans:
        if (a0, a1) not in taken:
            place.mentions.append(Span(start=a0, end=a1, text=text[a0:a1]))
    place.mentions.sort(key=lambda m: m.start)
    return sorted(kept, key=lambda a: (a.mentions[0].start if a.mentions else 0))


def _join_variants(people: dict[str, Actor]) -> None:
    """Spelling variants of one person within an article become one actor, the more mentioned spelling canonical."""
    keys = list(people)
    for i, k in enumerate(keys):
        a = people.get(k)
        if a is None:
            continue
        for k2 in keys[i + 1 :]:
            b = people.get(k2)
            if b is not None and spelling_variant(a, b):
                keep, drop = (a, b) if len(a.mentions) >= len(b.mentions) else (b, a)
                for al in [drop.name, *drop.aliases]:
                    if al != keep.name and al not in keep.aliases:
                        keep.aliases.append(al)
                keep.mentions.extend(drop.mentions)
                keep.role = keep.role or drop.role
                people[k if keep is a else k2] = keep
                del people[k2 if keep is a else k]
                if keep is b:
                    break


def _complete_names(text: str, people: dict[str, Actor]) -> None:
    """A person known by one word ('Marchetti') takes the fullest form the text writes ('Jean-Luc Marchetti')."""
    for key, actor in people.items():
        actor.name = _strip_post(actor.name)
        if len(actor.name.split()) > 1:
            continue
        pat = re.compile(r"\b((?:[A-Z][\w'’-]+\s+|[A-Z]\.?\s+){1,2})" + re.escape(actor.name) + r"\b")
        best = None
        for m in pat.finditer(text):
            first = m.group(1).split()
            first = [w for w in first if w.lower().rstrip(".") not in TITLES]
            if first and _is_given_name(first[0]):
                cand = " ".join(first + [actor.name])
                if best is None or len(cand) > len(best):
                    best = cand
        if best is None and _is_given_name(actor.name):
            nxt = re.search(re.escape(actor.name) + r"\s+([A-Z][\w'’-]+)\b", text)
            if nxt and _is_given_name(nxt.group(1)):
                best = actor.name + " " + nxt.group(1)
        if best:
            actor.aliases.append(actor.name)
            actor.name = best


def _is_given_name(word: str) -> bool:
    """A capitalised word that is not a common English word (so not 'The', 'Kremlin spokesman'...)."""
    from ..clean.sections import _zipf

    if re.fullmatch(r"[A-Z]\.?", word) and word not in ("A", "I"):
        return True  # an initial: "K Sivan", "J. Smith"
    return word[:1].isupper() and _zipf(word.lower()) < 4.6 and not word.isupper()


def _all_mentions(text: str, actors: list[Actor], spans: list[tuple[int, int]]) -> None:
    """Every occurrence of an actor's name, aliases and spelling variants ('Kiev' for 'Kyiv'; 'Putin' for a person).

    Linear in the text for a fixed set of names: one regular expression of every form, one
    scan, and an occupancy array instead of comparing each hit with every taken span.
    """
    import bisect

    taken = bytearray(len(text) + 1)
    for a in actors:
        for m in a.mentions:
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    counts: dict[str, int] = {}
    for a in actors:
        if a.type == ActorType.person:
            counts[surname(a.name)] = counts.get(surname(a.name), 0) + 1
    owner: dict[str, Actor] = {}
    for a in actors:
        forms = {a.name, *a.aliases}
        if a.type == ActorType.person:
            if counts.get(surname(a.name), 0) == 1:  # a bare surname only when no one else has it
                forms.add(surname(a.name))
        else:
            forms |= {k for k, v in ALIASES.items() if v == a.name and len(k) > 3 and k.isalpha()}
        for form in forms:
            if len(form) >= 3:
                owner.setdefault(form if not form.islower() else form.lower(), a)
    if not owner:
        return
    alts = sorted(owner, key=len, reverse=True)
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in alts) + r")(?![\w-])", re.I)
    starts = [x for x, _y in spans]
    for m in rx.finditer(text):
        form = m.group(0)
        a = owner.get(form)
        if a is None:
            a = owner.get(form.lower())
            if a is None or not text[m.start()].isupper():
                continue  # case-insensitive hits only for lower-case variants, written capitalised
        if taken[m.start()] or any(taken[m.start() : m.end()]):
            continue
        k = bisect.bisect_right(starts, m.start()) - 1
        if k < 0 or m.end() > spans[k][1]:
            continue
        a.mentions.append(Span(start=m.start(), end=m.end(), text=form))
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())


def person_by_name(actors: list[Actor], name: str) -> Actor | None:
    """The person actor a name refers to ('Mr Putin', 'Putin', 'Vladimir Putin')."""
    bare = clean_name(name)
    people = [a for a in actors if a.type == ActorType.person]
    for a in people:
        if bare == a.name or name in a.aliases or bare in a.aliases:
            return a
    key = surname(name)
    same = [a for a in people if surname(a.name) == key]
    if len(bare.split()) > 1:  # a full name joins only a person with the same first name
        same = [a for a in same if len(a.name.split()) == 1 or a.name.split()[0] == bare.split()[0]]
    return same[0] if len(same) == 1 else None  # two people of that surname: do not guess


# Two surnames at least this similar (rapidfuzz ratio, 0-100) may be spellings of one name: "Rabie"/"Rabei"
# and "Wiedefeld"/"Widefield" score 80 and 89, while distinct common surnames of the same length differ by
# two letters or more at length 5 ("Smith"/"Smyth" is 80 too, hence the second condition below).
SURNAME_VARIANT_RATIO = 80


def _role_words(role: str | None) -> set[str]:
    return {m.group(0).lower() for m in _ROLE_WORD.finditer(role or "")}


def spelling_variant(a: Actor, b: Actor) -> bool:
    """Two people whose surnames are spelling variants, joined only with the same first name or the same role
    ('Paul Rabie' / 'Paul Rabei'; 'transport secretary Wiedefeld' / 'transport secretary Widefield')."""
    from rapidfuzz import fuzz

    if a.type != ActorType.person or b.type != ActorType.person:
        return False
    sa, sb = surname(a.name), surname(b.name)
    if sa.lower() == sb.lower() or min(len(sa), len(sb)) < 4 or fuzz.ratio(sa.lower(), sb.lower()) < SURNAME_VARIANT_RATIO:
        return False
    fa, fb = a.name.split()[:-1], b.name.split()[:-1]
    if fa and fb:
        return fa[0] == fb[0]  # two first names: they must agree
    return bool(_role_words(a.role) & _role_words(b.role))


def unify_story(per_article: list[list[Actor]]) -> list[Actor]:
    """Actors of a story: the same person or place across articles becomes one actor (fullest name wins);
    spelling variants of one person's name join when first name or role agree (:func:`spelling_variant`)."""
    merged: dict[tuple[str, str], Actor] = {}
    for actors in per_article:
        for a in actors:
            key = (a.type.value, surname(a.name).lower() if a.type == ActorType.person else a.name.lower())
            m = merged.get(key)
            if m is None:
                m = next((x for x in merged.values() if spelling_variant(x, a)), None)
                if m is not None:
                    merged[key] = m
            if m is None:
                merged[key] = Actor(name=a.name, type=a.type, aliases=list(a.aliases), role=a.role)
                continue
            if len(a.name.split()) > len(m.name.split()):
                m.aliases.append(m.name)
                m.name = a.name
            for al in [a.name, *a.aliases]:
                if al != m.name and al not in m.aliases:
                    m.aliases.append(al)
            m.role = m.role or a.role
    unique = list({id(m): m for m in merged.values()}.values())
    return sorted(unique, key=lambda a: (a.type.value, a.name))
