"""Roles: the nouns that name an office, a speaking body or a post, and their classes.

A role noun makes a phrase a speaker phrase ("the envoy", "a ministry spokesman") and gives
a nominal reference its class ("the diplomat" refers to an earlier diplomat); a post noun
makes "in/at Seoul" the place where someone is posted rather than whose they are.

    >>> ROLE_NOUNS["spokeswoman"], is_post(["envoy", "in"]), is_post(["spokesperson", "in"])
    ('spokesperson', True, False)
"""

from __future__ import annotations

__all__ = ["ROLE_NOUNS", "is_post"]

# Nouns that name an office or a speaking body; with their class for nominal resolution.
ROLE_NOUNS: dict[str, str] = {
    "envoy": "diplomat", "diplomat": "diplomat", "ambassador": "diplomat",
    "representative": "diplomat", "negotiator": "diplomat", "delegate": "diplomat", "speaker": "diplomat",
    "consul": "diplomat", "emissary": "diplomat", "ambassador-at-large": "diplomat",
    "minister": "minister", "secretary": "minister", "secretary-general": "leader",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "president": "leader", "premier": "leader", "chancellor": "leader", "leader": "leader",
    "chairman": "leader", "king": "leader", "prime": "leader",
    "official": "official", "source": "official", "comrade": "leader", "adviser": "official", "advisor": "official", "aide": "official",
    "director": "official", "chief": "official", "head": "official", "lawmaker": "official",
    "senator": "official", "general": "official", "commander": "official", "deputy": "official",
    "ministry": "body", "department": "body", "government": "body", "agency": "body",
    "delegation": "body", "office": "body", "embassy": "body", "mission": "body",
    "administration": "body", "staff": "body", "cabinet": "body", "side": "body", "commentary": "document",
    "statement": "document", "communique": "document", "declaration": "document",
    "memorandum": "document", "editorial": "document", "report": "document",
    "document": "document",
}  # fmt: skip


_POST_NOUNS = frozenset(
    "ambassador ambassadors envoy envoys embassy consul consulate correspondent correspondents "
    "representative representatives delegate delegates delegation mission diplomat diplomats "
    "bureau reporter reporters visitor visitors".split()
)
"""Nouns whose "in/at Seoul" is where they are posted, not whose they are ("envoy in
Beijing"); a spokesperson, ministry or official "in Beijing" belongs to that government."""


def is_post(before: list[str]) -> bool:
    """Whether the place after ``before`` is a post: after "to", or after "in/at/on" that
    follows a diplomatic post noun ("Russian Ambassador to Seoul", "a European envoy in
    Pyongyang"), not a government's own office ("a foreign ministry spokesperson in Beijing")."""
    prep = before[-1].lower()
    if prep == "to":
        return True
    if prep not in ("in", "at", "on"):
        return False
    head = before[-2].lower().strip(",") if len(before) > 1 else ""
    return head in _POST_NOUNS or not (head in ROLE_NOUNS or head.rstrip("s") in ROLE_NOUNS)
