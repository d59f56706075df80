"""Run on dask workers through `client.run`: swap in the test-only stub pipeline (`accord_extract.stub`),
whose marks act out faults (STUB-HANG hangs as a stuck rule would), and swap the real one back."""

import os


def install_stub(seconds=0.0):
    from accord_extract.stub import ENV

    os.environ[ENV] = str(seconds)


def remove_stub():
    from accord_extract.stub import ENV

    os.environ.pop(ENV, None)
