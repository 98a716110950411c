"""Type stubs of the optional compiled module built from ``positions/_speedups.c``.

The reference for every function is the pure-Python code of :mod:`positions.diff` and
:mod:`positions.lexicon.tokens`."""

class Pair:
    """Two texts as token streams (made by :func:`pair`)."""

    def ops(self, E: list[int], D: list[int], I: list[int], /) -> tuple[object, ...]:  # noqa: E741
        """The ``DiffOp`` records of equal runs ``E`` and edits ``D``/``I`` (token counts),
        as ``positions.diff._build(_rows(_equals(...)))`` makes them."""

    def rows(self, E: list[int], D: list[int], I: list[int], /) -> list[object]:  # noqa: E741
        """The same operations as a flat list, six items each (op, text, a0, a1, b0, b1)."""

    def units(self, side: int, /) -> tuple[int, list[str]]:
        """The length of a side's leading whitespace and its units (token + whitespace)."""

def pair(a: str, b: str, /) -> tuple[Pair, str, str, int]:
    """The two texts' streams, their token strings (one character per token) and the number
    of distinct tokens, as ``positions.diff._Stream`` and ``_encode`` make them."""

def records(diffop: type, span: type, /) -> None:
    """The classes ``Pair.ops`` builds (``positions.model.DiffOp`` and ``Span``)."""

def words(text: str, start: int, stop: int, /) -> list[object]:
    """The matchable words of ``text[start:stop]``, as the Python loop of
    ``positions.lexicon.tokens.words_of`` makes them."""

def word_records(word: type, cache: dict[str, object], token_words: object, limit: int, /) -> None:
    """The class ``words`` builds (its spans are those of :func:`records`), the token cache
    it shares with the Python loop, the function that fills it on a miss, and the cache's
    size limit."""
