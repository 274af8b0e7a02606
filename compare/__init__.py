"""article-compare: what each of two news articles carries that the other does not.

The pipeline, one module per stage:

1. `load`: a path, URL or bytes → `Article` (decoded text split into blocks, metadata).
2. `segment`: `Article` → `Document` (paragraphs with roles, sentences with ids and offsets).
3. `align`: two documents → `Alignment` (sentence matches, many-to-many, across
   reordering; statuses; paragraph groups with moves).
4. `entities` and `quotes`: who is named and quoted, matched across sides.
5. `facts`: unique passages grouped into labelled `Fact`s.
6. `context` and `render`: a display-ready `ReportContext`, rendered to
   HTML, PDF, Markdown or JSON.

`compare_articles` runs steps 1–5; `batch` runs many pairs; `cli` is the
`article-compare` command.
"""

__version__ = "0.1.0"
