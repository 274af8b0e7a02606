"""article-compare: what each of two news articles carries that the other does not.

The pipeline, one module per stage:

1. `load`: a path, URL or bytes → `Article` (decoded text split into blocks, metadata).
2. `segment`: `Article` → `Document` (paragraphs with roles, sentences with ids and offsets).
3. `align`: two documents → `Alignment` (sentence matches, many-to-many, across
   reordering; statuses; paragraph groups with moves).
4. `entities` and `quotes`: who is named and quoted, matched across sides.
5. `facts`: unique passages grouped into labelled `Fact`s.
6. `context` and `render`: a display-ready `ReportContext`, rendered to
   HTML, PDF, Markdown or JSON (`export`).

`compare_articles` runs steps 1–5; `render_comparison` step 6; `batch` runs
many pairs; `cli` is the `article-compare` command.  `compare_set` compares
three or more articles of one event (`sets`), `render_set` renders the result.

>>> from compare import compare_articles, render_comparison  # doctest: +SKIP
>>> comparison = compare_articles("a.txt", "b.html")  # doctest: +SKIP
>>> [fact.label for fact in comparison.facts_on("b")]  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__

__all__ = [
    "Article",
    "ArticleError",
    "BatchOptions",
    "CompareError",
    "CompareOptions",
    "Comparison",
    "ConfigError",
    "RenderError",
    "SetComparison",
    "__version__",
    "compare_articles",
    "compare_loaded",
    "compare_set",
    "load_article",
    "load_bytes",
    "render_comparison",
    "render_set",
    "run_batch",
    "set_to_json",
    "to_json",
]

# Where each public name lives; imported on first use, so that `import compare`
# (and the command line's start-up) stays cheap.
_HOMES = {
    "Article": "model",
    "CompareOptions": "model",
    "Comparison": "model",
    "ArticleError": "errors",
    "CompareError": "errors",
    "ConfigError": "errors",
    "RenderError": "errors",
    "compare_articles": "pipeline",
    "compare_loaded": "pipeline",
    "load_article": "load",
    "load_bytes": "load",
    "render_comparison": "render",
    "to_json": "export",
    "BatchOptions": "batch",
    "run_batch": "batch",
    "SetComparison": "model",
    "compare_set": "sets",
    "render_set": "render",
    "set_to_json": "export",
}

if TYPE_CHECKING:  # pragma: no cover
    from .batch import BatchOptions, run_batch
    from .errors import ArticleError, CompareError, ConfigError, RenderError
    from .export import set_to_json, to_json
    from .load import load_article, load_bytes
    from .model import Article, CompareOptions, Comparison, SetComparison
    from .pipeline import compare_articles, compare_loaded
    from .render import render_comparison, render_set
    from .sets import compare_set


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module 'compare' has no attribute {name!r}")
