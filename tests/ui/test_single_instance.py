"""One app per data folder: a second launch hands over to the first."""

from __future__ import annotations

from pathlib import Path

from weshape_desktop.ui.single_instance import SingleInstance


def test_second_instance_activates_the_first(qtbot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    assert first.claim()
    second = SingleInstance(tmp_path)
    with qtbot.waitSignal(first.activated, timeout=5_000):
        assert not second.claim()
    other_folder = SingleInstance(tmp_path / "other")
    assert other_folder.claim()
    for instance in (first, second, other_folder):
        instance.deleteLater()


def test_a_crashed_instance_does_not_block_the_next(qtbot, tmp_path: Path) -> None:
    crashed = SingleInstance(tmp_path)
    assert crashed.claim()
    assert crashed.server is not None
    crashed.server.close()  # like a process that died: nobody answers on the name any more
    assert SingleInstance(tmp_path).claim()
