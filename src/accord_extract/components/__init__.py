"""The project's spaCy components, one per file, each behind a @Language.factory.

They are reached by `spacy.load`/`nlp.add_pipe` through the `spacy_factories`
entry point; importing this package is only needed when building a pipeline
by hand. Components write plain values (str, int, lists, dicts) to `doc._`
extensions so that docs survive `nlp.pipe(n_process=N)`.
"""
