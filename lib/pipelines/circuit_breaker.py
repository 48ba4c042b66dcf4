"""A small circuit breaker for one remote backend (the TILT server).

Why: when the GPU box is down, every request would otherwise spend its whole retry budget (seconds) before
failing. After ``failure_threshold`` consecutive failed calls the breaker *opens* and calls fail at once; after
``reset_timeout_s`` it lets exactly one trial call through (*half-open*). The trial's success closes the breaker,
its failure re-opens it for another cool-down.

States::

    closed ──N consecutive failures──▶ open ──reset_timeout_s──▶ half_open ──trial ok──▶ closed
                                         ▲                            │
                                         └────────trial failed────────┘

Single event loop, no locks: every method is synchronous and runs between awaits. The clock is injectable
so tests can move time instead of sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

__all__ = ["BreakerState", "CircuitBreaker", "Ticket"]

BreakerState = Literal["closed", "open", "half_open"]


class Ticket:
    """Proof that a call was let through, and whether it is the half-open trial (only its end frees the trial
    slot: an ordinary call that started before the breaker opened must not release someone else's trial)."""

    __slots__ = ("trial",)

    def __init__(self, trial: bool) -> None:
        self.trial = trial


class CircuitBreaker:
    """Counts consecutive failures of whole calls (after retries) and short-circuits when the backend is down.

    Args:
        failure_threshold: consecutive failed calls that open the breaker (≥ 1).
        reset_timeout_s: seconds the breaker stays open before one trial call is allowed.
        clock: monotonic seconds; injectable for tests.
    """

    def __init__(
        self,
        *,
        failure_threshold: int = 5,
        reset_timeout_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failure_threshold < 1:
            raise ValueError("failure_threshold must be >= 1")
        if reset_timeout_s < 0:
            raise ValueError("reset_timeout_s must be >= 0")
        self._threshold = failure_threshold
        self._reset_timeout_s = reset_timeout_s
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_in_flight = False

    @property
    def state(self) -> BreakerState:
        """``closed``, ``open``, or ``half_open`` (open and the cool-down has passed)."""
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at >= self._reset_timeout_s:
            return "half_open"
        return "open"

    @property
    def consecutive_failures(self) -> int:
        return self._failures

    @property
    def retry_after_s(self) -> float:
        """Seconds until a trial call will be allowed (0 when not open)."""
        if self._opened_at is None:
            return 0.0
        return max(0.0, self._reset_timeout_s - (self._clock() - self._opened_at))

    def allow_request(self) -> Ticket | None:
        """A ticket if a call may start now (truthy), else None. In half-open state only one trial call is let
        through at a time.

        A caller that got a ticket must end with exactly one of :meth:`record_success`, :meth:`record_failure`
        or :meth:`release`, passing the ticket back.
        """
        state = self.state
        if state == "closed":
            return Ticket(trial=False)
        if state == "open" or self._trial_in_flight:
            return None
        self._trial_in_flight = True
        return Ticket(trial=True)

    def _end(self, ticket: Ticket | None) -> bool:
        """Free the trial slot if this call held it; True if it did. (No ticket: legacy callers, assume so.)"""
        was_trial = self._trial_in_flight if ticket is None else ticket.trial
        if was_trial:
            self._trial_in_flight = False
        return was_trial

    def record_success(self, ticket: Ticket | None = None) -> None:
        """The call reached a healthy backend: close the breaker and reset the count."""
        self._end(ticket)
        self._failures = 0
        self._opened_at = None

    def record_failure(self, ticket: Ticket | None = None) -> None:
        """The call failed because of the backend: count it, and (re-)open when the threshold is reached."""
        self._failures += 1
        was_trial = self._end(ticket)
        if was_trial or self._failures >= self._threshold:
            self._opened_at = self._clock()

    def release(self, ticket: Ticket | None = None) -> None:
        """The call ended without telling anything about the backend (e.g. cancelled): free its trial slot."""
        self._end(ticket)
