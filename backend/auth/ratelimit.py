"""Failed-login limiter per (user name, client address), in memory of the server process.

After ``attempts`` failures within ``window`` seconds further logins for that pair are refused
(429 with Retry-After) until the oldest failure leaves the window; a success clears the pair.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque

from backend.settings import Settings


class LoginLimiter:
    def __init__(self, attempts: int = 5, window: float = 300.0) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        while failures and now - failures[0] > self.window:
            failures.popleft()
        return failures

    def retry_after(self, username: str, ip: str) -> int:
        """Seconds to wait before trying again, 0 when a try is allowed now."""
        now = time.monotonic()
        with self._lock:
            failures = self._recent((username.lower(), ip), now)
            if len(failures) < self.attempts:
                return 0
            return max(1, math.ceil(self.window - (now - failures[0])))

    def failed(self, username: str, ip: str) -> None:
        with self._lock:
            now = time.monotonic()
            self._recent((username.lower(), ip), now).append(now)

    def succeeded(self, username: str, ip: str) -> None:
        with self._lock:
            self._failures.pop((username.lower(), ip), None)


_limiters: dict[tuple[int, float], LoginLimiter] = {}
_limiters_lock = threading.Lock()


def shared_limiter(settings: Settings) -> LoginLimiter:
    """The process's limiter for these settings, shared by the API and the UI login."""
    key = (settings.login_attempts, settings.login_window)
    with _limiters_lock:
        if key not in _limiters:
            _limiters[key] = LoginLimiter(*key)
        return _limiters[key]
