"""The cycle collector rests while a command builds its big data, and never walks it again."""

from __future__ import annotations

import gc

from rmcli.io.bulk import bulk


def test_the_collector_rests_inside_and_runs_again_after() -> None:
    assert gc.isenabled()
    with bulk():
        assert not gc.isenabled()
        with bulk():  # a file read while planning
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_big_data_moves_to_the_permanent_generation_small_data_does_not() -> None:
    frozen = gc.get_freeze_count()
    try:
        with bulk():
            small = [[i] for i in range(10)]
        assert gc.get_freeze_count() == frozen
        with bulk():
            big = [[i] for i in range(2 * gc.get_threshold()[0])]
        assert gc.get_freeze_count() >= frozen + len(big)
        assert gc.isenabled() and small
    finally:
        gc.unfreeze()
