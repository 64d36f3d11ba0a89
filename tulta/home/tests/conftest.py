"""The monitoring world (a programme dated around today) serves the home tests too."""

from __future__ import annotations

from tulta.testing.monitoring import (  # noqa: F401  (pytest finds fixtures by name)
    _template_methods,
    programme,
)
