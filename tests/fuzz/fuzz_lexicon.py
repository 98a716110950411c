"""atheris target: lexicon (see fuzz_targets.py). From the repository root::

    mkdir -p /tmp/corpus-lexicon && python tests/fuzz/fuzz_lexicon.py -max_total_time=600 /tmp/corpus-lexicon

A crash leaves crash-<hash> in the current directory; repeat it with
python tests/fuzz/fuzz_lexicon.py crash-<hash>.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(os.path.dirname(HERE))]  # this checkout's positions

import atheris  # noqa: E402

with atheris.instrument_imports(include=["positions"]):
    import positions.attribution  # noqa: F401
    import positions.diff  # noqa: F401
    import positions.lexicon.load  # noqa: F401
    import positions.pipeline  # noqa: F401
    import positions.sources.plain  # noqa: F401
    from fuzz_targets import TARGETS, write_seeds

if __name__ == "__main__":
    for arg in sys.argv[1:]:
        if not arg.startswith("-"):
            write_seeds("lexicon", arg)  # an empty corpus directory starts from the fixtures
    atheris.Setup(sys.argv, TARGETS["lexicon"])
    atheris.Fuzz()
