"""A trie over pattern elements, walked once from each word of a text.

Literal words are trie edges keyed by stem (or spelled form for ``=word``), so the work per
text word does not grow with the number of patterns: the walk only follows edges that match.
Globs hang off a node in a table keyed by their literal prefix ("denucleari" for
``denucleari*``), looked up once per prefix length of the text word; globs that start with
``*`` are tried one by one (the only part whose cost grows with the lexicon). Gaps are edges
that let the walk skip up to N words. Each node remembers which children a distinct word
(by its lower-case, spelled and stem forms) leads to, so a word met again costs one dict
look-up, and a word that leads nowhere from the root starts no walk at all.

>>> from positions.lexicon.tokens import words_of
>>> m = Matcher([compile_pattern("step by step"), compile_pattern("step")])
>>> [(h.start, h.end, h.pattern) for h in m.find(words_of("Step-by-step steps"))]
[(0, 3, 0), (0, 1, 1), (2, 3, 1), (3, 4, 1)]
"""

from __future__ import annotations

from typing import Iterator, Sequence

import attrs

from .patterns import Element, Pattern, compile_pattern
from .tokens import Word

__all__ = ["Matcher", "Hit", "compile_pattern"]


class _Node:
    __slots__ = ("words", "exact", "glob_prefix", "glob_any", "gaps", "accepts", "steps")

    def __init__(self) -> None:
        self.words: dict[str, _Node] = {}
        self.exact: dict[str, _Node] = {}
        self.glob_prefix: dict[str, list[tuple[Element, _Node]]] = {}
        self.glob_any: list[tuple[Element, _Node]] = []
        self.gaps: dict[int, _Node] = {}
        self.accepts: list[int] = []
        # word.lower -> (word.spelled, word.stem, children the word leads to): most words
        # repeat, so each distinct word is looked up in the node's tables once.
        self.steps: dict[str, tuple[str, str, tuple["_Node", ...]]] = {}

    def child(self, e: Element) -> "_Node":
        if e.kind == "word":
            return self.words.setdefault(e.key, _Node())
        if e.kind == "exact":
            return self.exact.setdefault(e.key, _Node())
        if e.kind == "gap":
            return self.gaps.setdefault(e.gap, _Node())
        prefix = e.key.split("*", 1)[0]
        bucket = self.glob_prefix.setdefault(prefix, []) if prefix else self.glob_any
        for other, node in bucket:
            if other.key == e.key:
                return node
        node = _Node()
        bucket.append((e, node))
        return node


@attrs.frozen
class Hit:
    """A pattern matched words ``[start, end)`` of a word list; ``pattern`` is its index."""

    start: int
    end: int
    pattern: int
    words: tuple[int, ...]  # indices of the words that matched pattern elements (no gap words)


class Matcher:
    """Many patterns compiled into one trie."""

    def __init__(self, patterns: Sequence[Pattern]):
        self.patterns = tuple(patterns)
        self.root = _Node()
        self.max_glob_prefix = 0
        for k, p in enumerate(self.patterns):
            node = self.root
            for e in p.elements:
                if e.kind == "glob":
                    self.max_glob_prefix = max(self.max_glob_prefix, len(e.key.split("*", 1)[0]))
                node = node.child(e)
            node.accepts.append(k)

    def find(self, words: Sequence[Word]) -> Iterator[Hit]:
        """Every hit of every pattern in ``words``, by start, then longest first."""
        n = len(words)
        root = self.root
        children = self._children
        # A pattern never starts with a gap, nor is it empty: a word that leads nowhere from
        # the root starts no hit, and most words do not.
        plain_root = not root.gaps and not root.accepts
        root_steps = root.steps
        for i, w in enumerate(words):
            if plain_root:
                cached = root_steps.get(w.lower)  # _children(root, w), inlined: the hot path
                if cached is not None and cached[0] == w.spelled and cached[1] == w.stem:
                    first = cached[2]
                else:
                    first = children(root, w)
                if not first:
                    continue
                got0 = (i,)
                stack: list[tuple[_Node, int, tuple[int, ...]]] = [(c, i + 1, got0) for c in first]
            else:
                stack = [(root, i, ())]
            hits: list[Hit] = []
            # (node, next word index, matched word indices)
            while stack:
                node, j, got = stack.pop()
                for k in node.accepts:
                    hits.append(Hit(i, j, k, got))
                if j >= n:
                    continue
                for gap, child in node.gaps.items():
                    for skip in range(gap + 1):
                        if j + skip < n:
                            jj = j + skip
                            nxt = got + (jj,)
                            stack.extend([(c, jj + 1, nxt) for c in children(child, words[jj])])
                found = children(node, words[j])
                if found:
                    nxt = got + (j,)
                    stack.extend([(c, j + 1, nxt) for c in found])
            if len(hits) > 1:
                hits.sort(key=lambda h: (-h.end, h.pattern))
            yield from hits

    _CACHE_LIMIT = 1 << 16

    def _children(self, node: _Node, w: Word) -> tuple[_Node, ...]:
        """The nodes ``w`` leads to from ``node``, in the order :meth:`_step` gives them."""
        cached = node.steps.get(w.lower)
        if cached is not None and cached[0] == w.spelled and cached[1] == w.stem:
            return cached[2]
        found = tuple(child for child, _, _ in self._step(node, [w], 0, ()))
        if cached is None:
            if len(node.steps) >= self._CACHE_LIMIT:
                node.steps.clear()
            node.steps[w.lower] = (w.spelled, w.stem, found)
        return found

    def _step(self, node: _Node, words: Sequence[Word], j: int, got: tuple[int, ...]
              ) -> Iterator[tuple[_Node, int, tuple[int, ...]]]:
        w = words[j]
        nxt = got + (j,)
        child = node.words.get(w.stem)
        if child is not None:
            yield child, j + 1, nxt
        child = node.exact.get(w.spelled)
        if child is not None:
            yield child, j + 1, nxt
        if node.glob_prefix:
            seen: set[int] = set()
            for form in {w.lower, w.spelled}:
                for length in range(0, min(len(form), self.max_glob_prefix) + 1):
                    for e, child in node.glob_prefix.get(form[:length], ()):
                        if id(child) not in seen and e.matches(w):
                            seen.add(id(child))
                            yield child, j + 1, nxt
        for e, child in node.glob_any:
            if e.matches(w):
                yield child, j + 1, nxt
