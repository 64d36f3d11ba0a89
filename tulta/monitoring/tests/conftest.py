"""The monitoring world (a programme dated around today) lives in ``tulta.testing.monitoring``,
shared with the mentoring tests."""

from __future__ import annotations

from tulta.testing.monitoring import (  # noqa: F401  (pytest finds fixtures by name)
    _template_methods,
    kelurahan,
    programme,
    upt,
)
