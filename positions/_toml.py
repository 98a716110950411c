"""``tomllib`` on every Python the project supports: the standard library's from 3.11, the
``tomli`` backport (a dependency on 3.10 only) before."""

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["tomllib"]
