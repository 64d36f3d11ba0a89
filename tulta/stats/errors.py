"""The one exception type of :mod:`tulta.stats`.

Every problem with the *input* of a statistics function raises :class:`StatsInputError`, a
:class:`ValueError` that carries

- ``code``: a stable English identifier for programs and tests (``"not_a_number"``,
  ``"too_few_groups"``, ...);
- ``message``: a Bahasa Indonesia sentence for the user that names the problem and where it is,
  with 1-based numbering ("Subgrup ke-3, nilai ke-2 bukan angka.");
- ``where``: the location as keyword data with **0-based** indices (``subgroup=2, value=1``), for
  programs that want to highlight the offending cell.
"""

from __future__ import annotations

from typing import Any


class StatsInputError(ValueError):
    """Invalid input to a statistics function (see the module docstring for the contract)."""

    def __init__(self, code: str, message: str, **where: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.where: dict[str, Any] = where

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        extra = "".join(f", {key}={value!r}" for key, value in self.where.items())
        return f"StatsInputError({self.code!r}, {self.message!r}{extra})"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable form: ``{"code", "message", "where"}``."""
        return {"code": self.code, "message": self.message, "where": dict(self.where)}
