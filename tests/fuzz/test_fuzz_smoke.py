"""A quick run of every fuzz target under hypothesis (a few hundred examples each), so that CI
exercises the harness the atheris scripts drive for longer (see ``fuzz_targets.py``)."""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from fuzz_targets import TARGETS, seeds

# Pieces of the layouts the readers and the analysis look for, and of hostile input.
_PIECES = [
    '"', "\u201c", "\u201d", "\u00ab", "\u00bb", "'", " said", " told", " Lavrov", ", ", ". ", "\n",
    "\n\n", "# ", "---\n", "title: x\n", "date: 2021-12-23\n", "+++\n", "SEOUL, Dec. 23 (Yonhap) -- ",
    "BEIJING, Oct. 8, 2020 /TASS/. ", "U.S.", "a.", "step-by-step", "denuclearization", "\r\n",
    "\u00ad", "\u2014", "Mr. ", "Moscow is ready", " that ", "May ", "#", "*", "\ufeff", "\x00", "   ",
    "MR. PRICE: ", "QUESTION: ", "(spoke in Russian):", "on Thursday", "\u0301", "\ud7ff", "...",
]  # fmt: skip
_TEXT = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=24).map("".join)
_BYTES = st.one_of(st.binary(max_size=200), _TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))

_TOML_PIECES = [
    "[[concepts]]\n", 'id = "phased"\n', 'id = "x-1"\n', 'label = "Phased"\n', 'description = ""\n',
    'patterns = ["step by step", "phas*"]\n', 'patterns = ["a*a*a*b", "..2 x", "=Phased ..10 y"]\n',
    'patterns = []\n', 'except = ["no*"]\n', "[scope]\n", 'patterns = ["korea*"]\n', "sentences_before = 2\n",
    'supersedes = ["phased"]\n', "[scope.self]\n", 'RUS = ["we"]\n', "\n", '"', "[", "]", "=", "#",
]  # fmt: skip
_TOML = st.lists(st.one_of(st.sampled_from(_TOML_PIECES), st.text(max_size=3)), max_size=16).map("".join)

_INPUTS = {
    "readers": st.tuples(st.integers(0, 5), _BYTES).map(lambda kb: bytes([kb[0]]) + kb[1]),
    "analysis": _BYTES,
    "diff": st.tuples(_BYTES, _BYTES).map(lambda ab: ab[0].replace(b"\xff", b"") + b"\xff" + ab[1]),
    "lexicon": st.one_of(_TOML.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=100)),
}


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_seeds_pass(name):
    """The fixtures the atheris runs start from are accepted by their target."""
    for data in seeds(name)[:12]:
        TARGETS[name](data)


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz_smoke(name):
    target = TARGETS[name]

    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(_INPUTS[name])
    def run(data: bytes) -> None:
        target(data)

    run()
