"""Sentence and paragraph boundaries without the parser.

The stock parser costs half the pipeline's time and we need only sentence
boundaries; press text marks them with final punctuation and line breaks.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

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
        start_next = True
        for token in doc:
            token.is_sent_start = start_next
            if (
                (token.is_space and "\n" in token.text)
                or "\n" in token.whitespace_
                or token.text in self.final
                or (
                    start_next
                    and token.text in CLOSERS
                    and token.i > 0
                    and doc[token.i - 1].text in self.final
                )
            ):
                start_next = True
            else:
                start_next = False
        return doc
