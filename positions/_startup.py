"""What the command line does before anything else is imported: NLTK without the
scientific stack.

``import nltk`` imports scipy.stats and numpy where they are installed (about 80 MB of memory
and half a second before the first line is read, in every ``positions`` command) for parts of
NLTK that positions never calls: Punkt, the regexp tokenizers and Snowball need neither, and
NLTK guards each of those imports and falls back. So when positions runs as the command line
(the ``positions`` script or ``python -m positions``), NLTK is imported with numpy and scipy
hidden (unless something imported them already), and they are importable again at once.
A library user's process is left as it is: there the user decides what is loaded.
"""

from __future__ import annotations

import sys

__all__ = ["running_as_cli", "import_nltk_lean", "prepare"]

_HIDDEN = ("numpy", "scipy")
_SCRIPTS = frozenset(("positions", "positions.exe", "positions-script.py"))


def running_as_cli(argv: "list[str] | None" = None, orig_argv: "list[str] | None" = None) -> bool:
    """Whether this process is the ``positions`` command (the script, or ``python -m positions``).

    >>> running_as_cli(["/usr/bin/positions", "diff"], [])
    True
    >>> running_as_cli(["-m"], ["python", "-m", "positions", "diff"])
    True
    >>> running_as_cli(["script.py"], ["python", "-X", "importtime", "script.py", "-m", "positions"])
    False
    >>> running_as_cli(["-m"], ["python", "-X", "importtime", "-m", "positions"])
    True
    """
    argv = sys.argv if argv is None else argv
    orig: list[str] = list(getattr(sys, "orig_argv", [])) if orig_argv is None else orig_argv
    if argv and argv[0].replace("\\", "/").rsplit("/", 1)[-1] in _SCRIPTS:
        return True
    args = iter(orig[1:])  # the interpreter's options, up to the module, the script or -c
    for arg in args:
        if arg in ("-X", "-W", "--check-hash-based-pycs"):
            next(args, None)  # the option's value
        elif arg == "-m":
            return bool(next(args, None) == "positions")
        elif arg.startswith("-m"):
            return arg[2:] == "positions"
        elif arg == "-c" or not arg.startswith("-"):
            return False
    return False


def import_nltk_lean() -> None:
    """Import nltk with numpy and scipy hidden from it (those not imported yet)."""
    if "nltk" in sys.modules:
        return
    hidden = [name for name in _HIDDEN if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # an import of it raises ImportError
    try:
        import nltk  # noqa: F401
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


def prepare() -> None:
    """Run by ``import positions``: the lean NLTK import when this is the command line."""
    if running_as_cli():
        import_nltk_lean()
