"""A small bounded, thread-safe cache for the work documents repeat from
one to the next (parsed paragraphs, font subsets)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any


class Memo:
    """Keeps at most ``size`` results; the oldest goes first when full."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: dict[Hashable, Any] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            return self._data.get(key)

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            if key not in self._data and len(self._data) >= self.size:
                self._data.pop(next(iter(self._data)))
            self._data[key] = value

    def get_or_make(self, key: Hashable, make: Callable[[], Any]) -> Any:
        value = self.get(key)
        if value is None:
            value = make()
            self.put(key, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
