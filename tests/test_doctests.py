"""Every docstring example in the ``positions`` package runs and gives what it shows.

Every module is imported (an import error fails the test: a module that cannot be imported
cannot be used either) and its doctests run with :func:`doctest.testmod`.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import positions


def _module_names() -> list[str]:
    names = [positions.__name__]

    def onerror(name: str) -> None:
        raise ImportError(f"cannot import package {name}")

    for info in pkgutil.walk_packages(positions.__path__, positions.__name__ + ".", onerror=onerror):
        names.append(info.name)
    return sorted(names)


MODULES = _module_names()


def test_the_package_has_modules():
    assert "positions.text" in MODULES and "positions.model" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} doctest examples failed in {name}"
