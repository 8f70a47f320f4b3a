"""build_tools: turn raw news seeds into an annotated Markdown corpus and a cross-linked site.

The order of work, one folder or module per stage:

1. ``ingest/``  seeds -> corpus files (builds the ``model.ArticleMeta`` that load reads)
2. ``load``     corpus files -> a validated ``Corpus`` and a ``Report`` (``validate``: schema errors)
3. ``index``    ``Corpus`` -> ``Indexes`` (every cross-reference)
4. ``render/``  ``Indexes`` -> page Markdown and open-data files (pure)
5. ``adapters/`` the MkDocs plugin (the only importer of mkdocs), the Markdown safety extension,
   ``export``; ``site.build_site`` runs 2-4 once for any of them.

Shared by all stages: ``model`` (the schema), ``diagnostics`` (the one problem type),
``annotations`` (the inline grammar), ``markup`` (escaping, URLs, slugs), ``files/`` (reading
and writing safely).
"""

__version__ = "0.1.0"
