"""The task runner: results and errors on the main thread, one writer in order, busy feedback only after a delay."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot

from hubdesk.gui.tasks import BUSY_DELAY_MS, TaskHandle, TaskRunner
from hubdesk.kernel.errors import Interrupted, ValidationError
from hubdesk.kernel.i18n import N_, _, set_language
from hubdesk.kernel.jobs import Reporter

pytestmark = pytest.mark.gui


@pytest.fixture
def runner(qtbot: QtBot) -> TaskRunner:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def test_results_come_back_on_the_main_thread(runner: TaskRunner, qtbot: QtBot) -> None:
    seen: list[tuple[str, str]] = []
    main = threading.current_thread().name
    with qtbot.waitSignal(runner.succeeded):
        runner.read(
            lambda: threading.current_thread().name,
            on_done=lambda worker: seen.append((worker, threading.current_thread().name)),
        )
    worker, callback = seen[0]
    assert worker.startswith("hubdesk-read") and callback == main


def test_an_error_reaches_its_callback_and_the_failed_signal(runner: TaskRunner, qtbot: QtBot) -> None:
    def refuse() -> None:
        raise ValidationError(N_("The name cannot be empty."), field="name")

    errors: list[BaseException] = []
    with qtbot.waitSignal(runner.failed) as blocker:
        runner.write(refuse, on_error=errors.append)
    handle = blocker.args[0]
    assert isinstance(handle, TaskHandle) and handle.error is errors[0]
    assert str(errors[0]) == "The name cannot be empty."


def test_an_error_without_callback_is_shown_not_swallowed(qtbot: QtBot) -> None:
    shown: list[tuple[BaseException, str]] = []
    runner = TaskRunner(error_presenter=lambda error, action: shown.append((error, action)))
    try:
        with qtbot.waitSignal(runner.failed):
            runner.read(lambda: 1 / 0, label="Counting")
        assert isinstance(shown[0][0], ZeroDivisionError) and shown[0][1] == "Counting"
    finally:
        runner.shutdown()


def test_writes_run_one_at_a_time_in_the_order_given(runner: TaskRunner, qtbot: QtBot) -> None:
    order: list[int] = []
    active = [0]
    overlap = []

    def write(number: int) -> None:
        active[0] += 1
        overlap.append(active[0])
        order.append(number)
        active[0] -= 1

    for number in range(20):
        runner.write(write, number)
    qtbot.waitUntil(lambda: runner.pending_writes == 0)
    assert order == list(range(20)) and max(overlap) == 1


def test_keywords_go_to_the_function_and_options_to_the_runner(runner: TaskRunner, qtbot: QtBot) -> None:
    results: list[str] = []
    with qtbot.waitSignal(runner.succeeded):
        runner.read(lambda a, *, b: f"{a}{b}", "x", b="y", on_done=results.append)
    assert results == ["xy"]


def test_work_runs_in_the_language_of_the_window(runner: TaskRunner, qtbot: QtBot) -> None:
    set_language("fr")
    try:
        results: list[str] = []
        with qtbot.waitSignal(runner.succeeded):
            runner.read(lambda: _("Cancel"), on_done=results.append)
        assert results == ["Annuler"]
    finally:
        set_language("en")


def test_quick_work_shows_no_busy_feedback_and_slow_work_does(runner: TaskRunner, qtbot: QtBot) -> None:
    busy_changes: list[bool] = []
    runner.busy_changed.connect(busy_changes.append)
    with qtbot.waitSignal(runner.succeeded):
        runner.read(lambda: None, label="Quick")
    assert busy_changes == [] and QApplication.overrideCursor() is None

    release = threading.Event()
    handle = runner.read(lambda: release.wait(10), label="Slow")
    qtbot.waitUntil(lambda: runner.busy, timeout=BUSY_DELAY_MS * 4)
    assert handle.dialog is not None and isinstance(handle.dialog, QProgressDialog)
    assert QApplication.overrideCursor() is not None
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert busy_changes == [True, False] and QApplication.overrideCursor() is None


def test_a_long_task_reports_progress_and_can_be_cancelled(runner: TaskRunner, qtbot: QtBot) -> None:
    started = threading.Event()
    progress: list[int] = []

    def long_job(reporter: Reporter) -> None:
        started.set()
        done = 0
        while True:
            done += 1
            reporter.report(done, 10_000_000, force=done % 1000 == 0)

    handle = runner.read(
        long_job,
        with_reporter=True,
        on_progress=lambda p: progress.append(p.done),
        on_error=lambda e: None,
        cancellable=True,
        label="Long",
    )
    qtbot.waitUntil(lambda: bool(progress))
    handle.cancel()
    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        pass
    assert isinstance(blocker.args[0].error, Interrupted)
