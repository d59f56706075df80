"""The Python API: `Extractor().extract_text(...)`, `extract_file(...)`, `extract_many(...)`, `to_record(doc)`.

The CLI, the batch engines and notebooks all go through this class. The
pipeline is loaded on first use, once per process; `Extractor(nlp=...)` takes
a pipeline the caller built (the stock model plus the project's components).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace

from .assemble import assemble
from .chunks import CHUNK_CHARS, MAX_CHARS, ChunkMerger, blank_runs, split_paragraphs
from .errors import InputError
from .io import Article, display, guess_language, read_article
from .schemas import ExtractionResult

# Short texts go through `nlp.pipe` together, up to this many characters in all: enough for spaCy's
# batching to pay, little enough that the group's shared work (tokenizer, NER) is a small part of any
# article's time budget.
PIPE_CHARS = 50_000


def pipe_groups(lengths: list[int]) -> list[tuple[int, int]]:
    """[start, end) runs of texts that go through `nlp.pipe` together: consecutive short texts up to
    PIPE_CHARS in all; a long text (the chunked path) alone. The batch engines use the same runs to
    know whose time budget held the group's shared work (the first text's)."""
    groups, start, size = [], 0, 0
    for i, n in enumerate(lengths):
        if n > CHUNK_CHARS or (i > start and size + n > PIPE_CHARS):
            if i > start:
                groups.append((start, i))
            start, size = i, 0
        size += n
        if n > CHUNK_CHARS:
            groups.append((i, i + 1))
            start, size = i + 1, 0
    if start < len(lengths):
        groups.append((start, len(lengths)))
    return groups


def to_record(
    doc,
    doc_id: str = "text",
    publication_date: str | None = None,
    source: str | None = None,
    title: str | None = None,
    url: str | None = None,
    encoding: str | None = None,
    warnings: list[str] | None = None,
    language: str | None = None,
    with_text: bool = False,
    default_date: str | None = None,
) -> ExtractionResult:
    """The record of a Doc the project's components have run over (`nlp(text)` or `nlp.pipe`).

    `publication_date` overrides any date the text states; `default_date` is used only when neither
    it nor the text gives one."""
    from .rows import iso_day

    meta = {
        "doc_id": doc_id,
        "source": source,
        "title": title,
        "encoding": encoding,
        "warnings": warnings,
        "publication_date": iso_day(publication_date),
    }
    record = assemble(doc, **meta)
    default_date = iso_day(default_date, field="default publication date")
    if record.document.publication_date is None and default_date:
        record = assemble(doc, **{**meta, "publication_date": default_date})
    document = record.document
    document.language = language or (guess_language(doc.text) if doc.text.strip() else "fr")
    document.url = url
    if with_text:
        document.text = doc.text
    return record


class Extractor:
    def __init__(self, nlp=None, batch_size: int = 16) -> None:
        self._nlp = nlp
        self.batch_size = batch_size

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
        url: str | None = None,
        with_text: bool = False,
    ) -> ExtractionResult:
        from .rows import iso_day

        publication_date = iso_day(publication_date)  # a bad value fails before the work
        return to_record(
            self._process(text),
            doc_id=doc_id,
            source=source,
            publication_date=publication_date,
            title=title,
            encoding=encoding,
            warnings=warnings,
            url=url,
            with_text=with_text,
        )

    def extract_article(
        self,
        article: Article,
        doc_id: str,
        publication_date: str | None = None,
        with_text: bool = False,
        default_date: str | None = None,
    ) -> ExtractionResult:
        return self._record(
            self._process(article.text), article, doc_id, publication_date, with_text, default_date
        )

    def extract_file(
        self,
        path: str | os.PathLike,
        publication_date: str | None = None,
        doc_id: str | None = None,
        with_text: bool = False,
    ) -> ExtractionResult:
        path = Path(path)
        return self.extract_article(
            read_article(path), doc_id or display(path.stem), publication_date, with_text=with_text
        )

    def extract_many(
        self,
        items: Iterable,
        n_process: int = 1,
        batch_size: int = 32,
        publication_date: str | None = None,
        with_text: bool = False,
    ) -> Iterator[ExtractionResult]:
        """Records of many texts, in input order, through `nlp.pipe`.

        Each item is a string (its id is its position), a dict {"id", "text", "publication_date",
        "title", "source", "url"} (publication_date a `datetime.date` or "YYYY-MM-DD"), or an
        (Article, doc_id) pair. `publication_date` here is the default for items that give none.
        A malformed item raises InputError naming it and the field, before any text is processed."""
        from .rows import article_of, iso_day

        default = iso_day(publication_date)
        pairs = []
        for n, item in enumerate(items):
            if isinstance(item, str):
                pairs.append(article_of({"id": str(n), "text": item}, f"item {n}"))
            elif isinstance(item, dict):
                pairs.append(article_of(item, f"item {n} (id {item.get('id')!r})"))
            elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], Article):
                pairs.append((item[1], item[0]))
            else:
                raise InputError(
                    f"item {n}: expected a string, a dict or (Article, doc_id), not {item!r:.60}"
                )
        if n_process > 1:
            yield from self._pipe_processes(pairs, n_process, batch_size, default, with_text)
            return
        for (doc_id, article), doc in zip(
            pairs, self._docs([a.text for _, a in pairs], batch_size), strict=True
        ):
            if isinstance(doc, Exception):
                raise doc
            yield self._record(doc, article, doc_id, None, with_text, default)

    def stream(
        self, items: list[tuple[str, Article]], with_text: bool = False, default_date: str | None = None
    ) -> Iterator[tuple[str, ExtractionResult | Exception]]:
        """(doc_id, record or the exception it raised) for each item, in order, as each one finishes.

        Short articles go through `nlp.pipe` together (its batching is where spaCy's speed is); a long
        one takes the chunked path alone. The batch workers report each result as it comes."""
        docs = self._docs([article.text for _, article in items], self.batch_size)
        for (doc_id, article), doc in zip(items, docs, strict=True):
            if isinstance(doc, Exception):
                yield doc_id, doc
                continue
            try:
                yield doc_id, self._record(doc, article, doc_id, None, with_text, default_date)
            except Exception as exc:
                yield doc_id, exc

    def _record(self, doc, article: Article, doc_id, publication_date, with_text, default_date):
        return to_record(
            doc,
            doc_id=doc_id,
            source=article.source,
            title=article.title,
            encoding=article.encoding,
            publication_date=publication_date or article.publication_date,
            warnings=article.warnings,
            url=article.url,
            language=article.language,
            with_text=with_text,
            default_date=default_date,
        )

    def _docs(self, texts: list[str], batch_size: int) -> Iterator:
        """A doc (or the exception raised) per text, in order, group by group (see `pipe_groups`). A
        failure inside a group sends the rest of it one text at a time, so that only the text at fault
        gets the exception."""
        for start, end in pipe_groups([len(t) for t in texts]):
            if end - start == 1:
                yield self._guarded(texts[start])
                continue
            done = start
            try:
                for doc in self.nlp.pipe((blank_runs(t) for t in texts[start:end]), batch_size=batch_size):
                    text = texts[done]
                    done += 1
                    yield _with_text(doc, text)
            except Exception:
                for text in texts[done:end]:
                    yield self._guarded(text)

    def _guarded(self, text: str):
        try:
            return self._process(text)
        except Exception as exc:
            return exc

    def _pipe_processes(self, pairs, n_process: int, batch_size: int, default, with_text):
        """`nlp.pipe(n_process=N)`: the Docs come back to this process, which builds the records."""
        texts = (
            ("" if len(a.text) > CHUNK_CHARS else blank_runs(a.text), k) for k, (_, a) in enumerate(pairs)
        )
        for doc, k in self.nlp.pipe(texts, as_tuples=True, n_process=n_process, batch_size=batch_size):
            doc_id, article = pairs[k]
            doc = (
                self._process(article.text)
                if len(article.text) > CHUNK_CHARS
                else _with_text(doc, article.text)
            )
            yield self._record(doc, article, doc_id, None, with_text, default)

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
