"""CircuitBreaker state machine, with a fake clock."""

from __future__ import annotations

import pytest

from lib.pipelines.circuit_breaker import CircuitBreaker
from tests.tilt_helpers import FakeClock


def _breaker(clock: FakeClock, threshold: int = 3) -> CircuitBreaker:
    return CircuitBreaker(failure_threshold=threshold, reset_timeout_s=10, clock=clock)


def test_opens_after_consecutive_failures_only() -> None:
    clock = FakeClock()
    b = _breaker(clock)
    b.record_failure()
    b.record_failure()
    b.record_success()  # resets the streak
    b.record_failure()
    b.record_failure()
    assert b.state == "closed" and b.allow_request()
    b.record_failure()
    assert b.state == "open"
    assert not b.allow_request()
    assert b.retry_after_s == pytest.approx(10)


def test_half_open_lets_one_trial_through_and_success_closes() -> None:
    clock = FakeClock()
    b = _breaker(clock, threshold=1)
    b.record_failure()
    clock.advance(9.9)
    assert b.state == "open"
    clock.advance(0.1)
    assert b.state == "half_open"
    assert b.allow_request()
    assert not b.allow_request()  # one trial at a time
    b.record_success()
    assert b.state == "closed" and b.consecutive_failures == 0


def test_failed_trial_reopens_for_a_new_cool_down() -> None:
    clock = FakeClock()
    b = _breaker(clock, threshold=2)
    b.record_failure()
    b.record_failure()
    clock.advance(10)
    assert b.allow_request()
    b.record_failure()
    assert b.state == "open"
    clock.advance(5)
    assert b.state == "open"
    clock.advance(5)
    assert b.state == "half_open"


def test_release_frees_the_trial_slot() -> None:
    clock = FakeClock()
    b = _breaker(clock, threshold=1)
    b.record_failure()
    clock.advance(10)
    assert b.allow_request()
    b.release()  # e.g. the trial call was cancelled
    assert b.state == "half_open" and b.allow_request()


def test_rejects_nonsense_configuration() -> None:
    with pytest.raises(ValueError):
        CircuitBreaker(failure_threshold=0)


def test_an_ordinary_call_ending_late_does_not_free_the_trial_slot() -> None:
    now = [0.0]
    b = CircuitBreaker(failure_threshold=1, reset_timeout_s=10, clock=lambda: now[0])
    early = b.allow_request()  # started while closed
    b.record_failure(b.allow_request())  # another call fails: open
    now[0] = 11.0
    trial = b.allow_request()
    assert trial is not None and trial.trial
    b.release(early)  # the early call is cancelled now
    assert b.allow_request() is None  # still one trial at a time
    b.record_success(trial)
    assert b.state == "closed"
