"""Run on dask workers through `client.run`: make an article marked HANG hang, as a stuck rule would."""

import time


def install_hang():
    import accord_extract.tasks as tasks

    if getattr(tasks, "_real_extract_one", None) is None:
        tasks._real_extract_one = tasks.extract_one

    def extract_one(extractor, doc_id, fields):
        if "HANG" in fields["text"]:
            while True:  # Python code: the watchdog's exception reaches it
                time.sleep(0.05)
        return tasks._real_extract_one(extractor, doc_id, fields)

    tasks.extract_one = extract_one


def remove_hang():
    import accord_extract.tasks as tasks

    if getattr(tasks, "_real_extract_one", None) is not None:
        tasks.extract_one = tasks._real_extract_one
        tasks._real_extract_one = None
