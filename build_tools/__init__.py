"""build_tools: turn raw news seeds into an annotated Markdown corpus and a cross-linked site.

Stages (one module each): ingest -> load (+ validate) -> index -> render -> adapters
(``mkdocs_plugin`` is the only module that imports mkdocs; ``export`` writes plain files).
"""

__version__ = "0.1.0"
