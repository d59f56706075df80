"""Sentence and paragraph boundaries without the parser.

The stock parser costs half the pipeline's time and we need only sentence
boundaries; press text marks them with final punctuation and line breaks.
"""

from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from ._common import token_words

NOT_START = numpy.uint64(2**64 - 1)  # -1 as spaCy's uint64 attribute arrays store it
FINAL = frozenset({".", "!", "?", "…", "...", ":"})
CLOSERS = frozenset({"»", '"', "”", ")"})


@Language.factory(
    "accord_sentences", assigns=["token.is_sent_start"], default_config={"split_on_colon": False}
)
def make_sentence_splitter(nlp: Language, name: str, split_on_colon: bool) -> SentenceSplitter:
    return SentenceSplitter(split_on_colon)


class SentenceSplitter:
    def __init__(self, split_on_colon: bool = False) -> None:
        self.final = FINAL if split_on_colon else FINAL - {":"}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        words = token_words(doc)
        starts = numpy.full(len(doc), NOT_START, dtype="uint64")
        start_next = True
        for i, word in enumerate(words):
            if start_next and word in CLOSERS and i > 0 and words[i - 1] in self.final:
                continue  # « oui. » : the closing quote ends the sentence it closes
            if start_next:
                starts[i] = 1
            start_next = ("\n" in word and not word.strip()) or word in self.final
        doc.from_array(["SENT_START"], starts)
        return doc
