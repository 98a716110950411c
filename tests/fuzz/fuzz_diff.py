"""atheris target: diff (see fuzz_targets.py). From the repository root::

    mkdir -p /tmp/corpus-diff && python tests/fuzz/fuzz_diff.py -max_total_time=600 /tmp/corpus-diff

A crash leaves crash-<hash> in the current directory; repeat it with
python tests/fuzz/fuzz_diff.py crash-<hash>. With POSITIONS_FUZZ_LAST=FILE each input is
written to FILE before it runs (for an input that hangs inside the regex engine).
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(os.path.dirname(HERE))]  # this checkout's positions

import atheris

with atheris.instrument_imports(include=["positions"]):
    from fuzz_targets import fuzz_main

    import positions.attribution
    import positions.diff
    import positions.lexicon.load
    import positions.pipeline
    import positions.sources.plain  # noqa: F401

if __name__ == "__main__":
    fuzz_main("diff")
