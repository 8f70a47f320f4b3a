"""Exchanging annotations with other tools: SemEval PTC label files, brat standoff files and
W3C Web Annotation JSON-LD.

``ptc.py``, ``brat.py`` and ``w3c.py`` are pure parse/format functions over ``Record`` (one
annotation with offsets into its seed, ``record.py``); ``collect.py`` turns the index's spans
into records; ``importer.py`` checks imported records against seeds, codebooks and article
texts, and ``store.py`` merges them into each article's ``.annotations.yml``;
``exporter.py`` writes the export files.
"""
