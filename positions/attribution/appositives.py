"""Speaker phrases set off by commas before a trailing cue, read back from the cue.

'"…," Maria Lopez, the U.S. envoy, told reporters' and "…, the embassy's spokesperson, Hu
Lan, said": the look-back is bounded (a title and a name are short), so a long run of
commas costs no more than the frame's length.
"""

from __future__ import annotations

import re
from typing import Optional

__all__ = ["APPOSITIVE_MAX", "appositive_speaker", "name_before"]

APPOSITIVE_MAX = 160
_NAME_RE = re.compile(r"\s*(?:[a-z][\w-]*\s+){0,2}[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}\s*")
"""A person's name in apposition: two to four capitalized words, perhaps after a title in
lower case ("analyst Hana Cole", "former envoy Chris Hill")."""


def name_before(masked: str, a: int, comma: int) -> Optional[int]:
    """Where a name ends at ``comma`` after a comma or a closing quote mark ('"…," Maria
    Lopez, …'): the start of that name, or None."""
    lo = max(a, comma - APPOSITIVE_MAX)
    start = max(masked.rfind(",", lo, comma), masked.rfind('"', lo, comma)) + 1
    if start <= a:
        return None
    if _NAME_RE.fullmatch(masked, start, comma):
        return start
    return None


def appositive_speaker(masked: str, a: int, comma: int) -> Optional[tuple[int, str]]:
    """The speaker phrase "TITLE, NAME" or "NAME, TITLE" that ends at ``comma`` (before the
    cue): the two comma segments before it, after a comma or a closing quote mark, when one
    of them is a name ("the embassy's spokesperson, Hu Lan"; '"…," Maria Lopez, the U.S.
    envoy, told reporters')."""
    lo = max(a, comma - APPOSITIVE_MAX)  # a title and a name are short: bounded look-back
    c1 = masked.rfind(",", lo, comma)
    if c1 == -1:
        return None
    c0 = max(masked.rfind(",", lo, c1), masked.rfind('"', lo, c1))
    if c0 == -1 or masked.find('"', c0 + 1, comma) != -1:
        return None
    if not (_NAME_RE.fullmatch(masked, c1 + 1, comma) or _NAME_RE.fullmatch(masked, c0 + 1, c1)):
        return None
    return c0 + 1, masked[c0 + 1 : comma]
