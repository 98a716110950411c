"""Publishers: the state whose outlet or government office published an article.

A state agency (Xinhua, KCNA) or a government publisher ("U.S. Department of State",
"President of Russia", "The White House") speaks for its state; a news agency such as
Reuters for none. The gazetteer knows most outlets; ``PUBLISHER_FORMS`` adds the names under
which governments publish transcripts and statements (data, one line per form).
"""

from __future__ import annotations

import re
from typing import Optional

from ..actors import Gazetteer
from ..model import Article

__all__ = ["outlet_country", "header_country", "PUBLISHER_FORMS", "HEADER_FORMS"]

PUBLISHER_FORMS: dict[str, tuple[str, ...]] = {
    "USA": (
        "U.S.", "US", "United States", "White House", "Department of State", "State Department",
        "Department of Defense", "Defense Department", "Pentagon", "American Forces Press Service",
        "U.S. Mission to the United Nations", "US Mission to the UN",
    ),
    "RUS": ("President of Russia", "Kremlin", "Russian Federation", "Ministry of Foreign Affairs of the Russian Federation"),
    "CHN": ("Ministry of Foreign Affairs of the People's Republic of China", "FMPRC", "Xinhua"),
    "PRK": ("KCNA", "Korean Central News Agency", "Rodong Sinmun"),
    "KOR": ("Cheong Wa Dae", "Office of the President of the Republic of Korea", "Yonhap"),
    "JPN": ("Ministry of Foreign Affairs of Japan", "Prime Minister's Office of Japan", "Kantei"),
}
_FORMS_RE = {
    code: re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w])")
    for code, forms in PUBLISHER_FORMS.items()
}


def outlet_country(article: Article, gz: Gazetteer) -> Optional[str]:
    """The country of a state outlet (Xinhua, KCNA) or of a government publisher ("U.S.
    Department of State", "Ministry of Foreign Affairs of Japan"); None for news agencies
    such as Reuters."""
    if not article.source:
        return None
    hit = gz.lookup(article.source)
    if hit and hit[0] == "institution":
        return gz.country_of_hit(hit)
    ms = gz.mentions(article.source)
    if any(m.kind in ("institution", "generic_institution") for m in ms):
        for m in ms:
            c = gz.country_of_hit((m.kind, m.key))
            if c:
                return c
    for code, rx in _FORMS_RE.items():
        if rx.search(article.source):
            return code
    return None


HEADER_FORMS: dict[str, tuple[str, ...]] = {
    "USA": (
        "U.S. Department of State", "Department of State", "Office of the Spokesperson", "Daily Press Briefing",
        "Department Press Briefing", "The White House", "Office of the Press Secretary", "Department of Defense",
        "U.S. Mission to the United Nations", "Washington, DC", "Washington, D.C.",
    ),
    "RUS": ("Official website of the President of Russia", "President of Russia", "Ministry of Foreign Affairs of the Russian Federation"),
    "CHN": ("Ministry of Foreign Affairs of the People's Republic of China", "Ministry of Foreign Affairs of the People’s Republic of China"),
    "PRK": ("Korean Central News Agency", "KCNA"),
    "KOR": ("Ministry of Foreign Affairs, Republic of Korea", "Ministry of Foreign Affairs of the Republic of Korea"),
    "JPN": ("Ministry of Foreign Affairs of Japan",),
}
"""Publisher lines in a page header (banners, offices, the briefing room's city): the country
of a text without a known outlet, for the speakers that name none."""
_HEADER_RE = re.compile(
    "|".join(f"(?P<{code}>" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")" for code, forms in HEADER_FORMS.items())
)


def header_country(text: str, start: int, end: int) -> Optional[str]:
    """The publisher's country named in the header ``text[start:end]`` (the first form)."""
    m = _HEADER_RE.search(text, start, end)
    return m.lastgroup if m else None
