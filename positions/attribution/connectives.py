"""Connectives: where a second clause under one cue starts, and what joins clauses.

The patterns the clause reader (:mod:`.clauses`) splits content with: a participial cue
(", adding that …"), a second clause of the same speaker ("…, and he added that …", "said
that A, but that B"), a clause with a group of its own ("…, and others argued that …"), a
coordinated clause after a comma, and the rest after an interposed attribution. Each is a
bounded alternation of words, so it splits a text one way only (linear).

    >>> bool(CLAUSE_RE.search("the talks would go on, adding that Seoul was ready"))
    True
"""

from __future__ import annotations

import re

__all__ = ["PARTICIPLE_CUES", "ADDING_RE", "CLAUSE_RE", "COORDINATED_RE", "INTERPOSED_RE", "OTHER_SPEAKER_RE", "SHARED_SUBJECT_RE", "shared_subject_window"]

PARTICIPLE_CUES = (
    r"(?:adding|noting|saying|stressing|insisting|warning|arguing|explaining|emphasi[sz]ing|pointing\s+out|underlining|"
    r"underscoring|reiterating|recalling|urging|calling\s+on|calling\s+for|asserting|affirming|reaffirming|observing|"
    r"cautioning|highlighting|declaring|expressing\s+(?:(?:its|his|her|their|the|deep|grave|serious|strong)\s+)*(?:concern|hope|regret|conviction|belief)|"
    r"voicing\s+(?:(?:its|his|her|their|deep|grave|serious)\s+)*(?:concern|hope|regret)"
    r"|(?:confirming|acknowledging|claiming|predicting|suggesting|contending|maintaining|announcing|estimating|denying)(?=\s+that\s))"
)
"""Participial cues that open a further statement of the same speaker (", urging X to …"); verbs
that also take a noun object ("confirming the deaths") only before "that"."""
ADDING_RE = re.compile(r",\s+(?:and\s+)?" + PARTICIPLE_CUES + r"(?:\s+that|\s*:)?\s+")
CLAUSE_RE = re.compile(
    r",\s+(?:and\s+|while\s+(?:also\s+)?)?" + PARTICIPLE_CUES + r"(?:\s+that|\s*:)?\s+"
    r"|,?\s+while\s+(?:also\s+)?" + PARTICIPLE_CUES + r"(?:\s+that)?\s+"
    r"|,?\s+(?:and|but)\s+(?:he|she|they|it|we|the\s+(?:minister|envoy|ambassador|diplomat|spokesman|spokeswoman|spokesperson|president|official|ministry|leader))\s+(?:also\s+|later\s+|further\s+)?"
    r"(?:said|added|stressed|noted|insisted|warned|emphasi[sz]ed|pointed\s+out|underlined|reiterated|told\s+\w+)(?:\s+that)?\s+"
    r"|,?\s+(?:and|but)\s+(?:also\s+)?that\s+"
    r"|,?\s+(?:and|but)\s+(?:also\s+)?(?:said|added|stressed|noted|insisted|warned|emphasi[sz]ed|underlined|underscored|argued|maintained|reiterated)\s+that\s+"
    r"|,?\s+(?:and|but)\s+(?:also\s+)?(?:called\s+on|called\s+upon|urged|appealed\s+to|encouraged)\s+(?=(?:[\w'’\-]+\s+){1,8}?to\s+[a-z\"])"
    r"|,?\s+(?:and|but)\s+(?:also\s+)?called\s+for\s+(?=[\w\"])"
    r"|,?\s+and\s+(?:also\s+)?(?:promised|pledged|vowed|offered)\s+(?=to\s+[a-z])"
)
"""Where a second clause under the same cue starts: "…, adding that B", "…, and he added that
B", "said that A, but that B" (the annotation guidelines make each clause a statement)."""
COORDINATED_RE = re.compile(r"\s*(?:and|but|or|yet|so|while|whereas)\s")
"""A clause after a comma that opens with a conjunction is coordinated, never a trailing
speaker phrase ("…, and the Council had answered with unity")."""
INTERPOSED_RE = re.compile(
    r"\s*,\s*(?:(?P<verb>(?:is|are|was|were|had|has|have|would|will|could|should|must|might|may|can|did|does|do|"
    r"remained|remains|stood|lay|meant|needed|needs|required|requires|posed|poses)\s+[a-z])"
    r"|(?:and|but)\s+(?=(?:[A-Z][\w'’.-]*|it|they|we|he|she|there|this|that|the|its|his|her|their)\s+[\w'’.-]+\s+[a-z]))"
)
"""After an interposed attribution ("A, he said, …"): a verb continues the same statement
("…, had been drafted under pressure"); "and" + a new subject opens another statement of
the same speaker ("…, and it must be maintained")."""
OTHER_SPEAKER_RE = re.compile(
    r",?\s+(?:and|but|while|whereas)\s+(?P<who>(?:still\s+|yet\s+)?others|some|(?:many|several|some|other|a\s+few|most)\s+(?:other\s+)?"
    r"(?:speakers|delegates|delegations|members|representatives|States)(?:,\s*(?:including|among\s+them)\s[^,;\"]{1,120},)?"
    r"|(?:(?<=while\s)|(?<=whereas\s)|(?<=but\s))(?:the\s+)?[A-Z][^,;\"]{1,80}?(?:,\s+[A-Z][^,;\"]{1,40},)?)\s+(?:also\s+|instead\s+)?"
    r"(?:said|argued|stressed|noted|insisted|warned|emphasi[sz]ed|maintained|contended|countered|underlined|underscored|held|felt|believed)\s+(?:that\s+)?"
)
"""A second clause with a speaker of its own: a group ("…, and others argued that …"), or a
named speaker after "while" or "but" ("…, while the White House said that …", "…, but Japan's
defence minister, X, said …", wire copy)."""


SHARED_SUBJECT_RE = re.compile(r"\s(?:and|but)(?:\s+also)?\s*$")
"""A second verb of the same subject before the cue: "X welcomed the talks but stressed that …"."""


def shared_subject_window(masked: str, ps: int, cs: int) -> int:
    """Where a match of :data:`SHARED_SUBJECT_RE` ("… and/but (also) CUE") ending at ``cs``
    can start, at the earliest: its words end where
    the spaces before the cue begin, so the search need not scan the whole phrase from ``ps``
    (at every cue of a long sentence that was quadratic)."""

    def spaces_left(i: int) -> int:
        while i > ps and masked[i - 1].isspace():
            i -= 1
        return i

    end = spaces_left(cs)
    if masked[max(ps, end - 4) : end] == "also":
        end = spaces_left(end - 4)
    return max(ps, end - 4)
