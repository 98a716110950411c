"""Reading and checking lexicon files (TOML), with ``file:line`` in every message.

>>> lex = load_lexicon()
>>> lex.id, len(lex.concept_ids)
('korean_peninsula', 17)
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Optional, Union

import attrs

from .._toml import tomllib
from ..errors import LexiconError
from .frames import DEFAULT_WINDOW, MAX_WINDOW, Frame, frame_part
from .matcher import Matcher
from .patterns import Pattern, PatternError, compile_pattern

__all__ = [
    "Concept",
    "Scope",
    "Lexicon",
    "load_lexicon",
    "lexicon_problems",
    "lexicon_from_patterns",
    "BUNDLED_LEXICON",
]

BUNDLED_LEXICON = "korean_peninsula.toml"

_TOP_KEYS = ("id", "title", "version", "description", "scope", "concepts")
_SCOPE_KEYS = ("patterns", "except", "stop", "sentences_before", "sentences_after", "lead", "self")
_CONCEPT_KEYS = ("id", "label", "description", "patterns", "supersedes", "except", "opposed_by", "frames")
_FRAME_KEYS = ("name", "predicates", "objects", "actors", "window", "ordered", "except")
EXCEPT_SUFFIX = "!except"  # concept id of the compiled ``except`` patterns of a concept
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
MAX_WINDOW_SENTENCES = 10


@attrs.frozen
class Concept:
    """One position concept: its id, a short label, what it means, and its patterns."""

    id: str
    label: str = ""
    description: str = ""
    patterns: tuple[str, ...] = ()
    supersedes: tuple[str, ...] = ()  # concepts whose overlapping matches this one's replace
    exceptions: tuple[str, ...] = ()  # phrases in which this concept's words do not express it
    frames: tuple[Frame, ...] = ()  # predicate + object (+ actor) frames that also express it
    opposed_by: tuple[str, ...] = ()  # countries whose own documents name it only to reject it


@attrs.frozen
class Scope:
    """What marks a passage as being about the lexicon's issue, and how far that reaches.

    A passage is in scope from ``sentences_before`` sentences before a sentence holding a
    scope match to ``sentences_after`` sentences after it.
    With ``lead``, an article whose title or first paragraph holds a scope match is in
    scope throughout. ``self_names`` maps a country (ISO alpha-3) to patterns that name the
    country itself: they are not scope matches in that country's own documents. A sentence
    holding an ``exceptions`` pattern ("Crimea") has no scope match. A sentence holding a
    ``stops`` pattern (another issue: "Iran", "Middle East") and no scope match ends a
    passage. A lexicon with no scope patterns puts every passage in scope.
    """

    patterns: tuple[str, ...] = ()
    sentences_before: int = 0
    sentences_after: int = 3
    lead: bool = True
    self_names: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exceptions: tuple[str, ...] = ()  # patterns that veto the scope matches of their sentence
    stops: tuple[str, ...] = ()  # other issues: a sentence naming one (and not this issue) ends a passage


@attrs.frozen
class Lexicon:
    """A concept lexicon for one issue, compiled for matching."""

    id: str
    title: str
    version: str
    concepts: tuple[Concept, ...]
    scope: Scope = Scope()
    description: str = ""
    path: str = ""
    patterns: tuple[Pattern, ...] = attrs.field(default=(), repr=False, eq=False)
    matcher: Matcher = attrs.field(default=None, repr=False, eq=False)
    scope_matcher: Optional[Matcher] = attrs.field(default=None, repr=False, eq=False)
    self_matchers: tuple[tuple[str, Matcher], ...] = attrs.field(default=(), repr=False, eq=False)
    except_matcher: Optional[Matcher] = attrs.field(default=None, repr=False, eq=False)
    stop_matcher: Optional[Matcher] = attrs.field(default=None, repr=False, eq=False)
    frames: tuple[Frame, ...] = attrs.field(default=(), repr=False, eq=False)  # every concept's, in order

    @property
    def concept_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.concepts)

    def concept(self, cid: str) -> Concept:
        for c in self.concepts:
            if c.id == cid:
                return c
        raise LexiconError(f"{self.path or self.id}: unknown concept {cid!r} (known: {', '.join(self.concept_ids)})")


def _bundled_path() -> Path:
    return Path(str(resources.files("positions") / "data" / "lexicons" / BUNDLED_LEXICON))


def load_lexicon(path: Union[str, Path, None] = None) -> Lexicon:
    """Read and compile a lexicon (the bundled Korean Peninsula one by default).

    Raises :class:`LexiconError` naming the file and line of the first problem.
    """
    p = Path(path) if path is not None else _bundled_path()
    return _load_cached(str(p))


@functools.lru_cache(maxsize=16)
def _load_cached(path: str) -> Lexicon:
    lex, problems = _read(path)
    if problems:
        more = f" (and {len(problems) - 1} more problem(s); run `positions lexicon check`)" if len(problems) > 1 else ""
        raise LexiconError(problems[0] + more)
    assert lex is not None
    return lex


def lexicon_problems(path: Union[str, Path]) -> tuple[str, ...]:
    """Every problem of a lexicon file, one ``file:line: message`` each (empty: valid)."""
    return tuple(_read(str(path))[1])


def lexicon_from_patterns(patterns: tuple[str, ...], concept: str = "pattern") -> Lexicon:
    """A one-concept lexicon with no scope, for ad hoc patterns (``positions kwic PATTERN``).

    >>> lexicon_from_patterns(("step by step",)).concept_ids
    ('pattern',)
    """
    compiled = []
    for text in patterns:
        try:
            compiled.append(compile_pattern(text, concept))
        except PatternError as exc:
            raise LexiconError(f"pattern {text!r}: {exc}") from None
    concepts = (Concept(concept, concept, "", tuple(patterns)),)
    return Lexicon(concept, concept, "", concepts, Scope(), "", "", tuple(compiled), Matcher(compiled))


class _Lines:
    """Find the line of a key or a string in the raw TOML, for messages."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.headers = [i for i, line in enumerate(self.lines) if line.strip() == "[[concepts]]"]
        self.frame_headers = [i for i, line in enumerate(self.lines) if line.strip() == "[[concepts.frames]]"]

    def concept_line(self, k: int) -> int:
        return self.headers[k] + 1 if k < len(self.headers) else 1

    def find(self, needle_re: str, start: int = 1, end: Optional[int] = None) -> int:
        rx = re.compile(needle_re)
        stop = end if end is not None else len(self.lines)
        for i in range(start - 1, stop):
            if i < len(self.lines) and rx.search(self.lines[i]):
                return i + 1
        return start

    def key(self, key: str, start: int = 1, end: Optional[int] = None) -> int:
        return self.find(rf"^\s*{re.escape(key)}\s*=|^\s*\[+\s*{re.escape(key)}\b", start, end)

    def string(self, value: str, start: int, end: Optional[int]) -> int:
        quoted = "|".join(re.escape(q) for q in (_toml_quote(value), f"'{value}'"))
        return self.find(quoted, start, end)


