"""Modules imported ahead on another thread: imported once, there, and quietly when missing."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from rmcli.matching.ahead import ahead


def test_a_module_is_imported_on_another_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The module runs once, on the loading thread; the caller then finds it imported."""
    (tmp_path / "rmcli_ahead_probe.py").write_text(
        "import threading\nLOADED_ON = threading.current_thread().name\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "rmcli_ahead_probe", raising=False)
    thread = ahead("rmcli_ahead_probe")
    thread.join(timeout=30)
    assert not thread.is_alive()
    import rmcli_ahead_probe  # type: ignore[import-not-found]  # written above

    assert rmcli_ahead_probe.LOADED_ON == thread.name != threading.current_thread().name


def test_a_missing_module_is_left_to_the_caller(capsys: pytest.CaptureFixture[str]) -> None:
    """An import that fails on the loading thread raises nothing there and prints nothing."""
    failures: list[object] = []
    old, threading.excepthook = threading.excepthook, failures.append
    try:
        thread = ahead("rmcli_no_such_module", "json")
        thread.join(timeout=30)
    finally:
        threading.excepthook = old
    assert not thread.is_alive() and failures == []
    assert capsys.readouterr().err == ""
