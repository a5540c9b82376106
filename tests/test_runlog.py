import pytest

from components import runlog


def test_runlog_times_each_run_only_when_asked(tmp_path, monkeypatch):
    log = tmp_path / "runs.tsv"
    monkeypatch.delenv("READOUT_RUN_LOG", raising=False)
    with runlog.timed_run():
        pass
    assert not log.exists()
    monkeypatch.setenv("READOUT_RUN_LOG", str(log))
    with runlog.timed_run():
        pass
    with pytest.raises(KeyError), runlog.timed_run():
        raise KeyError("a run cut short")
    rows = runlog.read(str(log))
    assert [outcome for _, _, outcome in rows] == ["done", "KeyError"]
    assert all(seconds >= 0 for _, seconds, _ in rows)
