"""Build the optional C speedups (``positions/_speedups.c``) into the wheel.

Hatchling runs this hook for every wheel, editable ones included. It compiles the extension
with setuptools' ``build_ext`` (which knows each platform's compiler and flags) and puts it
in the wheel, tagged for this interpreter and platform. Where no compiler works, or where
``POSITIONS_NO_EXTENSIONS=1`` is set, it says so and builds a pure-Python wheel instead:
positions then runs the same code paths in Python (``positions/diff.py``), only slower.

An editable install (``pip install -e .``) compiles the module in place, next to its
source, as ``positions/_speedups.<platform tag>.so``; run it again after editing the C file.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

EXTENSION = "positions._speedups"
SOURCE = "positions/_speedups.c"


def build_extension(root: str, out_dir: str, inplace: bool) -> Path:
    """Compile the extension; the path of the built module (raises when it cannot)."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    extra = ["/O2"] if sys.platform == "win32" else ["-O2", "-std=c99"]
    ext = Extension(EXTENSION, [SOURCE], extra_compile_args=extra)
    dist = Distribution({"name": "positions", "ext_modules": [ext], "script_name": "hatch_build.py"})
    dist.src_root = root
    cmd = build_ext(dist)
    cmd.inplace = inplace
    cmd.build_lib = out_dir
    cmd.build_temp = os.path.join(out_dir, "temp")
    cwd = os.getcwd()
    os.chdir(root)  # setuptools resolves sources and in-place outputs from here
    try:
        cmd.ensure_finalized()
        cmd.run()
        built = Path(cmd.get_ext_fullpath(EXTENSION))
        return built if built.is_absolute() else Path(root) / built
    finally:
        os.chdir(cwd)


class CustomBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        if os.environ.get("POSITIONS_NO_EXTENSIONS"):
            self.app.display_info("positions: POSITIONS_NO_EXTENSIONS is set; building without the C speedups")
            return
        inplace = version == "editable"
        out_dir = tempfile.mkdtemp(prefix="positions-build-")
        try:
            built = build_extension(self.root, out_dir, inplace)
        except Exception as exc:  # no compiler, no headers: the pure-Python path still works
            self.app.display_warning(
                f"positions: could not compile the C speedups ({type(exc).__name__}: {exc}); "
                "installing without them: token diffs run in Python, several times slower"
            )
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if not inplace:
            build_data["force_include"][str(built)] = f"positions/{built.name}"
