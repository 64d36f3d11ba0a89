"""The monitoring tests' programme (dated around today) and helpers serve mentoring too."""

from __future__ import annotations

from tulta.monitoring.tests.conftest import (  # noqa: F401  (pytest finds fixtures by name)
    _template_methods,
    kelurahan,
    programme,
    upt,
)
