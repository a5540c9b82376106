"""The Dask path: the same store and the same analysis JSON as one machine."""

import gzip
import itertools

import pytest

from tests.conftest import SEED, WHITEHOUSE
from tests.test_cli import cli

pytestmark = pytest.mark.corpora


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, corpora):
    """Twelve White House records and the seed."""
    path = tmp_path_factory.mktemp("dask") / "wh12.jsonl.gz"
    with gzip.open(WHITEHOUSE, "rt", encoding="utf-8") as src, gzip.open(path, "wt") as out:
        out.writelines(itertools.islice(src, 12))
    return [path, SEED]


def test_distributed_local_cluster_writes_what_one_machine_writes(corpus, tmp_path):
    alone = cli("analyze", *corpus, "--json", "-", store=tmp_path / "alone.db")
    assert alone.returncode == 0, alone.stderr
    spread = cli(
        "analyze", *corpus, "--json", "-", "--scheduler", "local:2", store=tmp_path / "dask.db"
    )
    assert spread.returncode == 0, spread.stderr
    assert spread.stdout == alone.stdout  # byte for byte: documents, topics, extractions
    again = cli("analyze", *corpus, "--scheduler", "local:2", store=tmp_path / "dask.db")
    assert (
        again.returncode == 0
        and "0 added" in again.stderr
        and "0 paragraphs embedded" in again.stderr
    )


def test_distributed_bad_scheduler_is_one_clear_line(tmp_path):
    done = cli("analyze", SEED, "--scheduler", "local:zero", store=tmp_path / "r.db")
    assert done.returncode != 0
    assert done.stderr.strip().splitlines()[-1].endswith("use local:N with N workers, e.g. local:2")
    assert "Traceback" not in done.stderr and not (tmp_path / "r.db").exists()
