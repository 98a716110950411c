"""What an analysis depends on (:func:`analyzer_fingerprint`) and the default analyzer of an
ingest (:class:`PipelineAnalyzer`), which worker processes load for themselves.

    >>> analyzer_fingerprint() == PipelineAnalyzer().fingerprint
    True
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

import attrs

from .._toml import tomllib
from ..model import Analysis, Article
from .files import PathLike, sha256_file


def _bundled(name: str) -> Optional[Path]:
    p = Path(__file__).resolve().parents[1] / "data" / name
    return p if p.is_file() else None


def analyzer_fingerprint(
    lexicon: Optional[PathLike] = None, actors: Sequence[PathLike] = ()
) -> str:
    """Say what an analysis depends on: the positions version, the lexicon (id, version and
    content hash) and the actors gazetteer (the bundled one and any user files, by content
    hash). A store re-analyses a file that was read under another fingerprint. Cheap: the
    lexicon is read, not compiled.

    >>> analyzer_fingerprint().startswith("positions ")
    True
    """
    from .. import __version__

    source = Path(lexicon) if lexicon is not None else _bundled("lexicons/korean_peninsula.toml")
    parts = [f"positions {__version__}"]
    if source is not None and source.is_file():
        try:
            with open(source, "rb") as fh:
                head = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError):
            head = {}  # the lexicon loader will say what is wrong with it
        ident = f"{head.get('id', source.stem)} {head.get('version', '?')}"
        parts.append(f"lexicon {ident} sha256:{sha256_file(source)[:16]}")
    # The bundled gazetteer is two files: the states (countries.toml), then actors.toml.
    files = [f for f in [_bundled("countries.toml"), _bundled("actors.toml"), *map(Path, actors)] if f is not None]
    digests = [sha256_file(f)[:16] for f in files if f.is_file()]
    if digests:
        parts.append("actors sha256:" + "+".join(digests))
    return "; ".join(parts)


_LOADED: dict[tuple[Optional[str], tuple[str, ...]], Callable[[Article], Analysis]] = {}


def _paths(values: Iterable[object]) -> tuple[str, ...]:
    return tuple(map(str, values))


@attrs.frozen
class PipelineAnalyzer:
    """:func:`positions.pipeline.analyze` with a lexicon and extra actors files, loading
    them once per process. It pickles as its paths only, so that worker processes load
    their own copy.

    >>> PipelineAnalyzer(actors=["mine.toml"]).actors
    ('mine.toml',)
    """

    lexicon: Optional[str] = None
    actors: tuple[str, ...] = attrs.field(default=(), converter=_paths)

    @property
    def fingerprint(self) -> str:
        return analyzer_fingerprint(self.lexicon, self.actors)

    def prepare(self) -> None:
        """Load (and so check) the lexicon and gazetteer now: a bad lexicon is then one
        error before the ingest starts, not one per article."""
        self._loaded()

    def __call__(self, article: Article) -> Analysis:
        return self._loaded()(article)

    def _loaded(self) -> Callable[[Article], Analysis]:
        key = (self.lexicon, self.actors)
        fn = _LOADED.get(key)
        if fn is None:
            import functools

            from ..actors import load_gazetteer
            from ..lexicon import load_lexicon
            from ..pipeline import analyze

            fn = functools.partial(
                analyze, lexicon=load_lexicon(self.lexicon), gazetteer=load_gazetteer(self.actors)
            )
            _LOADED[key] = fn
        return fn
