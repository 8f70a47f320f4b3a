"""Benchmark suite for the corpus site build: ``python -m benchmarks --help``.

Generates synthetic corpora from the repository's real registries and times MkDocs builds
with and without the corpus plugin, the pipeline alone, ``check`` and ``ingest``.
"""