def _toml_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _read(path: str) -> tuple[Optional[Lexicon], list[str]]:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return None, [f"{path}: cannot read: {exc.strerror or exc}"]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [f"{path}: invalid UTF-8 at byte {exc.start}"]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column \d+\)", msg)
        line = m.group(1) if m else str(max(1, len(text.splitlines())))
        reason = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", msg)
        return None, [f"{path}:{line}: invalid TOML: {reason}"]
    return _build(path, data, _Lines(text))


def _build(path: str, data: dict[str, Any], lines: _Lines) -> tuple[Optional[Lexicon], list[str]]:
    problems: list[str] = []

    def bad(line: int, msg: str) -> None:
        problems.append(f"{path}:{line}: {msg}")

    for key in data:
        if key not in _TOP_KEYS:
            bad(lines.key(key), f"unknown key {key!r} (known: {', '.join(_TOP_KEYS)})")
    lex_id = data.get("id")
    if not isinstance(lex_id, str) or not _ID_RE.match(lex_id):
        bad(lines.key("id"), "lexicon 'id' must be a lowercase identifier like \"korean_peninsula\"")
        lex_id = ""
    strings = {}
    for key in ("title", "version", "description"):
        value = data.get(key, "")
        if not isinstance(value, str):
            bad(lines.key(key), f"{key!r} must be a string")
            value = ""
        strings[key] = value

    scope, scope_patterns, self_patterns, except_patterns, stop_patterns = _build_scope(data.get("scope", {}), lines, bad)
    concepts: list[Concept] = []
    compiled: list[Pattern] = []
    raw_concepts = data.get("concepts")
    if not isinstance(raw_concepts, list) or not raw_concepts:
        bad(lines.key("concepts"), "a lexicon needs at least one [[concepts]] table")
        raw_concepts = []
    seen_ids: dict[str, int] = {}
    seen_patterns: dict[tuple[str, ...], tuple[str, str]] = {}
    all_frames: list[Frame] = []
    for k, raw in enumerate(raw_concepts):
        first = lines.concept_line(k)
        last = lines.headers[k + 1] if k + 1 < len(lines.headers) else None
        if not isinstance(raw, dict):
            bad(first, "each concept must be a table")
            continue
        for key in raw:
            if key not in _CONCEPT_KEYS:
                bad(lines.key(key, first, last), f"unknown key {key!r} in concept (known: {', '.join(_CONCEPT_KEYS)})")
        cid = raw.get("id")
        if not isinstance(cid, str) or not _ID_RE.match(cid):
            bad(lines.key("id", first, last), f"concept {k + 1}: 'id' must be a lowercase identifier")
            continue
        if cid in seen_ids:
            bad(lines.key("id", first, last), f"duplicate concept id {cid!r} (first at line {seen_ids[cid]})")
            continue
        seen_ids[cid] = lines.key("id", first, last)
        label, description = raw.get("label", cid), raw.get("description", "")
        for key, value in (("label", label), ("description", description)):
            if not isinstance(value, str):
                bad(lines.key(key, first, last), f"concept {cid!r}: {key!r} must be a string")
        pats = raw.get("patterns", [] if raw.get("frames") else None)
        if not isinstance(pats, list) or not (pats or raw.get("frames")):
            bad(lines.key("patterns", first, last), f"concept {cid!r}: 'patterns' must be a non-empty list of strings")
            pats = []
        excepts = raw.get("except", [])
        if not isinstance(excepts, list):
            bad(lines.key("except", first, last), f"concept {cid!r}: 'except' must be a list of strings")
            excepts = []
        kept: dict[str, list[str]] = {"patterns": [], "except": []}
        for key, texts, target in (("patterns", pats, cid), ("except", excepts, cid + EXCEPT_SUFFIX)):
            for ptext in texts:
                if not isinstance(ptext, str):
                    bad(lines.key(key, first, last), f"concept {cid!r}: pattern {ptext!r} is not a string")
                    continue
                line = lines.string(ptext, first, last)
                try:
                    pat = compile_pattern(ptext, target)
                except PatternError as exc:
                    bad(line, f"concept {cid!r}: pattern {_short(ptext)!r}: {exc}")
                    continue
                sig = tuple(str(e) for e in pat.elements)
                if sig in seen_patterns:
                    other_c, other_p = seen_patterns[sig]
                    where = "this concept" if other_c == cid else f"concept {other_c!r}"
                    bad(line, f"concept {cid!r}: pattern {ptext!r} matches the same words as {other_p!r} in {where}")
                    continue
                seen_patterns[sig] = (cid, ptext)
                kept[key].append(ptext)
                compiled.append(pat)
        good = kept["patterns"]
        sup = raw.get("supersedes", [])
        if not isinstance(sup, list) or not all(isinstance(x, str) for x in sup):
            bad(lines.key("supersedes", first, last), f"concept {cid!r}: 'supersedes' must be a list of concept ids")
            sup = []
        opposed = raw.get("opposed_by", [])
        if not isinstance(opposed, list) or not all(isinstance(x, str) and _ISO3_RE.match(x) for x in opposed):
            bad(lines.key("opposed_by", first, last), f"concept {cid!r}: 'opposed_by' must be a list of ISO alpha-3 codes like \"PRK\"")
            opposed = []
        frames = _build_frames(cid, raw.get("frames", []), len(all_frames), lines, first, last, bad, compiled)
        all_frames.extend(frames)
        concepts.append(Concept(cid, label if isinstance(label, str) else cid,
                                description if isinstance(description, str) else "", tuple(good), tuple(sup),
                                tuple(kept["except"]), tuple(frames), tuple(opposed)))
    known = {c.id for c in concepts}
    for k, c in enumerate(concepts):
        for other in c.supersedes:
            if other not in known or other == c.id:
                first = lines.concept_line(k)
                last = lines.headers[k + 1] if k + 1 < len(lines.headers) else None
                bad(lines.key("supersedes", first, last), f"concept {c.id!r}: 'supersedes' names {other!r}, which is not another concept of this lexicon")
    if problems:
        return None, problems
    scope_matcher = Matcher(scope_patterns) if scope_patterns else None
    self_matchers = tuple((iso, Matcher(ps)) for iso, ps in self_patterns)
    except_matcher = Matcher(except_patterns) if except_patterns else None
    stop_matcher = Matcher(stop_patterns) if stop_patterns else None
    lex = Lexicon(lex_id, strings["title"] or lex_id, strings["version"], tuple(concepts), scope,
                  strings["description"], path, tuple(compiled), Matcher(compiled), scope_matcher, self_matchers,
                  except_matcher, stop_matcher, tuple(all_frames))
    return lex, []


