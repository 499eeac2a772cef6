"""The collector pause: off during the step, back as it was afterwards, even when steps nest or fail."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from hubdesk.kernel.collector import collector_paused


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_off_during_the_step_and_on_after_it_even_on_error() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer step still runs
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_concurrent_steps_turn_it_back_on_when_the_last_one_ends() -> None:
    entered, release = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            entered.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    entered.wait(5)
    with collector_paused():
        pass
    assert not gc.isenabled()  # the other thread's step is still running
    release.set()
    thread.join(5)
    assert gc.isenabled()
