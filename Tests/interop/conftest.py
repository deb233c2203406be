import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def bin_dir():
    return pathlib.Path(os.environ.get("TAPPASS_BIN", ROOT / ".build" / "debug"))


@pytest.fixture(scope="session")
def root():
    return ROOT