_Bad = Callable[[int, str], None]  # records a problem at a line of the lexicon file


def _build_frames(cid: str, raw: Any, offset: int, lines: _Lines, first: int, last: Optional[int], bad: _Bad,
                  compiled: list[Pattern]) -> list[Frame]:
    """The frames of concept ``cid``; their parts' patterns are appended to ``compiled``."""
    if not isinstance(raw, list) or not all(isinstance(f, dict) for f in raw):
        bad(lines.key("frames", first, last), f"concept {cid!r}: frames are [[concepts.frames]] tables")
        return []
    heads = [h + 1 for h in lines.frame_headers if h + 1 > first and (last is None or h + 1 <= last)]
    out: list[Frame] = []
    for j, f in enumerate(raw):
        at = heads[j] if j < len(heads) else first
        end = heads[j + 1] if j + 1 < len(heads) else last
        name = f.get("name", f"{cid} frame {j + 1}")
        where = f"concept {cid!r}: frame {name!r}" if isinstance(name, str) else f"concept {cid!r}: frame {j + 1}"
        ok = True
        for key in f:
            if key not in _FRAME_KEYS:
                bad(lines.key(key, at, end), f"{where}: unknown key {key!r} (known: {', '.join(_FRAME_KEYS)})")
                ok = False
        if not isinstance(name, str) or not name.strip():
            bad(lines.key("name", at, end), f"{where}: 'name' must be a non-empty string")
            ok = False
        parts: dict[str, list[Pattern]] = {}
        for key, part, required in (("predicates", "pred", True), ("objects", "obj", True), ("except", "except", False)):
            texts = f.get(key, [])
            if not isinstance(texts, list) or (required and not texts):
                bad(lines.key(key, at, end) if key in f else at, f"{where}: {key!r} must be a non-empty list of patterns")
                ok = False
                continue
            parts[part] = []
            for ptext in texts:
                if not isinstance(ptext, str):
                    bad(lines.key(key, at, end), f"{where}: {key} {ptext!r} is not a string")
                    ok = False
                    continue
                try:
                    parts[part].append(compile_pattern(ptext, frame_part(offset + len(out), part)))
                except PatternError as exc:
                    bad(lines.string(ptext, at, end), f"{where}: {key} {_short(ptext)!r}: {exc}")
                    ok = False
        actors = f.get("actors", [])
        if not isinstance(actors, list) or not all(isinstance(a, str) and _ISO3_RE.match(a) for a in actors):
            bad(lines.key("actors", at, end), f"{where}: 'actors' must be a list of ISO alpha-3 codes like \"PRK\"")
            ok = False
        window = f.get("window", DEFAULT_WINDOW)
        if not isinstance(window, int) or isinstance(window, bool) or not 0 <= window <= MAX_WINDOW:
            bad(lines.key("window", at, end), f"{where}: 'window' must be a whole number 0 to {MAX_WINDOW}")
            ok = False
        ordered = f.get("ordered", False)
        if not isinstance(ordered, bool):
            bad(lines.key("ordered", at, end), f"{where}: 'ordered' must be true or false")
            ok = False
        if not ok:
            continue
        for ps in parts.values():
            compiled.extend(ps)
        out.append(Frame(name, cid, tuple(f["predicates"]), tuple(f["objects"]), tuple(actors), window,
                         tuple(f.get("except", [])), ordered))
    return out


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _build_scope(
    raw: Any, lines: _Lines, bad: _Bad
) -> tuple[Scope, list[Pattern], list[tuple[str, list[Pattern]]], list[Pattern], list[Pattern]]:
    start = lines.find(r"^\s*\[scope\]")
    if not isinstance(raw, dict):
        bad(start, "'scope' must be a table")
        return Scope(), [], [], [], []
    for key in raw:
        if key not in _SCOPE_KEYS:
            bad(lines.key(key, start), f"unknown key {key!r} in [scope] (known: {', '.join(_SCOPE_KEYS)})")
    lists: dict[str, tuple[list[Any], list[Pattern]]] = {}
    for key in ("patterns", "except", "stop"):
        pats = raw.get(key, [])
        if not isinstance(pats, list):
            bad(lines.key(key, start), f"[scope] {key!r} must be a list of strings")
            pats = []
        compiled: list[Pattern] = []
        for ptext in pats:
            try:
                compiled.append(compile_pattern(str(ptext), "scope"))
            except PatternError as exc:
                bad(lines.string(str(ptext), start, None), f"scope {key} {_short(str(ptext))!r}: {exc}")
        lists[key] = (pats, compiled)
    pats, compiled = lists["patterns"]
    excepts, except_compiled = lists["except"]
    stops, stop_compiled = lists["stop"]
    numbers = {}
    for key, default in (("sentences_before", 0), ("sentences_after", 3)):
        value = raw.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_WINDOW_SENTENCES:
            bad(lines.key(key, start), f"[scope] {key!r} must be a whole number 0 to {MAX_WINDOW_SENTENCES}")
            value = default
        numbers[key] = value
    lead = raw.get("lead", True)
    if not isinstance(lead, bool):
        bad(lines.key("lead", start), "[scope] 'lead' must be true or false")
        lead = True
    self_raw = raw.get("self", {})
    self_names: list[tuple[str, tuple[str, ...]]] = []
    self_compiled: list[tuple[str, list[Pattern]]] = []
    if not isinstance(self_raw, dict):
        bad(lines.key("self", start), "[scope.self] must be a table of ISO alpha-3 codes to pattern lists")
        self_raw = {}
    for iso in sorted(self_raw):
        names = self_raw[iso]
        if not _ISO3_RE.match(iso) or not isinstance(names, list):
            bad(lines.key(iso, start), f"[scope.self] {iso!r}: keys are ISO alpha-3 codes, values lists of patterns")
            continue
        ps = []
        for ptext in names:
            try:
                ps.append(compile_pattern(str(ptext), "scope"))
            except PatternError as exc:
                bad(lines.string(str(ptext), start, None), f"[scope.self] {iso}: pattern {_short(str(ptext))!r}: {exc}")
        self_names.append((iso, tuple(str(p) for p in names)))
        self_compiled.append((iso, ps))
    scope = Scope(tuple(str(p) for p in pats), numbers["sentences_before"], numbers["sentences_after"], lead,
                  tuple(self_names), tuple(str(p) for p in excepts), tuple(str(p) for p in stops))
    return scope, compiled, self_compiled, except_compiled, stop_compiled
