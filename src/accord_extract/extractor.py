"""The Python API: `Extractor().extract_text(...)`, `extract_file(...)`, `extract_many(...)`.

The CLI, the batch engines and notebooks all go through this class. The
pipeline is loaded on first use, once per process.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace

from .assemble import assemble
from .chunks import CHUNK_CHARS, MAX_CHARS, ChunkMerger, blank_runs, split_paragraphs
from .errors import InputError
from .io import Article, display, read_article
from .schemas import ExtractionResult


class Extractor:
    def __init__(self, nlp=None) -> None:
        self._nlp = nlp

    @property
    def nlp(self):
        if self._nlp is None:
            from .pipeline import load_pipeline

            self._nlp = load_pipeline()
        return self._nlp

    def extract_text(
        self,
        text: str,
        doc_id: str = "text",
        publication_date: str | None = None,
        source: str | None = None,
        title: str | None = None,
        encoding: str | None = None,
        warnings: list[str] | None = None,
    ) -> ExtractionResult:
        doc = self._process(text)
        return assemble(
            doc,
            doc_id=doc_id,
            source=source,
            publication_date=publication_date,
            title=title,
            encoding=encoding,
            warnings=warnings,
        )

    def extract_article(
        self, article: Article, doc_id: str, publication_date: str | None = None
    ) -> ExtractionResult:
        return self.extract_text(
            article.text,
            doc_id=doc_id,
            source=article.source,
            title=article.title,
            encoding=article.encoding,
            publication_date=publication_date or article.publication_date,
            warnings=article.warnings,
        )

    def extract_file(
        self, path: str | os.PathLike, publication_date: str | None = None, doc_id: str | None = None
    ) -> ExtractionResult:
        path = Path(path)
        return self.extract_article(read_article(path), doc_id or display(path.stem), publication_date)

    def extract_many(
        self, items: Iterable[tuple[Article, str]], n_process: int = 1, batch_size: int = 32
    ) -> Iterator[tuple[str, ExtractionResult]]:
        """Stream (article, doc_id) pairs through nlp.pipe; yields (doc_id, record) in input order."""

        def texts():
            for article, doc_id in items:
                if len(article.text) > CHUNK_CHARS:
                    # Long articles take the chunked path in the parent, not the worker pool.
                    yield "", (article, doc_id, True)
                else:
                    yield blank_runs(article.text), (article, doc_id, False)

        for doc, (article, doc_id, long) in self.nlp.pipe(
            texts(), as_tuples=True, n_process=n_process, batch_size=batch_size
        ):
            doc = self._process(article.text) if long else _with_text(doc, article.text)
            yield (
                doc_id,
                assemble(
                    doc,
                    doc_id=doc_id,
                    source=article.source,
                    title=article.title,
                    encoding=article.encoding,
                    publication_date=article.publication_date,
                    warnings=article.warnings,
                ),
            )

    def _process(self, text: str):
        """A doc (or doc-like object) over `text`: whole when short, else chunk by chunk, one Doc alive at
        a time, so memory follows the chunk size and not the article's."""
        nlp = self.nlp
        if len(text) <= CHUNK_CHARS:
            return _with_text(nlp(blank_runs(text)), text)
        if len(text) > MAX_CHARS:
            raise InputError(f"article too long: {len(text):,} characters (limit {MAX_CHARS:,})")
        merger = ChunkMerger()
        for offset, part in split_paragraphs(text, min(CHUNK_CHARS, nlp.max_length)):
            doc = nlp(blank_runs(part))
            merger.add(offset, doc)
            del doc
        return merger.doc(text, SimpleNamespace)


def _with_text(doc, text: str):
    """The doc, or a view of it over the original text when punctuation runs were blanked for the
    tokenizer (same length: offsets agree, mention texts and the hash come from what was read)."""
    return doc if doc.text == text else SimpleNamespace(text=text, _=doc._)
